#!/usr/bin/env bash
# Packs MlGan's NuGet packages into OUTDIR: the libraries MlGan.Transforms, MlGan.Trainers and MlGan.Evaluation, and the
# mlgan dotnet tool MlGan.Cli. Release, deterministic (ContinuousIntegrationBuild: /_/ source paths in the embedded
# PDBs), SourceLink to the current commit.
#   build/pack.sh OUTDIR [dotnet pack options...]     e.g. --no-build (after a Release build), -p:Version=0.2.0
# Environment: MLGAN_REPOSITORY_URL sets the packages' repository URL where the git remote 'origin' is not set;
# MLGAN_BUILD_LOCK=FILE runs the packs under flock FILE (machines that share their cores).
set -euo pipefail
# Under the lock once for all four packs (each would otherwise queue behind other builds on its own).
if [ -n "${MLGAN_BUILD_LOCK:-}" ] && [ -z "${_MLGAN_PACK_LOCKED:-}" ]; then
  exec env _MLGAN_PACK_LOCKED=1 flock "$MLGAN_BUILD_LOCK" "$0" "$@"
fi
[ $# -ge 1 ] || { echo "usage: build/pack.sh OUTDIR [dotnet pack options...]" >&2; exit 2; }
out=$(mkdir -p "$1" && cd "$1" && pwd)
shift
cd "$(dirname "$0")/.."

props=(-p:ContinuousIntegrationBuild=true)
[ -n "${MLGAN_REPOSITORY_URL:-}" ] && props+=("-p:RepositoryUrl=$MLGAN_REPOSITORY_URL")
# A tool package holds its publish folder as it is: start it empty so no earlier publish's files ride along.
rm -rf src/Cli/bin/Release/net10.0/publish

# The tool depends on the three libraries, so packing it builds them all once; the libraries pack from that build.
dotnet pack src/Cli/MlGan.Cli.csproj -c Release -o "$out" "${props[@]}" "$@" -nologo -v:q
nobuild=(--no-build)
for arg in "$@"; do [ "$arg" = --no-build ] && nobuild=(); done
for project in Transforms Trainers Evaluation; do
  dotnet pack "src/$project/MlGan.$project.csproj" -c Release -o "$out" "${nobuild[@]}" "${props[@]}" "$@" -nologo -v:q
done
ls -l "$out"/*.nupkg

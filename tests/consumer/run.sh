#!/usr/bin/env bash
# The consumer test: MlGan used as a new user would, from packages, outside this repository.
#   1. build/pack.sh packs the libraries and the mlgan tool into a temporary folder feed;
#   2. in a fresh `dotnet new console` project under /tmp (no Directory.*.props / .targets in scope: checked), add the
#      MlGan packages from that feed plus TorchSharp-cpu, build Program.cs.txt (train a few steps, ml.Model.Save, reload
#      in a new MLContext, compare) and run it;
#   3. `dotnet tool install MlGan.Cli --tool-path DIR --add-source FEED`, then the installed mlgan runs `data` and
#      `score`.
# Each step prints "consumer: PASS|FAIL NAME" and the last line is "consumer: N passed, N failed" (tests/run.sh adds it
# up). Temporary folders (feed, project, tool, the packages NuGet extracted) are removed at the end.
#   tests/consumer/run.sh [--no-build]     --no-build: pack the Release build already there (tests/run.sh does)
# MLGAN_BUILD_LOCK=FILE runs the dotnet builds under flock FILE.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
pack_args=()
[ "${1:-}" = --no-build ] && pack_args+=(--no-build)
lock=()
[ -n "${MLGAN_BUILD_LOCK:-}" ] && lock=(flock "$MLGAN_BUILD_LOCK")

# A version of its own, so NuGet's global package cache never serves an older pack of the same version.
version="0.1.0-consumer.$(date +%s).$$"
work=$(mktemp -d /tmp/mlgan-consumer.XXXXXX)
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$work"
  for id in mlgan.transforms mlgan.trainers mlgan.evaluation mlgan.cli; do
    rm -rf "${packages:?}/$id/$version"
    rmdir "$packages/$id" 2>/dev/null || true  # only when no other version is there
  done
}
trap cleanup EXIT
passed=0 failed=0
pass() { echo "consumer: PASS $1"; passed=$((passed + 1)); }
fail() { echo "consumer: FAIL $1"; failed=$((failed + 1)); }
summary() { echo "consumer: $(( $(date +%s) - start )) s"; echo "consumer: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }
start=$(date +%s)

feed="$work/feed" app="$work/app" tools="$work/tools"
if MLGAN_BUILD_LOCK="${MLGAN_BUILD_LOCK:-}" "$repo/build/pack.sh" "$feed" "${pack_args[@]}" -p:Version="$version" >"$work/pack.log" 2>&1; then
  pass "pack (MlGan.Transforms, MlGan.Trainers, MlGan.Evaluation, MlGan.Cli $version)"
  ls -l "$feed" | awk '/nupkg/ {printf "consumer:   %-55s %6.1f MB\n", $NF, $5 / 1048576}'
else
  cat "$work/pack.log"; fail pack; summary
fi

# Outside the repository: no Directory.Build.props/.targets or Directory.Packages.props above the project may apply.
mkdir -p "$app"
scope=$(d="$app"; while [ "$d" != / ]; do ls "$d"/Directory.Build.props "$d"/Directory.Build.targets "$d"/Directory.Packages.props 2>/dev/null; d=$(dirname "$d"); done)
if [ -n "$scope" ]; then echo "$scope"; fail "isolation (MSBuild files above $app)"; summary; fi

(
  set -e
  cd "$app"
  dotnet new console --name ConsumerApp --output . --framework net10.0 >/dev/null
  # The feed beside the default source (nuget.org, or the mirror the user's NuGet.Config names).
  cat >nuget.config <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="mlgan-local" value="$feed" />
  </packageSources>
</configuration>
CONFIG
  dotnet add package MlGan.Evaluation --version "$version" >/dev/null
  dotnet add package TorchSharp-cpu --version 0.107.0 >/dev/null
  cp "$repo/tests/consumer/Program.cs.txt" Program.cs
  # Hard links for the copy-local files: libtorch for three platforms would otherwise take about 1.2 GB of /tmp. It also
  # checks that the GLIBCXX step replaces its copy of the shim rather than editing the NuGet cache's through the link.
  "${lock[@]}" dotnet build -c Release -nologo -p:CreateHardLinksForCopyLocalIfPossible=true
) >"$work/build.log" 2>&1 && pass "consumer project builds from the packages" || { cat "$work/build.log"; fail "consumer project builds from the packages"; summary; }
grep "MlGan: marked" "$work/build.log" | sed 's/^ */consumer:   /'

if (cd "$app" && timeout 300 dotnet bin/Release/net10.0/ConsumerApp.dll "$work") >"$work/run.log" 2>&1; then
  sed 's/^/consumer:   /' "$work/run.log"; pass "train, ml.Model.Save, reload in a new MLContext: same samples"
else
  cat "$work/run.log"; fail "train, ml.Model.Save, reload in a new MLContext: same samples"
fi

# The NuGet cache's shim is as TorchSharp shipped it (the step above replaced the output's hard link, not the file).
shim="$packages/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so"
if [ -f "$shim" ] && /usr/bin/python3 - "$shim" <<'PY'
import struct, sys
elf = open(sys.argv[1], 'rb').read()
shoff, = struct.unpack_from('<Q', elf, 0x28); shentsize, shnum = struct.unpack_from('<HH', elf, 0x3A)
weak = None
for i in range(shnum):
    sh = shoff + i * shentsize
    if struct.unpack_from('<I', elf, sh + 4)[0] != 0x6ffffffe: continue           # SHT_GNU_verneed
    link, = struct.unpack_from('<I', elf, sh + 40)
    strtab, = struct.unpack_from('<Q', elf, shoff + link * shentsize + 24)
    entry, = struct.unpack_from('<Q', elf, sh + 24)
    while True:
        cnt, = struct.unpack_from('<H', elf, entry + 2); aux = entry + struct.unpack_from('<I', elf, entry + 8)[0]
        for _ in range(cnt):
            flags, = struct.unpack_from('<H', elf, aux + 4); name, = struct.unpack_from('<I', elf, aux + 8)
            if elf[strtab + name:].split(b'\0', 1)[0] == b'GLIBCXX_3.4.32': weak = bool(flags & 2)
            nxt, = struct.unpack_from('<I', elf, aux + 12); aux += nxt
            if not nxt: break
        nxt, = struct.unpack_from('<I', elf, entry + 12); entry += nxt
        if not nxt: break
sys.exit(0 if weak is False else 1)
PY
then pass "the NuGet cache's libLibTorchSharp.so is untouched (GLIBCXX_3.4.32 still a strong need)"
else fail "the NuGet cache's libLibTorchSharp.so is untouched (GLIBCXX_3.4.32 still a strong need)"
fi
rm -rf "$app"  # before the tool's ~700 MB arrive

if dotnet tool install MlGan.Cli --version "$version" --tool-path "$tools" --add-source "$feed" >"$work/tool.log" 2>&1; then
  pass "dotnet tool install MlGan.Cli"
  du -sh "$tools" | awk '{print "consumer:   installed tool: " $1}'
else
  cat "$work/tool.log"; fail "dotnet tool install MlGan.Cli"; summary
fi
if "$tools/mlgan" data ring8 --count 500 --seed 3 --out "$work/ring8.csv" >"$work/data.log" 2>&1 \
   && [ "$(wc -l <"$work/ring8.csv")" -ge 500 ]; then
  pass "mlgan data ring8"
else
  cat "$work/data.log"; fail "mlgan data ring8"
fi
if "$tools/mlgan" score --real ring8 --fake "csv:$work/ring8.csv" --metrics modes,fid --count 500 --json "$work/score.json" >"$work/score.log" 2>&1 \
   && grep -q '"modes"' "$work/score.json"; then
  pass "mlgan score (ring8 vs its own samples)"
else
  cat "$work/score.log"; fail "mlgan score (ring8 vs its own samples)"
fi
summary

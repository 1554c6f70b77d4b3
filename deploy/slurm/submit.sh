#!/usr/bin/env bash
# Submits sharded feature statistics to Slurm: a K-task array of fid-stats.sbatch, then
# fid-stats-merge.sbatch, which starts only once every array task has succeeded (afterok).
#
#   DATA=/datasets/real OUT_DIR=/shared/fid/real deploy/slurm/submit.sh 8
#
# Environment: DATA and OUT_DIR (required), MLGAN, STATS_ARGS, MERGED, MERGE_ARGS (optional; see the two
# .sbatch files). Scheduler options such as partition or account go in sbatch's own input variables
# (SBATCH_PARTITION, SBATCH_ACCOUNT, …), which apply to both jobs.
# Prints `shard_job=ID` and `merge_job=ID` on stdout.
set -euo pipefail

usage() { echo "usage: DATA=SRC OUT_DIR=DIR $0 K   (K ≥ 1 shards)" >&2; exit 2; }
[[ $# -eq 1 && "$1" =~ ^[1-9][0-9]*$ ]] || usage
shards="$1"
: "${DATA:?submit.sh: set DATA to the inputs to summarise (an image folder, a .zip of images, csv:FILE, ...)}"
: "${OUT_DIR:?submit.sh: set OUT_DIR to a shared folder for the part files and the merged statistics}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$OUT_DIR"
# The jobs inherit this environment (sbatch's default --export=ALL): DATA, OUT_DIR, MLGAN, … and SHARDS.
export SHARDS="$shards"

shard_job="$(sbatch --parsable --array="0-$((shards - 1))" --output="$OUT_DIR/%x-%A_%a.out" "$here/fid-stats.sbatch")"
shard_job="${shard_job%%;*}" # --parsable prints "id" or "id;cluster"
if ! merge_job="$(sbatch --parsable --dependency="afterok:$shard_job" --kill-on-invalid-dep=yes \
    --output="$OUT_DIR/%x-%j.out" "$here/fid-stats-merge.sbatch")"; then
  echo "submit.sh: submitting the merge failed; cancelling shard array $shard_job" >&2
  scancel "$shard_job"
  exit 1
fi
merge_job="${merge_job%%;*}"

echo "shard_job=$shard_job"
echo "merge_job=$merge_job"
echo "submit.sh: $shards shards in array job $shard_job; merge job $merge_job writes $OUT_DIR/${MERGED:-all.stats}" >&2

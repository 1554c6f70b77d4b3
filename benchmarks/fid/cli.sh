#!/usr/bin/env bash
# The FID benchmark through the command line, as a user runs it: CSV → FID (10k × 2048 features, identity
# net, parse + moments + trace term, whole process) and FID from two cached 2048-d statistics files, against
# the scipy formula's time on the same features (fid_scipy.py: np.cov + sqrtm, arrays already in memory).
# Usage: benchmarks/fid/cli.sh [N] [D]   (defaults 10000 2048)
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-10000}; d=${2:-2048}
data=data/${n}x${d}
py=/usr/bin/python3
[ -f "$data/features2.npy" ] || $py gen_data.py "$data" "$n" "$d"
for i in 1 2; do
  [ -f "$data/features$i.csv" ] || $py -c "import numpy as np, sys; np.savetxt(sys.argv[2], np.load(sys.argv[1]), fmt='%.9g', delimiter=',')" "$data/features$i.npy" "$data/features$i.csv"
done
(cd ../.. && dotnet build src/Cli -c Release 2>&1 | tail -n 1)
mlgan="dotnet ../../src/Cli/bin/Release/net10.0/mlgan.dll"
t() { local s=$(date +%s.%N); "$@" > /dev/null; echo "$(echo "$(date +%s.%N) - $s" | bc)"; }
csv=$(t $mlgan score --real "$data/features1.csv" --fake "$data/features2.csv" --features identity --metrics fid --json "$data/csv.json")
$mlgan stats --data "$data/features1.csv" --features identity --quiet --out "$data/f1.stats" > /dev/null
$mlgan stats --data "$data/features2.csv" --features identity --quiet --out "$data/f2.stats" > /dev/null
stats=$(t $mlgan score --real "$data/f1.stats" --fake "$data/f2.stats" --metrics fid --json "$data/stats.json")
$py fid_scipy.py "$data" | tee "$data/scipy.txt"
scipy=$(sed -E 's/^SCIPY seconds=([0-9.]+).*/\1/' "$data/scipy.txt")
echo "csv_to_fid_seconds=$csv stats_to_fid_seconds=$stats scipy_seconds=$scipy ratio_csv=$(echo "$csv / $scipy" | bc -l | cut -c1-6)"
$py -c "import json,sys; print('fid csv', json.load(open(sys.argv[1]))['fid'], 'stats', json.load(open(sys.argv[2]))['fid'])" "$data/csv.json" "$data/stats.json"

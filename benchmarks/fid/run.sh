#!/usr/bin/env bash
# FID benchmark, MlGan vs scipy (pytorch-fid's formula), same seeded data, one after the other.
# Usage: benchmarks/fid/run.sh [N] [D] [REPEATS]   (defaults 10000 2048 3)
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-10000}; d=${2:-2048}; repeats=${3:-3}
data=data/${n}x${d}
[ -f "$data/features2.npy" ] || /usr/bin/python3 gen_data.py "$data" "$n" "$d"
dotnet build FidBench.csproj -c Release -v q -nologo | grep -E "error|Warn" || true
/usr/bin/python3 fid_scipy.py "$data" | tee "$data/scipy.txt"
dotnet bin/Release/net10.0/FidBench.dll "$data" "$data/scipy.txt" "$repeats"

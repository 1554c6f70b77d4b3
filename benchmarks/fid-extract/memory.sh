#!/usr/bin/env bash
# Peak RSS of `mlgan stats` on 10k vs 100k 64×64 PNGs (streaming: memory must not grow with N).
# Feature net: tests/tools/tiny_feature_net.py (a seeded conv, 8-d), so the run measures MlGan, not Inception.
# Usage: benchmarks/fid-extract/memory.sh [SMALL=10000] [LARGE=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
small=${1:-10000} large=${2:-100000}
work=benchmarks/fid-extract/data
py=/usr/bin/python3
mkdir -p "$work"
[ -f "$work/tiny.onnx" ] || $py tests/tools/tiny_feature_net.py --out "$work/tiny.onnx"
for n in "$small" "$large"; do
  [ -d "$work/png64-$n" ] || $py benchmarks/fid-extract/make_images.py --out "$work/png64-$n" --count "$n" --size 64 --seed 1
done
dotnet build src/Cli -c Release 2>&1 | tail -n 1
for n in "$small" "$large"; do
  /usr/bin/time -f "N=$n peak_rss_kb=%M wall_s=%e" dotnet src/Cli/bin/Release/net10.0/mlgan.dll stats --data "$work/png64-$n" \
    --features "$work/tiny.onnx" --quiet --out "$work/png64-$n.stats"
done

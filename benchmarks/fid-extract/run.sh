#!/usr/bin/env bash
# Feature extraction throughput through pytorch-fid's FID-Inception (seeded random weights): MlGan's
# `mlgan stats --preprocess pytorch-fid` (SkiaSharp decode + bilinear resize + ONNX Runtime, overlapped) vs
# PyTorch 1.13 running pytorch-fid's pipeline (PIL + DataLoader + the torch model) on the same images and cores.
# Usage: benchmarks/fid-extract/run.sh [COUNT=1000] [SIZE=32] [RUNS=3]; WARMUP (default 1) untimed runs first;
# INPROC=0 skips the final one-run-each in-process rates.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-1000} size=${2:-32} runs=${3:-3}
work=benchmarks/fid-extract/data
mkdir -p "$work"
py=/usr/bin/python3
[ -d "$work/images-$count-$size" ] || $py benchmarks/fid-extract/make_images.py --out "$work/images-$count-$size" --count "$count" --size "$size" --seed 1
[ -f "$work/fid-inception.onnx" ] || $py tools/export-pytorch-fid-inception.py --out "$work/fid-inception.onnx" --random-seed 1
dotnet build src/Cli -c Release 2>&1 | tail -n 1
mlgan="dotnet src/Cli/bin/Release/net10.0/mlgan.dll"
echo "== MlGan: $mlgan stats --data $work/images-$count-$size --preprocess pytorch-fid"
echo "== peer : PyTorch $($py -c 'import torch; print(torch.__version__)') pytorch-fid pipeline, 2 threads"
farm-bench -n "$runs" --warmup "${WARMUP:-1}" --timeout 3000 \
  --vs "$py benchmarks/fid-extract/peer_pytorch_fid.py --images $work/images-$count-$size --random-seed 1 --threads 2" \
  -- $mlgan stats --data "$work/images-$count-$size" --features "$work/fid-inception.onnx" --preprocess pytorch-fid --quiet --out "$work/mlgan.stats"
[ "${INPROC:-1}" = 0 ] && exit 0
# In-process rates (model load and start-up excluded), one run each:
$mlgan stats --data "$work/images-$count-$size" --features "$work/fid-inception.onnx" --preprocess pytorch-fid --quiet --out "$work/mlgan.stats"
$py benchmarks/fid-extract/peer_pytorch_fid.py --images "$work/images-$count-$size" --random-seed 1 --threads 2

#!/usr/bin/env bash
# DCGAN training step (28x28, batch 64: the FashionMnistGan sample's conditional step, k = 32; JS and WGAN-GP n_critic = 5, k = 64), MlGan's GanStepper vs the same
# architecture and update in PyTorch, same thread count, side by side. Median ms/step over STEPS timed steps
# after 2 warm-up steps, plus the same update hand-written in TorchSharp ("raw": MlGan's overhead on the same
# libtorch). Usage: benchmarks/dcgan/run.sh [STEPS] (default 3); THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")"
steps=${1:-3}
threads=${THREADS:-2}
dotnet build -c Release -v q -nologo DcganBench.csproj | grep -E " error |rror\(s\)" || true
for family in ${FAMILIES:-sample js wgan-gp}; do
  mlgan=$(dotnet bin/Release/net10.0/DcganBench.dll "$steps" "$threads" mlgan "$family" | tail -1)
  raw=$(dotnet bin/Release/net10.0/DcganBench.dll "$steps" "$threads" raw "$family" | tail -1)
  peer=$(/usr/bin/python3 dcgan_torch.py "$steps" "$threads" "$family" | tail -1)
  echo "$mlgan"
  echo "$raw"
  echo "$peer"
  m=$(echo "$mlgan" | sed 's/.*ms_per_step=//'); r=$(echo "$raw" | sed 's/.*ms_per_step=//'); p=$(echo "$peer" | sed 's/.*ms_per_step=//')
  awk -v f="$family" -v m="$m" -v r="$r" -v p="$p" 'BEGIN { printf "%s: ratio mlgan/pytorch = %.3f, mlgan/raw-torchsharp = %.3f\n", f, m / p, m / r }'
done

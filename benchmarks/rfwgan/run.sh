#!/usr/bin/env bash
# Side-by-side: MlGan (TorchSharp) vs a straightforward PyTorch implementation, same thread count.
set -euo pipefail
cd "$(dirname "$0")"
threads=${THREADS:-2}
dotnet build -c Release -v q RfWganBench.csproj >/dev/null
mlgan=$(dotnet bin/Release/net10.0/RfWganBench.dll 20 120 "$threads" | tail -1)
peer=$(/usr/bin/python3 rfwgan_torch.py 100 "$threads" | tail -1)
echo "$mlgan"
echo "$peer"
m=$(echo "$mlgan" | sed 's/.*ms_per_step=//'); p=$(echo "$peer" | sed 's/.*ms_per_step=//')
awk -v m="$m" -v p="$p" 'BEGIN { printf "ratio mlgan/pytorch = %.3f\n", m / p }'

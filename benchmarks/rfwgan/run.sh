#!/usr/bin/env bash
# Side-by-side: MlGan (TorchSharp) vs PyTorch 1.13 (Debian's python3-torch), same thread count, same update.
# Peers: the straightforward PyTorch version, and MlGan's own chunked algorithm written in PyTorch.
set -euo pipefail
cd "$(dirname "$0")"
threads=${THREADS:-2}
dotnet build -c Release -v q RfWganBench.csproj >/dev/null
mlgan=$(dotnet bin/Release/net10.0/RfWganBench.dll 20 120 "$threads" | tail -1)
plain=$(/usr/bin/python3 rfwgan_torch.py 100 "$threads" plain | tail -1)
chunked=$(/usr/bin/python3 rfwgan_torch.py 100 "$threads" chunked | tail -1)
printf '%s\n%s\n%s\n' "$mlgan" "$plain" "$chunked"
ms() { echo "$1" | sed 's/.*ms_per_step=//'; }
awk -v m="$(ms "$mlgan")" -v p="$(ms "$plain")" -v c="$(ms "$chunked")" \
  'BEGIN { printf "ratio mlgan/pytorch-plain = %.3f\nratio mlgan/pytorch-chunked = %.3f\n", m / p, m / c }'

#!/usr/bin/env bash
# ORT vs TorchSharp forward throughput per generator architecture, then the ONNX reference checker
# (Debian python3-onnx, full_check) over every exported model.
set -euo pipefail
cd "$(dirname "$0")/../.."
export OUT_DIR=${OUT_DIR:-out/forward}
dotnet run -c Release --project benchmarks/forward -- "${1:-0.5}"
/usr/bin/python3 tests/tools/check_onnx.py "$OUT_DIR"/*.onnx

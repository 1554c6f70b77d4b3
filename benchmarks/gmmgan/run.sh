#!/usr/bin/env bash
# Side-by-side benchmark of the full Figure 3 heatmap (21x21 grid x 120 repeats x 3000 steps x 3 dynamics):
# MlGan (`mlgan gmm --heatmap`, Parallel.For on the cores it is given) vs the vectorised NumPy peer.
# NumPy's full run takes the better part of an hour, so by default it runs the same full grid and repeats for
# fewer steps (NP_STEPS, default 30; NP_OPT_STEPS, default 300 for the optimal dynamics) and the script
# extrapolates linearly in steps (the peer has no early exit, so its cost per step is constant).
# Set NP_STEPS=3000 NP_OPT_STEPS=3000 for the full NumPy run. CORES (default 0,1) pins MlGan with taskset.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-benchmarks/gmmgan/out}
CORES=${CORES:-0,1}
NP_STEPS=${NP_STEPS:-30}
NP_OPT_STEPS=${NP_OPT_STEPS:-300}
mkdir -p "$OUT"

dotnet build src/Cli/MlGan.Cli.csproj -c Release -v q 2>&1 | tail -n 2
MLGAN=src/Cli/bin/Release/net10.0/mlgan

echo "== MlGan (cores $CORES) =="
/usr/bin/time -f "mlgan: %e s wall, %U s user, %S s sys, %P CPU" \
  taskset -c "$CORES" "$MLGAN" gmm --heatmap --grid 21 --repeats 120 --steps 3000 --step-size 0.3 \
  --out "$OUT" --json "$OUT/mlgan.json" --seed 1

echo "== NumPy peer (first_order, unrolled: $NP_STEPS steps; optimal: $NP_OPT_STEPS steps) =="
/usr/bin/python3 benchmarks/gmmgan/gmm_numpy.py --grid 21 --repeats 120 --steps "$NP_STEPS" \
  --kinds first_order,unrolled --json "$OUT/numpy_fo_unrolled.json"
/usr/bin/python3 benchmarks/gmmgan/gmm_numpy.py --grid 21 --repeats 120 --steps "$NP_OPT_STEPS" \
  --kinds optimal --json "$OUT/numpy_optimal.json"

/usr/bin/python3 - "$OUT" "$NP_STEPS" "$NP_OPT_STEPS" <<'PY'
import json, sys
out, s1, s2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
m = json.load(open(f"{out}/mlgan.json"))
a = json.load(open(f"{out}/numpy_fo_unrolled.json"))
b = json.load(open(f"{out}/numpy_optimal.json"))
scale = lambda sec, steps: sec * 3000 / steps
np_wall = scale(a["first_order_seconds"], s1) + scale(a["unrolled_seconds"], s1) + scale(b["optimal_seconds"], s2)
np_cpu = scale(a["first_order_cpu_seconds"], s1) + scale(a["unrolled_cpu_seconds"], s1) + scale(b["optimal_cpu_seconds"], s2)
print(f"MlGan full heatmap: {m['seconds']:.1f} s wall; off-diagonal success optimal {m['optimal']:.4f}, unrolled {m['unrolled']:.4f}, first_order {m['first_order']:.4f}")
tag = "measured" if s1 == 3000 and s2 == 3000 else f"extrapolated x{3000 // s1} / x{3000 // s2} from {s1}/{s2} steps"
print(f"NumPy full heatmap ({tag}): {np_wall:.0f} s wall, {np_cpu:.0f} s CPU")
print(f"speed-up (wall): {np_wall / m['seconds']:.1f}x")
PY

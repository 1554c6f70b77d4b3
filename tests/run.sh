#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian 12 box, builds, runs every
# test project, and ends with one plain summary line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import onnx' 2>/dev/null || need+=(python3-onnx python3-numpy)
# The pytorch-fid parity tests' independent reference (PyTorch, PIL, SciPy), and the image decoders' reference (PIL).
/usr/bin/python3 -c 'import torch, torchvision, PIL, scipy, yaml' 2>/dev/null || need+=(python3-torch python3-torchvision python3-pil python3-scipy python3-yaml)
# The serving page's browser test drives Debian's chromium through Playwright (its own browser downloads are unavailable).
[ -x /usr/bin/chromium ] || need+=(chromium)
# The sharded-statistics test runs a real single-node Slurm cluster (see deploy/README.md).
{ command -v sbatch && command -v slurmctld && command -v munged; } >/dev/null 2>&1 || need+=(slurm-wlm munge)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests use: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "apt-get install ${need[*]} failed"; exit 1; }
fi

log=$(mktemp)
dotnet build MlGan.sln -c Release 2>&1 | tail -n 3
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "0 passed, 1 failed"; exit 1; }
dotnet test MlGan.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly result lines: "Passed!  - Failed: 0, Passed: 13, Skipped: 0, Total: 13, ..."
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
[ "$status" -eq 0 ] || [ "${failed:-0}" -gt 0 ] || failed=1

# The consumer test (tests/consumer/run.sh): the packages and the dotnet tool used from outside the repository, from the
# Release build above. Each of its steps counts as one test.
bash tests/consumer/run.sh --no-build 2>&1 | tee "$log"
consumer_status=${PIPESTATUS[0]}
consumer_passed=$(grep -Eo '^consumer: [0-9]+ passed, [0-9]+ failed$' "$log" | awk '{print $2}')
consumer_failed=$(grep -Eo '^consumer: [0-9]+ passed, [0-9]+ failed$' "$log" | awk '{print $4}')
[ "$consumer_status" -eq 0 ] || [ "${consumer_failed:-0}" -gt 0 ] || consumer_failed=1
passed=$((passed + ${consumer_passed:-0}))
failed=$((failed + ${consumer_failed:-0}))
[ "$consumer_status" -eq 0 ] || status=$consumer_status
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"

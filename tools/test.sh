#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs every suite under tests/suites/
# in name order, and ends with "N passed, N failed". Each suite prints one line per test
# case, "PASS: name" or "FAIL: name" (anything else is shown as-is).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash tools/install-packages.sh test || { echo "0 passed, 1 failed"; exit 1; }
bash tools/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
passed=0; failed=0; failures=()
for suite in tests/suites/*.sh; do
  name=$(basename "$suite" .sh)
  echo "=== $name"
  start=$(date +%s)
  out=$(bash "$suite" 2>&1); rc=$?
  p=$(grep -c '^PASS: ' <<<"$out"); f=$(grep -c '^FAIL: ' <<<"$out")
  grep -v '^PASS: ' <<<"$out" | tail -n 60
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL: $name exited with $rc"; fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -gt 0 ] && failures+=("$name")
  echo "--- $name: $p passed, $f failed ($(( $(date +%s) - start ))s)"
done
[ ${#failures[@]} -gt 0 ] && echo "failing suites: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

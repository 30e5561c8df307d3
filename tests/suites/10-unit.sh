#!/usr/bin/env bash
# GoogleTest unit tests through ctest; one PASS/FAIL line per test.
set -uo pipefail
cd "$(dirname "$0")/../../build" || exit 1
ctest --output-on-failure -j2 2>&1 | tee /tmp/pgmicro-ctest.log | grep -E "Test +#|tests passed|Failed|Error" |
  sed -E 's/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: ([^ ]+) \.+ *Passed.*/PASS: \1/; s/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: ([^ ]+) \.+.*(Failed|Exception|Timeout).*/FAIL: \1/'

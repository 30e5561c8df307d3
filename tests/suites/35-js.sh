#!/usr/bin/env bash
# The pg-micro package (js/): builds build-wasm/ (incremental; shared with 30-wasm.sh), copies
# the module into js/ (js/build.sh, which prints the package's gzip size against the 1 MB
# budget), then runs tests/js/*.test.mjs with node:test, one PASS:/FAIL: line per test.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source tests/tools/suite-lib.sh
wasm_build js || exit 1
if bash js/build.sh; then echo "PASS: js/package-build"; else echo "FAIL: js/package-build"; exit 1; fi
timeout 600 node --test --test-reporter=./tests/tools/node-test-reporter.mjs tests/js/; rc=$?
[ $rc -eq 124 ] && echo "FAIL: js/tests (timed out after 600 s)"
exit $rc

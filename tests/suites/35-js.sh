#!/usr/bin/env bash
# The pg-micro package (js/): builds build-wasm/ (incremental; shared with 30-wasm.sh), copies
# the module into js/ (js/build.sh, which prints the package's gzip size against the 1 MB
# budget), then runs tests/js/*.test.mjs with node:test, one PASS:/FAIL: line per test.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn
b=build-wasm
if [ ! -f $b/CMakeCache.txt ]; then
  emcmake cmake -S . -B $b -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" \
    >/tmp/pgmicro-js-configure.log 2>&1 || { tail -30 /tmp/pgmicro-js-configure.log; echo "FAIL: js/build"; exit 1; }
fi
if ! cmake --build $b -j"$(nproc)" >/tmp/pgmicro-js-build.log 2>&1; then
  grep -E "error|Error" /tmp/pgmicro-js-build.log | head -30
  echo "FAIL: js/build (log: /tmp/pgmicro-js-build.log)"; exit 1
fi
if bash js/build.sh; then echo "PASS: js/package-size"; else echo "FAIL: js/package-size"; exit 1; fi
timeout 600 node --test --test-reporter=./tests/tools/node-test-reporter.mjs tests/js/; rc=$?
[ $rc -eq 124 ] && echo "FAIL: js/tests (timed out after 600 s)"
exit $rc

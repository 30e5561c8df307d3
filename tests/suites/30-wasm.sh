#!/usr/bin/env bash
# WASM: configures (once) and builds build-wasm/ with emcmake (incremental), prints the
# module's size raw and gzip -9, then runs the Node smoke test (tests/wasm/smoke.mjs).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source tests/tools/suite-lib.sh
b=build-wasm
start=$(date +%s)
wasm_build wasm || exit 1
echo "PASS: wasm/build ($(( $(date +%s) - start ))s)"
w=$b/wasm/pgmicro.wasm; j=$b/wasm/pgmicro.mjs
echo "size: pgmicro.wasm $(wc -c <$w) B raw, $(gzip -9 -c $w | wc -c) B gzip -9;" \
     "pgmicro.mjs $(wc -c <$j) B raw, $(gzip -9 -c $j | wc -c) B gzip -9"
timeout 300 node tests/wasm/smoke.mjs "$j"; rc=$?
[ $rc -eq 124 ] && echo "FAIL: wasm/smoke (timed out after 300 s)"
exit $rc

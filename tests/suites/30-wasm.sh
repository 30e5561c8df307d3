#!/usr/bin/env bash
# WASM: configures (once) and builds build-wasm/ with emcmake (incremental), prints the
# module's size raw and gzip -9, then runs the Node smoke test (tests/wasm/smoke.mjs).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn
b=build-wasm
if [ ! -f $b/CMakeCache.txt ]; then
  emcmake cmake -S . -B $b -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" \
    >/tmp/pgmicro-wasm-configure.log 2>&1 || { tail -30 /tmp/pgmicro-wasm-configure.log; echo "FAIL: wasm/build"; exit 1; }
fi
start=$(date +%s)
if cmake --build $b -j"$(nproc)" >/tmp/pgmicro-wasm-build.log 2>&1; then
  echo "PASS: wasm/build ($(( $(date +%s) - start ))s)"
else
  grep -E "error|Error" /tmp/pgmicro-wasm-build.log | head -30
  echo "FAIL: wasm/build (log: /tmp/pgmicro-wasm-build.log)"; exit 1
fi
w=$b/wasm/pgmicro.wasm; j=$b/wasm/pgmicro.mjs
echo "size: pgmicro.wasm $(wc -c <$w) B raw, $(gzip -9 -c $w | wc -c) B gzip -9;" \
     "pgmicro.mjs $(wc -c <$j) B raw, $(gzip -9 -c $j | wc -c) B gzip -9"
timeout 300 node tests/wasm/smoke.mjs "$j"; rc=$?
[ $rc -eq 124 ] && echo "FAIL: wasm/smoke (timed out after 300 s)"
exit $rc

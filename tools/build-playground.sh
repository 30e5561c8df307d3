#!/usr/bin/env bash
# Builds what the playground needs, incrementally: build-wasm/ (emcmake, the pgmicro_wasm
# target), the package's copy of the module (js/build.sh, only when the module changed),
# demo/node_modules (npm ci from demo/package-lock.json, only when the lock changed; without the
# test-only devDependencies unless PLAYGROUND_DEV=1) and
# demo/dist (vite build, only when a source is newer than the last build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn
b=build-wasm
if [ ! -f $b/CMakeCache.txt ]; then
  echo "playground: configuring the WASM build (once)"
  emcmake cmake -S . -B $b -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" >/tmp/pgmicro-wasm-configure.log 2>&1 \
    || { tail -30 /tmp/pgmicro-wasm-configure.log; echo "playground: WASM configure failed" >&2; exit 1; }
fi
if ! cmake --build $b -j"$(nproc)" --target pgmicro_wasm >/tmp/pgmicro-wasm-build.log 2>&1; then
  grep -E "error|Error" /tmp/pgmicro-wasm-build.log | head -30
  echo "playground: WASM build failed (log: /tmp/pgmicro-wasm-build.log)" >&2; exit 1
fi
if ! cmp -s $b/wasm/pgmicro.wasm js/pgmicro.wasm || ! cmp -s $b/wasm/pgmicro.mjs js/pgmicro.mjs; then
  bash js/build.sh
fi
omit=(--omit=dev); [ "${PLAYGROUND_DEV:-}" = 1 ] && omit=()
if [ ! -f demo/node_modules/.package-lock.json ] || [ demo/package-lock.json -nt demo/node_modules/.package-lock.json ] \
   || { [ "${PLAYGROUND_DEV:-}" = 1 ] && [ ! -d demo/node_modules/playwright-core ]; }; then
  echo "playground: installing demo/node_modules (npm ci ${omit[*]})"
  (cd demo && npm ci --no-audit --no-fund --silent "${omit[@]}")
fi
stamp=demo/dist/.built
if [ ! -f $stamp ] || [ -n "$(find demo/index.html demo/vite.config.js demo/src js/*.js js/pgmicro.wasm js/pgmicro.mjs demo/package-lock.json -newer $stamp 2>/dev/null | head -1)" ]; then
  (cd demo && npx vite build --logLevel warn)
  touch $stamp
fi

#!/usr/bin/env bash
# The benchmark of issue 4: pg-micro vs PGlite vs SQLite's WASM build on Node, W0–W7.
# Installs the peers (pinned in bench/package.json) into bench/node_modules, then runs
# bench/bench.mjs, which prints a table and writes bench/results.md. Measures; gates nothing.
# Env: BENCH_RUNS (default 3), BENCH_COLD (default 5), BENCH_ENGINES (e.g. pg-micro,SQLite-WASM).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/bench"
if [ ! -f "$root/js/pgmicro.wasm" ]; then
  echo "bench: js/pgmicro.wasm is missing; build it first: bash tests/suites/35-js.sh (or js/build.sh)" >&2
  exit 1
fi
want() { node -e 'const p=require("./package.json").dependencies; for (const [n,v] of Object.entries(p)) { let got; try { got=require("./node_modules/"+n+"/package.json").version } catch {} if (got!==v) process.exit(1) }'; }
if ! want; then
  echo "bench: installing $(node -p 'Object.entries(require("./package.json").dependencies).map(([n,v])=>n+"@"+v).join(" ")')"
  npm install --no-audit --no-fund --no-package-lock --silent ||
    echo "bench: npm install failed; the engines that cannot load are reported and left out" >&2
fi
exec node bench.mjs

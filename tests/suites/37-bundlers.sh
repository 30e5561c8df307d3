#!/usr/bin/env bash
# Bundlers: a tiny app importing pg-micro (tests/bundlers/app) is built with Vite and with
# esbuild (pinned in tests/bundlers/package.json, installed from the npm registry into
# .cache/bundlers/node_modules, git-ignored, reinstalled when a pin changes) against the
# package as npm packs it, and each page is served on 127.0.0.1 and run in Chromium (Debian's
# chromium from tools/install-packages.sh test). Needs js/pgmicro.{wasm,mjs} (35-js.sh).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ -f js/pgmicro.wasm ] || { [ -f build-wasm/wasm/pgmicro.wasm ] && bash js/build.sh >/dev/null; }
[ -f js/pgmicro.wasm ] || { echo "FAIL: bundlers/setup — js/pgmicro.wasm is missing (run tests/suites/35-js.sh)"; exit 1; }
[ -x "${CHROMIUM:-/usr/lib/chromium/chromium}" ] || { echo "FAIL: bundlers/setup — no chromium (tools/install-packages.sh test)"; exit 1; }

dir=.cache/bundlers
mkdir -p $dir
# (Re)install when a pinned version differs from what is there.
if ! node -e '
  const want = require(process.argv[1]).dependencies;
  for (const [n, v] of Object.entries(want)) {
    let got; try { got = require(process.argv[2] + "/node_modules/" + n + "/package.json").version; } catch {}
    if (got !== v) process.exit(1);
  }' "$root/tests/bundlers/package.json" "$root/$dir"; then
  start=$(date +%s)
  cp tests/bundlers/package.json $dir/package.json
  if (cd $dir && timeout 900 npm install --no-audit --no-fund --no-package-lock --silent >/tmp/pgmicro-bundlers-npm.log 2>&1); then
    echo "bundlers installed in $(( $(date +%s) - start ))s ($(du -sh $dir/node_modules | cut -f1))"
  else
    tail -20 /tmp/pgmicro-bundlers-npm.log; echo "FAIL: bundlers/setup — npm install (log: /tmp/pgmicro-bundlers-npm.log)"; exit 1
  fi
fi
timeout 600 node tests/bundlers/run.mjs "$dir/node_modules"; rc=$?
[ $rc -eq 124 ] && echo "FAIL: bundlers (timed out after 600 s)"
exit $rc

#!/usr/bin/env bash
# Hosts: the same conformance script (tests/hosts/conformance.mjs: the issue's seed example plus
# type, error and API checks through the public API) in Node, Deno, Bun, Chromium (a page and a
# Worker; Debian's chromium from tools/install-packages.sh test, driven by playwright-core) and
# Cloudflare's workerd (miniflare); in Node, Deno, Bun and Chromium also through pg-micro/worker
# with tests/hosts/worker-checks.mjs (AbortSignal, statement_timeout; Chromium with and without
# COOP/COEP). Installs the npm-borne hosts, pinned in tests/hosts/package.json, into
# .cache/hosts/node_modules (git-ignored) from the npm registry. Needs js/pgmicro.{wasm,mjs}
# (35-js.sh copies them there after building).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ -f js/pgmicro.wasm ] || { [ -f build-wasm/wasm/pgmicro.wasm ] && bash js/build.sh >/dev/null; }
[ -f js/pgmicro.wasm ] || { echo "FAIL: host/setup — js/pgmicro.wasm is missing (run tests/suites/35-js.sh)"; exit 1; }

dir=.cache/hosts
mkdir -p $dir
# (Re)install when a pinned version differs from what is there.
if ! node -e '
  const want = require(process.argv[1]).dependencies;
  for (const [n, v] of Object.entries(want)) {
    let got; try { got = require(process.argv[2] + "/node_modules/" + n + "/package.json").version; } catch {}
    if (got !== v) process.exit(1);
  }' "$root/tests/hosts/package.json" "$root/$dir"; then
  start=$(date +%s)
  cp tests/hosts/package.json $dir/package.json
  if (cd $dir && timeout 900 npm install --no-audit --no-fund --no-package-lock --silent >/tmp/pgmicro-hosts-npm.log 2>&1); then
    echo "hosts installed in $(( $(date +%s) - start ))s ($(du -sh $dir/node_modules | cut -f1))"
  else
    tail -20 /tmp/pgmicro-hosts-npm.log; echo "FAIL: host/setup — npm install (log: /tmp/pgmicro-hosts-npm.log)"; exit 1
  fi
fi
bin=$dir/node_modules/.bin
rc=0
timeout 120 node tests/hosts/run-local.mjs node || rc=1
timeout 120 $bin/deno run --allow-read tests/hosts/run-local.mjs deno || rc=1
timeout 120 $bin/bun tests/hosts/run-local.mjs bun || rc=1
timeout 180 node tests/hosts/chromium.mjs "$dir/node_modules" || rc=1
# workerd forbids eval/new Function; Embind's glue uses new Function unless linked with
# -sDYNAMIC_EXECUTION=0. Run workerd once the module is built that way.
if grep -q 'new Function' js/pgmicro.mjs; then
  echo "skipped: host/workerd — js/pgmicro.mjs uses new Function (link with -sDYNAMIC_EXECUTION=0)"
else
  timeout 180 node tests/hosts/workerd.mjs "$dir/node_modules" || rc=1
fi
exit $rc

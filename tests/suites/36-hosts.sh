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
source tests/tools/suite-lib.sh
need_package host || exit 1
dir=.cache/hosts
npm_pinned hosts $dir tests/hosts/package.json || exit 1
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

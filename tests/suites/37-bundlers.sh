#!/usr/bin/env bash
# Bundlers: a tiny app importing pg-micro (tests/bundlers/app) is built with Vite and with
# esbuild (pinned in tests/bundlers/package.json, installed from the npm registry into
# .cache/bundlers/node_modules, git-ignored, reinstalled when a pin changes) against the
# package as npm packs it, and each page is served on 127.0.0.1 and run in Chromium (Debian's
# chromium from tools/install-packages.sh test). Needs js/pgmicro.{wasm,mjs} (35-js.sh).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source tests/tools/suite-lib.sh
need_package bundlers || exit 1
[ -x "${CHROMIUM:-/usr/lib/chromium/chromium}" ] || { echo "FAIL: bundlers/setup — no chromium (tools/install-packages.sh test)"; exit 1; }
dir=.cache/bundlers
npm_pinned bundlers $dir tests/bundlers/package.json || exit 1
timeout 600 node tests/bundlers/run.mjs "$dir/node_modules"; rc=$?
[ $rc -eq 124 ] && echo "FAIL: bundlers (timed out after 600 s)"
exit $rc

#!/usr/bin/env bash
# Browser storage (issue 7): opfs:// and idb:// databases in Chromium (Debian's chromium driven by
# playwright-core, pinned as in tests/hosts/package.json, installed into .cache/browser-storage/): reload, page closed /
# renderer crashed / browser killed mid-transaction, two pages on one database, export to and
# import from Debian's sqlite3, quota exhaustion (tests/browser/storage.mjs). Builds build-wasm/
# incrementally and copies the module into js/ (as 35-js.sh does).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source tests/tools/suite-lib.sh
need_sqlite3
wasm_package browser-storage pgmicro_wasm || exit 1
# playwright-core at the version tests/hosts/package.json pins for 36-hosts.sh, alone in its own
# folder (git-ignored .cache/).
dir=.cache/browser-storage
mkdir -p $dir
node -e 'const v = require("./tests/hosts/package.json").dependencies["playwright-core"];
  console.log(JSON.stringify({ private: true, dependencies: { "playwright-core": v } }))' >$dir/pins.json
npm_pinned browser-storage $dir $dir/pins.json || exit 1
timeout 900 node tests/browser/storage.mjs "$dir/node_modules" "${1:-}"; rc=$?
[ $rc -eq 124 ] && echo "FAIL: browser-storage/run (timed out after 900 s)"
exit $rc

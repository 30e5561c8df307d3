#!/usr/bin/env bash
# Browser storage (issue 7): opfs:// and idb:// databases in Chromium (Debian's chromium driven by
# playwright-core, pinned as in tests/hosts/package.json, installed into .cache/browser-storage/): reload, page closed /
# renderer crashed / browser killed mid-transaction, two pages on one database, export to and
# import from Debian's sqlite3, quota exhaustion (tests/browser/storage.mjs). Builds build-wasm/
# incrementally and copies the module into js/ (as 35-js.sh does).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn
command -v sqlite3 >/dev/null || apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends sqlite3 >/dev/null
b=build-wasm
if [ ! -f $b/CMakeCache.txt ]; then
  emcmake cmake -S . -B $b -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" \
    >/tmp/pgmicro-browser-configure.log 2>&1 || { tail -30 /tmp/pgmicro-browser-configure.log; echo "FAIL: browser-storage/build"; exit 1; }
fi
if ! cmake --build $b -j2 --target pgmicro_wasm >/tmp/pgmicro-browser-build.log 2>&1; then
  grep -E "error|Error" /tmp/pgmicro-browser-build.log | head -30
  echo "FAIL: browser-storage/build (log: /tmp/pgmicro-browser-build.log)"; exit 1
fi
bash js/build.sh >/dev/null || { echo "FAIL: browser-storage/package"; exit 1; }

dir=.cache/browser-storage
mkdir -p $dir
# playwright-core at the version tests/hosts/package.json pins for 36-hosts.sh, alone in its own
# folder (git-ignored .cache/).
want=$(node -p 'require("./tests/hosts/package.json").dependencies["playwright-core"]')
got=$(node -p "try { require('./$dir/node_modules/playwright-core/package.json').version } catch { '' }")
if [ "$want" != "$got" ]; then
  printf '{ "private": true, "dependencies": { "playwright-core": "%s" } }\n' "$want" >$dir/package.json
  if ! (cd $dir && timeout 900 npm install --no-audit --no-fund --no-package-lock --silent >/tmp/pgmicro-browser-npm.log 2>&1); then
    tail -20 /tmp/pgmicro-browser-npm.log; echo "FAIL: browser-storage/setup — npm install (log: /tmp/pgmicro-browser-npm.log)"; exit 1
  fi
fi
timeout 900 node tests/browser/storage.mjs "$dir/node_modules" "${1:-}"; rc=$?
[ $rc -eq 124 ] && echo "FAIL: browser-storage/run (timed out after 900 s)"
exit $rc

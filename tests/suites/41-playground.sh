#!/usr/bin/env bash
# The playground (issue 9): builds what is missing (tools/build-playground.sh: build-wasm/, the
# package's module copy, demo/node_modules by `npm ci` from demo/package-lock.json — vite,
# CodeMirror and the devDependency playwright-core, pinned — and demo/dist), then drives the built page in Debian's
# Chromium (tests/playground/run.mjs): examples, errors, OPFS across reloads, export to
# sqlite3 and import, share links, 100 000 rows, cancel, meta-commands, EXPLAIN tree, page
# weight and time to first result; screenshots in build/playground-shots/.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ -x "${CHROMIUM:-/usr/lib/chromium/chromium}" ] || { echo "FAIL: playground/setup — no chromium (tools/install-packages.sh test)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "FAIL: playground/setup — no sqlite3 (tools/install-packages.sh build)"; exit 1; }
start=$(date +%s)
if ! PLAYGROUND_DEV=1 bash tools/build-playground.sh >/tmp/pgmicro-playground-build.log 2>&1; then
  tail -30 /tmp/pgmicro-playground-build.log; echo "FAIL: playground/build (log: /tmp/pgmicro-playground-build.log)"; exit 1
fi
echo "PASS: playground/build ($(( $(date +%s) - start ))s)"
timeout 600 node tests/playground/run.mjs demo/node_modules "${1:-}"; rc=$?
[ $rc -eq 124 ] && echo "FAIL: playground/run (timed out after 600 s)"
exit $rc

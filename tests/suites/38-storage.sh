#!/usr/bin/env bash
# Durable storage (issue 7): file databases through the Node file VFS (vfs/ + js/node-file-vfs.js)
# interleaved with Debian's sqlite3, kill -9 mid write loop, export()/import, pg-micro/worker on a
# file (storage.test.mjs); plain sqlite3-made files in the PostgreSQL dialect and the SQLite
# dialect (storage-sqlite.test.mjs); `pg-micro dump` loaded into PostgreSQL 15 and into pgmicro
# (storage-dump.test.mjs). Builds build-wasm/ incrementally and copies the module into js/ (as
# 35-js.sh does); the native shell (build/) and the PostgreSQL 15 test cluster are needed too.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn
command -v sqlite3 >/dev/null || apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends sqlite3 >/dev/null
b=build-wasm
if [ ! -f $b/CMakeCache.txt ]; then
  emcmake cmake -S . -B $b -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" \
    >/tmp/pgmicro-storage-configure.log 2>&1 || { tail -30 /tmp/pgmicro-storage-configure.log; echo "FAIL: storage/build"; exit 1; }
fi
if ! cmake --build $b -j2 >/tmp/pgmicro-storage-build.log 2>&1; then
  grep -E "error|Error" /tmp/pgmicro-storage-build.log | head -30
  echo "FAIL: storage/build (log: /tmp/pgmicro-storage-build.log)"; exit 1
fi
bash js/build.sh >/dev/null || { echo "FAIL: storage/package"; exit 1; }
bash tools/build.sh >/dev/null 2>&1 || { echo "FAIL: storage/native build"; exit 1; }
bash tools/pg15-cluster.sh start >/dev/null 2>&1 || { echo "FAIL: storage/pg15 cluster"; exit 1; }
timeout 600 node --test --test-reporter=./tests/tools/node-test-reporter.mjs tests/js/storage.test.mjs \
  tests/js/storage-sqlite.test.mjs tests/js/storage-dump.test.mjs; rc=$?
[ $rc -eq 124 ] && echo "FAIL: storage/tests (timed out after 600 s)"
exit $rc

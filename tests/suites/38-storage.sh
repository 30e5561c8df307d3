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
source tests/tools/suite-lib.sh
need_sqlite3
wasm_package storage || exit 1
bash tools/build.sh >/dev/null 2>&1 || { echo "FAIL: storage/native build"; exit 1; }
bash tools/pg15-cluster.sh start >/dev/null 2>&1 || { echo "FAIL: storage/pg15 cluster"; exit 1; }
timeout 600 node --test --test-reporter=./tests/tools/node-test-reporter.mjs tests/js/storage.test.mjs \
  tests/js/storage-sqlite.test.mjs tests/js/storage-dump.test.mjs; rc=$?
[ $rc -eq 124 ] && echo "FAIL: storage/tests (timed out after 600 s)"
exit $rc

#!/usr/bin/env bash
# The wire-protocol server (issue 8): `pg-micro FILE --server 127.0.0.1:0` over a temporary
# file, driven by (a) psql 15 — a scripted session (tests/server/psql-session.sql: DDL/DML,
# errors, transactions, \copy and COPY in both directions) and several statements in one -c,
# each compared with the same run on the PostgreSQL 15 test cluster; (b) node-postgres, pinned
# in tests/server/package.json and installed into build/server-npm/ (node-postgres.test.mjs);
# (c) the protocol byte by byte with a raw socket, malformed messages included
# (protocol.test.mjs). Needs js/pgmicro.{wasm,mjs} (35-js.sh builds them) and the cluster.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source tests/tools/suite-lib.sh
need_package server || exit 1
npm_pinned server build/server-npm tests/server/package.json || exit 1
bash tools/pg15-cluster.sh start >/dev/null 2>&1 || { echo "FAIL: server/pg15 cluster"; exit 1; }
source tests/tools/pg-env.sh

work=$(mktemp -d /tmp/pgmicro-server.XXXXXX)
db=pgmicro_server_suite
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  pg_drop_db "$db"
  [ "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail=0

node js/cli.js "$work/test.db" --server 127.0.0.1:0 2>"$work/server.err" &
server_pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/.* on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$work/server.err")
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$work/server.err"; echo "FAIL: server/start"; exit 1
fi
echo "PASS: server/start"

pg_fresh_db "$db" || { echo "FAIL: server/fresh database"; exit 1; }
ours=(-X -h 127.0.0.1 -p "$port" -U postgres -d postgres)
theirs=("${PG_ARGS[@]}" -X -d "$db")

# compare NAME: the files $work/{pg,us}/NAME.out must be equal.
compare() {
  if diff -u "$work/pg/$1.out" "$work/us/$1.out" >"$work/$1.diff"; then
    echo "PASS: server/psql-$1"
  else
    head -40 "$work/$1.diff"; echo "FAIL: server/psql-$1"; fail=1
  fi
}

# (a) the scripted session, in a folder of its own per side (\copy writes items-out.tsv there)
for side in pg us; do
  mkdir -p "$work/$side"
  cp tests/server/psql-session.sql tests/server/items-in.tsv "$work/$side/"
  if [ $side = pg ]; then args=("${theirs[@]}"); else args=("${ours[@]}"); fi
  (cd "$work/$side" && timeout 120 "$PG_PSQL" "${args[@]}" -f psql-session.sql >session.out 2>&1)
  (cd "$work/$side" && timeout 60 "$PG_PSQL" "${args[@]}" \
     -c "SELECT 1 AS a; SELECT 'two' AS b, NULL AS c; CREATE TABLE multi (v int); INSERT INTO multi VALUES (1), (2)" \
     -c "SELECT count(*) FROM multi; SELECT 1/0; SELECT 3" \
     -c "BEGIN; INSERT INTO multi VALUES (3); COMMIT; SELECT sum(v) FROM multi" \
     -c "SET application_name = 'psql-test'; SHOW application_name" >multi.out 2>&1)
done
compare session
compare multi
if cmp -s "$work/pg/items-out.tsv" "$work/us/items-out.tsv"; then echo "PASS: server/psql-copy-file"; else echo "FAIL: server/psql-copy-file"; fail=1; fi

# (b) node-postgres and (c) the raw protocol: each starts servers of its own.
timeout 600 node --test --test-reporter=./tests/tools/node-test-reporter.mjs \
  tests/server/node-postgres.test.mjs tests/server/protocol.test.mjs || fail=1
exit $fail

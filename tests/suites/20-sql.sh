#!/usr/bin/env bash
# SQL tests: each tests/sql/NAME.sql runs through `pgmicro -X -a -q` (file on stdin, fresh
# in-memory database, stderr merged) and must match tests/expected/NAME.out — output of
# real PostgreSQL 15's psql for the same file (tests/tools/regen-expected.sh) — byte for byte.
# Usage: tests/suites/20-sql.sh [NAME...]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${PGMICRO_BUILD:-$root/build}
bin="$build/tools/shell/pgmicro"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
if [ ! -x "$bin" ]; then
  echo "FAIL: sql (no shell binary at $bin)"
  exit 1
fi
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$root"/tests/sql/*.sql; do names+=("$(basename "$f" .sql)"); done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in "${names[@]}"; do
  expected="$root/tests/expected/$name.out"
  actual="$tmp/$name.out"
  (cd "$root/tests/sql" && timeout 120 "$bin" -X -a -q <"$name.sql" >"$actual" 2>&1)
  rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
    echo "FAIL: sql/$name (pgmicro exited with $rc)"
    tail -n 5 "$actual"
  elif cmp -s "$expected" "$actual"; then
    echo "PASS: sql/$name"
  else
    echo "FAIL: sql/$name"
    diff -u "$expected" "$actual" --label "expected/$name.out" --label "pgmicro" | head -n 40
  fi
done

#!/usr/bin/env bash
# Differential test against real PostgreSQL 15: every statement of the SQL corpus
# (tests/sql/*.sql) runs on a throwaway PostgreSQL 15 cluster (tools/pg15-cluster.sh, a
# fresh database per file) and on pgmicro (a fresh in-memory database per file); the
# per-statement outputs — rows as psql prints them, the command tag, or the error with its
# SQLSTATE, message, DETAIL, HINT and position — must be identical.
# How: the shell splits each file exactly as psql does (pgmicro --list-statements); a script
# with a marker (\echo) before every statement runs under `\set VERBOSITY verbose` through
# psql and through pgmicro; the outputs are cut at the markers and compared statement by
# statement. Server-only verbose fields (LOCATION, SCHEMA NAME, ...) are dropped from psql's.
# Prints one PASS/FAIL line per file, the mismatching statements, and a total line.
# Usage: tests/suites/25-differential.sh [NAME...]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${PGMICRO_BUILD:-$root/build}
bin="$build/tools/shell/pgmicro"
max_shown=${DIFF_MAX_SHOWN:-5}
if [ ! -x "$bin" ]; then
  echo "FAIL: differential (no shell binary at $bin)"
  exit 1
fi
if ! bash "$root/tools/pg15-cluster.sh" start; then
  echo "FAIL: differential (cannot start the PostgreSQL 15 cluster)"
  exit 1
fi
source "$root/tests/tools/pg-env.sh"

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$root"/tests/sql/*.sql; do names+=("$(basename "$f" .sql)"); done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# chunk FILE N: the output lines between marker N and the next marker.
chunk() {
  awk -v n="$2" '/^@@@pgmicro-stmt [0-9]+$/ { cur = $2; next } cur == n' "$1"
}

total=0; total_bad=0
for name in "${names[@]}"; do
  sql="$root/tests/sql/$name.sql"
  items=()
  while IFS= read -r -d '' item; do items+=("$item"); done \
    < <(cd "$root/tests/sql" && "$bin" --list-statements <"$sql")
  script="$tmp/$name.script"
  {
    echo '\set VERBOSITY verbose'
    for i in "${!items[@]}"; do
      printf '\\echo @@@pgmicro-stmt %d\n%s\n' "$i" "${items[$i]}"
    done
  } >"$script"
  db="diff_${name}"
  pg_fresh_db "$db"
  "$PG_PSQL" "${PG_ARGS[@]}" -X -d "$db" <"$script" 2>&1 |
    grep -v -E '^(LOCATION|SCHEMA NAME|TABLE NAME|COLUMN NAME|DATATYPE NAME|CONSTRAINT NAME):  ' \
    >"$tmp/$name.pg"
  pg_drop_db "$db"
  (cd "$root/tests/sql" && timeout 120 "$bin" -X <"$script" >"$tmp/$name.us" 2>&1)
  rc=$?
  # Statement indexes whose outputs differ.
  bad=$(awk '
    FNR == 1 { file++ }
    /^@@@pgmicro-stmt [0-9]+$/ { cur = $2; seen[cur] = 1; next }
    { out[file, cur] = out[file, cur] $0 "\n" }
    END { for (i in seen) if (out[1, i] != out[2, i]) print i }' "$tmp/$name.pg" "$tmp/$name.us" |
    sort -n)
  n=${#items[@]}
  m=0
  [ -n "$bad" ] && m=$(wc -l <<<"$bad")
  total=$((total + n)); total_bad=$((total_bad + m))
  if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
    echo "FAIL: differential/$name (pgmicro exited with $rc; $m of $n statements differ)"
  elif [ "$m" -eq 0 ]; then
    echo "PASS: differential/$name ($n statements)"
  else
    echo "FAIL: differential/$name ($m of $n statements differ)"
  fi
  shown=0
  for i in $bad; do
    [ $shown -ge "$max_shown" ] && { echo "  ... $((m - shown)) more"; break; }
    shown=$((shown + 1))
    echo "  statement: $(head -c 300 <<<"${items[$i]}" | tr '\n' ' ')"
    echo "    postgres:"; chunk "$tmp/$name.pg" "$i" | head -n 8 | sed 's/^/      | /'
    echo "    pgmicro:";  chunk "$tmp/$name.us" "$i" | head -n 8 | sed 's/^/      | /'
  done
done
echo "$total statements, $total_bad mismatches"

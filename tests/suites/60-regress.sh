#!/usr/bin/env bash
# PostgreSQL 15's own regression scripts as a conformance measurement (issues #5 and #6): each of
# the scripts listed in tests/regress/harness.mjs (from Debian bookworm's postgresql-15 source
# package, fetched by tools/fetch-pg-regress.sh) runs statement by statement on a throwaway
# PostgreSQL 15 (tools/pg15-cluster.sh, a fresh database per script) and on pgmicro (a fresh copy
# of a database file per script), both after the same adapted test_setup.sql; the per-statement
# psql outputs are compared. Method: tests/regress/README.md.
# Prints `PASS: regress/NAME (k/n identical, p%)` per script — FAIL only when pgmicro crashed,
# hung or printed a sanitizer report; the percentages are measured, not gated — then a markdown
# table, also written to tests/regress/results.md (only when all scripts ran).
# Usage: tests/suites/60-regress.sh [NAME...]
#   REGRESS_SHOW=N shows the first N differing statements per script; outputs of both sides are
#   kept in $PGMICRO_BUILD/regress/NAME.{pg,us}.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${PGMICRO_BUILD:-$root/build}
bin="$build/tools/shell/pgmicro"
if [ ! -x "$bin" ]; then
  echo "FAIL: regress (no shell binary at $bin)"
  exit 1
fi
command -v node >/dev/null || { echo "FAIL: regress (node is not installed)"; exit 1; }
if ! regress=$(bash "$root/tools/fetch-pg-regress.sh"); then
  echo "FAIL: regress (cannot fetch PostgreSQL 15's regression scripts)"
  exit 1
fi
if ! bash "$root/tools/pg15-cluster.sh" start; then
  echo "FAIL: regress (cannot start the PostgreSQL 15 cluster)"
  exit 1
fi
source "$root/tests/tools/pg-env.sh"
results=()
[ $# -eq 0 ] && results=(--results "$root/tests/regress/results.md")
server=$("$PG_PSQL" "${PG_ARGS[@]}" -X -A -t -d postgres -c 'SHOW server_version' 2>/dev/null | awk '{print $1}')
# The commit that last changed the engine or the shell: what the numbers measure.
commit=$(git -C "$root" log -1 --format=%h -- engine tools/shell 2>/dev/null || echo '?')
PG_PSQL="$PG_PSQL" PG_ARGS="${PG_ARGS[*]}" exec node "$root/tests/regress/harness.mjs" --bin "$bin" --regress "$regress" --out "$build/regress" \
  --pgver "$(basename "$regress")" --server "PostgreSQL ${server:-15}" --commit "$commit" "${results[@]}" "$@"

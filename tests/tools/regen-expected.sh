#!/usr/bin/env bash
# Regenerates tests/expected/NAME.out from real PostgreSQL 15: each tests/sql/NAME.sql is
# run with `psql -X -a -q` (the file on stdin, stderr merged) against a freshly created
# database on the throwaway cluster of tools/pg15-cluster.sh.
# Usage: tests/tools/regen-expected.sh [NAME...]   (default: every file)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/tools/pg-env.sh"
bash "$root/tools/pg15-cluster.sh" start
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$root"/tests/sql/*.sql; do names+=("$(basename "$f" .sql)"); done
fi
for name in "${names[@]}"; do
  db="regen_${name}"
  pg_fresh_db "$db"
  "$PG_PSQL" "${PG_ARGS[@]}" -X -a -q -d "$db" <"$root/tests/sql/$name.sql" \
    >"$root/tests/expected/$name.out" 2>&1 || true
  pg_drop_db "$db"
  echo "wrote tests/expected/$name.out"
done

# Sourced by the scripts that talk to the PostgreSQL 15 test cluster (tools/pg15-cluster.sh):
# a predictable client environment and helpers for fresh databases.
root=${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
unset PGHOST PGPORT PGUSER PGDATABASE PGOPTIONS PGSERVICE PGSERVICEFILE PGPASSFILE PGTZ \
      PGDATESTYLE PGCLIENTENCODING PSQLRC PSQL_PAGER PAGER 2>/dev/null || true
export LC_ALL=C.UTF-8 LANG=C.UTF-8
PG_PSQL=/usr/lib/postgresql/15/bin/psql
read -r -a PG_ARGS <<<"$(bash "$root/tools/pg15-cluster.sh" psql-args)"

pg_fresh_db() {
  "$PG_PSQL" "${PG_ARGS[@]}" -X -q -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\" TEMPLATE template0" \
    >/dev/null 2>&1
}
pg_drop_db() {
  "$PG_PSQL" "${PG_ARGS[@]}" -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$1\"" >/dev/null 2>&1 || true
}

#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for differential tests and for regenerating expected
# output: Debian's postgresql-15 binaries, data under <repo>/.cache/pg15 (git-ignored),
# 127.0.0.1:54329, UTF8 / C.UTF-8 / TimeZone UTC / DateStyle 'ISO, MDY' / lc_messages C,
# fsync off. Runs the server as the `postgres` user when invoked as root.
# Usage: tools/pg15-cluster.sh start|stop|status|psql-args
#   psql-args prints the psql connection options (-h 127.0.0.1 -p 54329 -U postgres).
# Idempotent: start when already running does nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=/usr/lib/postgresql/15/bin
port=${PG15_PORT:-54329}
base="$root/.cache/pg15"
data="$base/data"
log="$base/server.log"
sock="$base/sock"

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    # runuser keeps our cwd; make sure it is one postgres can enter.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

running() {
  [ -f "$data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

case "${1:-}" in
  start)
    if running; then exit 0; fi
    [ -x "$bin/initdb" ] || { echo "postgresql-15 is not installed ($bin/initdb missing)" >&2; exit 1; }
    mkdir -p "$base" "$sock"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$base" "$sock"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      rm -rf "$data"
      as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        --lc-messages=C >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; exit 1; }
      cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
datestyle = 'ISO, MDY'
lc_messages = 'C'
max_connections = 40
shared_buffers = 32MB
CONF
    fi
    # -k: the socket folder of this checkout, even when the data folder was made by another one.
    as_pg "$bin/pg_ctl" -D "$data" -l "$log" -o "-k $sock" -w -t 60 start >/dev/null || { tail -n 30 "$log" >&2; exit 1; }
    ;;
  stop)
    if running; then as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    ;;
  status)
    if running; then echo "running on 127.0.0.1:$port"; else echo "stopped"; exit 3; fi
    ;;
  psql-args)
    echo "-h 127.0.0.1 -p $port -U postgres"
    ;;
  *)
    echo "usage: $0 start|stop|status|psql-args" >&2; exit 2 ;;
esac

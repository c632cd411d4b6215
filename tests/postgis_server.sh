#!/usr/bin/env bash
# A private PostgreSQL 15 server with PostGIS for the tests, from Debian's packages (postgresql-15,
# postgresql-15-postgis-3): its own cluster in DIR, listening on a loopback port only, run as an unprivileged user
# (nobody when the tests run as root, since PostgreSQL refuses root; the caller otherwise).
#
#   tests/postgis_server.sh start DIR        starts it; prints the connection string of its template database
#   tests/postgis_server.sh createdb DIR     a new empty database with PostGIS; prints its connection string ("PG:...")
#   tests/postgis_server.sh stop DIR         stops it (the caller removes DIR)
#
# Exit 77 when the packages are not installed, so that the tests can say they were skipped and why.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
cmd=${1:?usage: postgis_server.sh start|createdb|stop DIR}
dir=${2:?usage: postgis_server.sh start|createdb|stop DIR}

if [ ! -x "$bin/postgres" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "postgis_server: PostgreSQL 15 with PostGIS is not installed (Debian: postgresql-15 postgresql-15-postgis-3)" >&2
  exit 77
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

psql_at() {
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres "$@"
}

case "$cmd" in
  start)
    mkdir -p "$dir/pg"
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown nobody "$dir/pg"; fi
    as_owner "$bin/initdb" -D "$dir/pg/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 ||
      { cat "$dir/pg/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3 4 5 6 7 8; do
      port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
      echo "$port" >"$dir/port"
      if as_owner "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 \
          -o "-p $port -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c dynamic_shared_memory_type=sysv" start >/dev/null; then
        break
      fi
      if [ "$attempt" -eq 8 ]; then cat "$dir/pg/server.log" >&2; exit 1; fi
    done
    psql_at -d postgres -c "CREATE DATABASE template_incidentmap" >/dev/null
    psql_at -d template_incidentmap -c "CREATE EXTENSION postgis" >/dev/null
    echo 0 >"$dir/databases"
    echo "PG:host=127.0.0.1 port=$(cat "$dir/port") dbname=template_incidentmap user=postgres"
    ;;
  createdb)
    n=$(( $(cat "$dir/databases") + 1 ))
    echo "$n" >"$dir/databases"
    psql_at -d postgres -c "CREATE DATABASE test_$n TEMPLATE template_incidentmap" >/dev/null
    echo "PG:host=127.0.0.1 port=$(cat "$dir/port") dbname=test_$n user=postgres"
    ;;
  stop)
    if [ -f "$dir/pg/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "postgis_server: unknown command $cmd" >&2
    exit 2
    ;;
esac

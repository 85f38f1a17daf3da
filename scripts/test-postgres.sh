#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL for the storage contract tests, on 127.0.0.1 only.
#   scripts/test-postgres.sh start   prints the URL to put in FENGQIAO_TEST_POSTGRES_URL
#   scripts/test-postgres.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${FENGQIAO_TEST_PG_DIR:-/tmp/fengqiao-test-pg}
port=${FENGQIAO_TEST_PG_PORT:-54329}
url="postgres://fengqiao@127.0.0.1:${port}/fengqiao_test"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
bin=$(find_bin)
if [ -z "$bin" ]; then
    scripts/ensure-packages.sh postgresql >&2
    bin=$(find_bin)
fi
# initdb and postgres refuse to run as root: run them as the postgres system user then.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if [ -f "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        echo "$url"
        exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    as_owner "$bin/initdb" -D "$dir" -U fengqiao --auth=trust -E UTF8 --no-locale >"$dir.initdb.log" 2>&1 || {
        cat "$dir.initdb.log" >&2
        exit 1
    }
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=400" \
        start >/dev/null
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U fengqiao fengqiao_test
    # Extensions are per database: install pg_trgm once in public, which every test schema has on its search path.
    "$bin/psql" -q -h 127.0.0.1 -p "$port" -U fengqiao -d fengqiao_test -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"
    echo "$url"
    ;;
stop)
    if [ -d "$dir" ]; then as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true; fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac

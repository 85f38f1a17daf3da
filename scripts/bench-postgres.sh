#!/usr/bin/env bash
# `make bench-postgres`: the same benchmark against a PostgreSQL this script starts on 127.0.0.1:54331 with the
# server's default durability (fsync and synchronous_commit on, unlike the test server), and stops at the end.
# Arguments go to scripts/bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${FENGQIAO_BENCH_PG_DIR:-/tmp/fengqiao-bench-pg}
port=${FENGQIAO_BENCH_PG_PORT:-54331}
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
bin=$(find_bin)
if [ -z "$bin" ]; then
    scripts/ensure-packages.sh postgresql
    bin=$(find_bin)
fi
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
as_owner "$bin/initdb" -D "$dir" -U fengqiao --auth=trust -E UTF8 --no-locale >/dev/null
as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c shared_buffers=1GB" start >/dev/null
trap 'as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
FENGQIAO_BENCH_POSTGRES="postgres://fengqiao@127.0.0.1:${port}/postgres" scripts/bench.sh "$@"

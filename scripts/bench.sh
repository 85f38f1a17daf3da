#!/usr/bin/env bash
# `make bench`: release build, then every figure of issue 8 in one run (scripts/bench.py; docs/PERFORMANCE.md).
# Arguments go to scripts/bench.py (e.g. --cases 100000 --duration 5, --reuse). PostgreSQL:
# FENGQIAO_BENCH_POSTGRES=postgres://user@host:port/postgres scripts/bench.sh   (see scripts/bench-postgres.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh wrk
swift build -c release --product fengqiao
exec python3 scripts/bench.py --binary .build/release/fengqiao "$@"

#!/usr/bin/env bash
# Crash safety: drives intake through the JSON API, kills the server with SIGKILL N times at random moments,
# restarts it, and checks that every acknowledged case is there with its whole event file and that
# `fengqiao verify` passes. Usage: scripts/crash-test.sh [N]  (default 20; CI runs 3; see README for 100).
# FENGQIAO_BIN names another binary (e.g. .build/release/fengqiao); otherwise the debug build is brought up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
if [ -z "${FENGQIAO_BIN:-}" ]; then
    swift build --product fengqiao >/dev/null
fi
shift || true
exec python3 scripts/crash_test.py --binary "$bin" --rounds "$rounds" "$@"

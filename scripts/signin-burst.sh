#!/usr/bin/env bash
# Sign-in burst: 200 parallel sign-ins from one address against a live server (fresh SQLite database, demo county);
# no answer may be a 5xx, every 429 must carry Retry-After, and other pages must keep answering 200 within 1 s.
# FENGQIAO_BIN names the binary (default .build/debug/fengqiao, which must already be built).
# Usage: scripts/signin-burst.sh [options of scripts/signin-burst.py, e.g. --keep --seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
exec python3 scripts/signin-burst.py --binary "$bin" "$@"

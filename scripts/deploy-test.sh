#!/usr/bin/env bash
# docs/DEPLOY.md tried with the files it installs (deploy/): the systemd units verified by systemd-analyze, and a
# production installation from nothing on SQLite and on PostgreSQL (FENGQIAO_TEST_POSTGRES_URL) — config, migrate,
# setup, serve, worker, backup, restore drill, doctor. Installs systemd's tools from Debian when missing.
# FENGQIAO_BIN names the binary (default .build/debug/fengqiao, which must already be built).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v systemd-analyze >/dev/null || scripts/ensure-packages.sh systemd
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
exec python3 scripts/deploy_test.py --binary "$bin" "$@"

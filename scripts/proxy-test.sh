#!/usr/bin/env bash
# The app behind nginx as DEPLOY.md sets it up: TLS with a self-signed certificate on 127.0.0.1, X-Forwarded-For from
# the trusted proxy only. Checks sign-in (Secure cookies, HSTS), a citizen's report with a photo, and that the
# per-address limits count the client address nginx forwards. Installs nginx and openssl from Debian when missing.
# FENGQIAO_BIN names the binary (default .build/debug/fengqiao, which must already be built).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh nginx-light openssl
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
exec python3 scripts/proxy_test.py --binary "$bin" "$@"

#!/usr/bin/env bash
# The whole test suite: the generated-code and format checks, then every test target, with the storage contract
# tests on SQLite and on a PostgreSQL this script starts on 127.0.0.1 and stops at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/check-generated.sh
scripts/format.sh --check
FENGQIAO_TEST_POSTGRES_URL=$(scripts/test-postgres.sh start)
export FENGQIAO_TEST_POSTGRES_URL
trap 'scripts/test-postgres.sh stop' EXIT
echo "PostgreSQL for the contract tests: $FENGQIAO_TEST_POSTGRES_URL"
swift build --build-tests
swift test --skip-build
# Crash safety: SIGKILL the server 3 times under intake load; every acknowledged case must survive (README: N=100).
FENGQIAO_BIN=.build/debug/fengqiao scripts/crash-test.sh 3
# Real browser (Debian's headless Chromium through Selenium): the public pages, the closed loop and every role's workspace,
# screenshots at 360 and 1280 px in screenshots/, nothing cut off at phone width.
FENGQIAO_BIN=.build/debug/fengqiao scripts/browser-test.sh
# Open311 GeoReport v2 with a real client library from PyPI (georeport) against a live server.
FENGQIAO_BIN=.build/debug/fengqiao scripts/open311-client-test.sh
# Sign-in burst: 200 parallel sign-ins from one address: no 5xx, 429 with Retry-After, other pages keep answering within 1 s.
FENGQIAO_BIN=.build/debug/fengqiao scripts/signin-burst.sh
# Behind nginx with TLS as docs/DEPLOY.md sets it up: HSTS and Secure cookies, sign-in, a report with a photo, and the
# per-address limits counting the client address the trusted proxy forwards.
FENGQIAO_BIN=.build/debug/fengqiao scripts/proxy-test.sh
# docs/DEPLOY.md with the files of deploy/: the systemd units verified, a production installation from nothing on
# SQLite and PostgreSQL (config, migrate, setup, serve, worker, backup, restore drill, doctor healthy and broken).
FENGQIAO_BIN=.build/debug/fengqiao scripts/deploy-test.sh
# Schemathesis (PyPI) against the OpenAPI document: no request may get a 5xx.
FENGQIAO_BIN=.build/debug/fengqiao scripts/schemathesis.sh
# A 10,000-record 12345 hotline import with exactly 3 bad records, twice: those 3 refused, nothing new the second time.
FENGQIAO_BIN=.build/debug/fengqiao scripts/import-check.sh 10000
# The structure import from the command line: the sample county saved by Chinese Excel, a problem's place, again nothing.
FENGQIAO_BIN=.build/debug/fengqiao scripts/import-structure-check.sh

#!/usr/bin/env bash
# Fuzzes /api/v1 with Schemathesis, driven by the app's own OpenAPI document; fails on any 5xx.
# Installs Schemathesis (and Selenium, which scripts/browser_test.py imports for its Server class) from PyPI into
# .venv-fuzz/, builds the debug binary unless FENGQIAO_BIN names one, and runs scripts/schemathesis_run.py.
# Arguments go to the driver, e.g. `scripts/schemathesis.sh --examples 50 --keep`. About 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-fuzz
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
        rm -rf "$venv"
        scripts/ensure-packages.sh python3-venv
        python3 -m venv "$venv"
    fi
fi
if ! "$venv/bin/python" -c 'import schemathesis, selenium' 2>/dev/null; then
    echo "安装 Schemathesis / installing schemathesis into $venv"
    "$venv/bin/pip" install --quiet schemathesis selenium
fi

binary=${FENGQIAO_BIN:-.build/debug/fengqiao}
if [ -z "${FENGQIAO_BIN:-}" ]; then
    swift build --product fengqiao 2>&1 | grep -E "error|warning: [^']" || true
fi
exec "$venv/bin/python" scripts/schemathesis_run.py --binary "$binary" "$@"

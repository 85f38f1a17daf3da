#!/usr/bin/env bash
# Open311 GeoReport v2 against a live server through a real client library (georeport, from PyPI) in a virtualenv
# .venv-open311/; see docs/OPEN311.md. FENGQIAO_BIN names another binary; otherwise the debug build is brought up to
# date. Usage: scripts/open311-client-test.sh [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
if [ -z "${FENGQIAO_BIN:-}" ]; then
    swift build --product fengqiao >/dev/null
fi
venv=.venv-open311
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
        rm -rf "$venv"
        scripts/ensure-packages.sh python3-venv
        python3 -m venv "$venv"
    fi
fi
if ! "$venv/bin/python" -c 'import georeport, requests' 2>/dev/null; then
    echo "安装 georeport / installing georeport into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'georeport==0.3.1' 'requests>=2.31,<3'
fi
exec "$venv/bin/python" scripts/open311-client-test.py --binary "$bin" "$@"

#!/usr/bin/env bash
# Real-browser tests: headless Chromium (Debian's, never a downloaded one) driven by Selenium through the pages a
# citizen and a member of staff use, with screenshots at phone (360 px) and desktop (1280 px) width in screenshots/.
# Installs what is missing: the Debian packages (as root) and Selenium in a virtualenv .venv-browser/.
# Usage: scripts/browser-test.sh [options of scripts/browser_test.py, e.g. --keep]
# FENGQIAO_BIN names another binary (e.g. .build/release/fengqiao); otherwise the debug build is brought up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
if [ -z "${FENGQIAO_BIN:-}" ]; then
    swift build --product fengqiao >/dev/null
fi
# The browser, its driver, Chinese fonts, and the Chart.js and Leaflet the pages are served with.
scripts/ensure-packages.sh chromium chromium-driver fonts-noto-cjk $(grep -v "^#" scripts/packages-run.txt | xargs)
venv=.venv-browser
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
        # Debian's python3 keeps venv (ensurepip) in a package of its own.
        rm -rf "$venv"
        scripts/ensure-packages.sh python3-venv
        python3 -m venv "$venv"
    fi
fi
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
    echo "安装 Selenium / installing selenium into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'selenium>=4.11,<5'
fi
# Selenium Manager must never fetch a browser or a driver: the system ones are named explicitly.
export SE_OFFLINE=true
exec "$venv/bin/python" scripts/browser_test.py --binary "$bin" "$@"

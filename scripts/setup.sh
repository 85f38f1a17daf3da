#!/usr/bin/env bash
# Checks the toolchain and installs what `make run` needs from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v swift >/dev/null 2>&1; then
    echo "需要 Swift 6.3 工具链 / Swift 6.3 is required: https://www.swift.org/install/linux/" >&2
    exit 1
fi
version=$(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -1)
if [ "${version:-0}" -lt 6 ]; then
    echo "需要 Swift 6 或更新版本 / Swift 6 or newer is required (found: ${version:-unknown})" >&2
    exit 1
fi
# The runtime needs the Debian packages of scripts/packages-run.txt: Chart.js and Leaflet for the dashboard and
# Chinese fonts for printing (SQLite is built in).
packages=$(grep -v '^#' scripts/packages-run.txt | xargs || true)
# shellcheck disable=SC2086
[ -z "$packages" ] || scripts/ensure-packages.sh $packages

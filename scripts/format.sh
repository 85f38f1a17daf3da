#!/usr/bin/env bash
# Formats the Swift sources with the repository's .swift-format; with --check, only reports and fails on a diff.
# Sources/FengqiaoAPI/Generated is left out: scripts/generate.sh writes it, and `make check-generated` checks it.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -d '' files < <(find Package.swift Sources Tests -name '*.swift' -not -path 'Sources/FengqiaoAPI/Generated/*' -print0)
if [ "${1:-}" = "--check" ]; then
    swift format lint --strict --parallel "${files[@]}"
    echo "格式检查通过 / format check passed"
else
    swift format format --in-place --parallel "${files[@]}"
fi

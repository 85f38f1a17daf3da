#!/usr/bin/env bash
# Formats the Swift sources with the repository's .swift-format; with --check, only reports and fails on a diff.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--check" ]; then
    swift format lint --strict --recursive --parallel Package.swift Sources Tests
    echo "格式检查通过 / format check passed"
else
    swift format format --in-place --recursive --parallel Package.swift Sources Tests
fi

#!/usr/bin/env bash
# Fails when Sources/FengqiaoAPI/Generated was not regenerated after a change of the contract: the fingerprint of
# openapi.yaml, the generator configuration and the generator version must be the one scripts/generate.sh wrote.
# Cheap on purpose (no generator build), so CI checks the committed code instead of paying for the generator.
# With --print, only prints the current fingerprint (scripts/generate.sh writes it with this).
set -euo pipefail
cd "$(dirname "$0")/.."

# The one place the generator version is named; scripts/generate.sh builds this tag.
OPENAPI_GENERATOR_VERSION=1.14.3
API=Sources/FengqiaoAPI
STAMP=$API/Generated/contract.sha256

fingerprint() {
    {
        cat "$API/openapi.yaml"
        cat "$API/openapi-generator-config.yaml"
        echo "swift-openapi-generator $OPENAPI_GENERATOR_VERSION"
    } | sha256sum | cut -d' ' -f1
}

case "${1:-}" in
    --print)
        fingerprint
        exit 0
        ;;
    --version)
        echo "$OPENAPI_GENERATOR_VERSION"
        exit 0
        ;;
esac

if [ ! -f "$STAMP" ] || [ "$(fingerprint)" != "$(cat "$STAMP")" ]; then
    echo "生成代码已过期，请运行 make generate / the generated code is stale: run make generate" >&2
    exit 1
fi
echo "生成代码是最新的 / the generated code is up to date"

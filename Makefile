# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
BIN := .build/release/fengqiao
export FENGQIAO_DATABASE_URL ?= sqlite:./data/fengqiao.sqlite

.PHONY: run test bench bench-postgres build generate check-generated format format-check clean

## Install what is missing, build in release mode, migrate, load the demo county if the database is empty, serve.
run:
	scripts/setup.sh
	swift build -c release --product fengqiao
	$(BIN) migrate
	$(BIN) seed-demo --if-empty
	@echo
	@echo "枫桥已启动 / Fengqiao is starting: http://$${FENGQIAO_HOSTNAME:-127.0.0.1}:$${FENGQIAO_PORT:-8080}/"
	@echo "演示账号密码 / demo password: Fengqiao2026 — accounts: county.admin county.leader county.center county.dept"
	@echo "  and <xicheng|donghu|taoyuan|qingshan>.<grid|center|dept|mediator|leader|admin>"
	@echo
	exec $(BIN) serve

## The whole test suite (format check, unit, storage on SQLite and PostgreSQL, HTTP).
test:
	scripts/test.sh

## Release build, then every benchmark figure of issue 8 in one run (docs/PERFORMANCE.md); not part of `make test`.
bench:
	scripts/bench.sh

## The same benchmark against a PostgreSQL started for it on 127.0.0.1:54331.
bench-postgres:
	scripts/bench-postgres.sh

build:
	swift build

## Regenerates Sources/FengqiaoAPI/Generated from openapi.yaml (builds swift-openapi-generator once, into ~/.cache).
generate:
	scripts/generate.sh

## Fails when the committed generated code is older than openapi.yaml or its configuration (no generator build).
check-generated:
	scripts/check-generated.sh

format:
	scripts/format.sh

format-check:
	scripts/format.sh --check

clean:
	rm -rf .build

#!/usr/bin/env bash
# The structure import from the command line (docs/ONBOARDING.md) on an empty temporary SQLite database, with the
# sample county as Chinese Excel saves it: a check writes nothing and exits 0; a broken copy lists its problem by
# file, line and column and exits 1; --apply adds 7 regions, 10 grids, 6 organisations, 8 users and 4 mediators and
# prints 8 one-time passwords; the GB18030 CSV files of the same county then change nothing; the empty template
# (--template) reads back as a valid upload.
# Usage: scripts/import-structure-check.sh      (FENGQIAO_BIN: the binary, default .build/debug/fengqiao)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
[ -x "$bin" ] || swift build --product fengqiao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FENGQIAO_DATABASE_URL="sqlite:$work/structure.sqlite"
export FENGQIAO_MODE=development
samples=docs/samples/onboarding
"$bin" migrate >/dev/null

fail() { cat "$work/out.txt"; echo "FAIL: $1"; exit 1; }

"$bin" import-structure "$samples/青溪县组织架构.xlsx" >"$work/out.txt" || fail "the check exited $?"
grep -q "检查通过，尚未导入。新增：区划 7、网格 10、组织 6、用户 8、调解员 4" "$work/out.txt" || fail "the check's counts"

mkdir -p "$work/bad"
printf '网格代码,网格名称,所属村（社区）代码\r\n330599101-09,坏网格,330599101\r\n' >"$work/bad/网格.csv"
set +e
"$bin" import-structure --apply "$samples/csv-gb18030/区划.csv" "$work/bad/网格.csv" >"$work/out.txt"
status=$?
set -e
[ "$status" = 1 ] || fail "a broken upload exited $status"
grep -q "网格.csv 第2行 第3列“所属村（社区）代码”：网格只能设在村（社区）或网格之下" "$work/out.txt" || fail "the problem's place"

"$bin" import-structure --apply "$samples/青溪县组织架构.xlsx" >"$work/out.txt" || fail "the import exited $?"
grep -q "已导入。新增：区划 7、网格 10、组织 6、用户 8、调解员 4" "$work/out.txt" || fail "the import's counts"
[ "$(grep -cE '^[a-z.0-9]+	.+	[a-z]{4}-[0-9]{4}-[a-z]{4}$' "$work/out.txt")" = 8 ] || fail "8 one-time passwords"

"$bin" import-structure --apply "$samples/csv-gb18030/"*.csv >"$work/out.txt" || fail "the second import exited $?"
grep -q "没有需要新增的内容" "$work/out.txt" || fail "the second import changed something"
"$bin" import-structure --template "$work/template.xlsx" >/dev/null
"$bin" import-structure "$work/template.xlsx" >"$work/out.txt" || fail "the empty template is not a valid upload"
grep -q "没有需要新增的内容" "$work/out.txt" || fail "the empty template"
echo "import-structure: check, a problem by file, line and column, the sample county, again nothing: OK"

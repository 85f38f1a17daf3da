#!/usr/bin/env bash
# Imports a generated 12345 hotline CSV of N records (default 10,000) with exactly 3 bad records through the CLI,
# on a temporary SQLite database with the demo county, twice, and prints the timings. Checks: exit code 0, exactly
# the 3 bad lines refused, N-3 imported the first time, nothing new the second time. The same CSV is then exported
# as the county leader and the row count checked.
# Usage: scripts/import-check.sh [N]      (FENGQIAO_BIN: the binary, default .build/debug/fengqiao)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
bin=${FENGQIAO_BIN:-.build/debug/fengqiao}
[ -x "$bin" ] || swift build --product fengqiao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FENGQIAO_DATABASE_URL="sqlite:$work/import.sqlite"
export FENGQIAO_MODE=development

python3 - "$count" "$work/hotline.csv" <<'EOF'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
grids = ["339921101201-01", "339921102201-01", "339921102201-02", "339921001", "339921101"]
bad = {count // 8: "content", count // 2: "region", count - 2: "phone"}
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("\ufeff工单编号,来电时间,来电人,联系电话,诉求类型,诉求内容,事发地址,所属区划代码\r\n")
    for i in range(count):
        content, region, phone = f'"第{i}号工单：小区路灯损坏，夜间出行不便"', grids[i % len(grids)], f"139{i:08d}"
        kind = bad.get(i)
        if kind == "content": content = ""
        if kind == "region": region = "000000"
        if kind == "phone": phone = "13-9"
        f.write(f"GD{i:08d},2025-03-01 09:15,市民{i},{phone},市容,{content},,{region}\r\n")
print(" ".join(str(i + 2) for i in sorted(bad)), file=open(path + ".bad", "w"))
EOF
expected_lines=$(cat "$work/hotline.csv.bad")

"$bin" migrate >/dev/null
"$bin" seed-demo --cases 0 >/dev/null

run() {
    local started ended
    started=$(date +%s.%N)
    set +e
    "$bin" import --format hotline12345 --progress-every 1000 "$work/hotline.csv" >"$work/out.txt" 2>"$work/err.txt"
    status=$?
    set -e
    ended=$(date +%s.%N)
    seconds=$(python3 -c "print(f'{$ended - $started:.1f}')")
}

run
[ "$status" = 0 ] || { cat "$work/err.txt"; echo "FAIL: exit code $status"; exit 1; }
refused=$(grep -oE '^第[0-9]+行' "$work/out.txt" | tr -dc '0-9\n' | tr '\n' ' ' | sed 's/ $//')
[ "$refused" = "$expected_lines" ] || { echo "FAIL: refused lines '$refused', expected '$expected_lines'"; exit 1; }
grep -q "新导入$((count - 3))件" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: first import count"; exit 1; }
first=$seconds
echo "first import:  $count records, $((count - 3)) imported, 3 refused (lines $refused) in $first s" \
    "($(python3 -c "print(f'{$count / $first:.0f}')") records/s)"

run
[ "$status" = 0 ] || { echo "FAIL: second import exit code $status"; exit 1; }
grep -q "新导入0件，已存在$((count - 3))件" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: second import"; exit 1; }
echo "second import: nothing new, $((count - 3)) already present, in $seconds s"

started=$(date +%s.%N)
"$bin" export --format csv --user county.leader "$work/export.csv" >/dev/null
ended=$(date +%s.%N)
rows=$(python3 -c "import csv; print(sum(1 for _ in csv.reader(open('$work/export.csv', encoding='utf-8-sig'))) - 1)")
[ "$rows" = "$((count - 3))" ] || { echo "FAIL: exported $rows rows"; exit 1; }
echo "export:        $rows cases as county.leader in $(python3 -c "print(f'{$ended - $started:.1f}')") s"
echo "import-check: 1 passed, 0 failed"

#!/bin/sh
# The monthly restore drill, run by fengqiao-drill.service (docs/DEPLOY.md, section 7): the newest backup in
# FENGQIAO_BACKUP_DIR is restored into a scratch database and every case file's hash chain verified
# (`fengqiao verify`). SQLite: a scratch file in a temporary folder. PostgreSQL: the scratch database named by
# FENGQIAO_DRILL_DATABASE_URL (created once by the administrator; its contents are replaced), never the live one.
# Exits non-zero when the backup cannot be restored or does not verify. FENGQIAO_BIN names the binary.
set -eu
dir=${FENGQIAO_BACKUP_DIR:?FENGQIAO_BACKUP_DIR names the backup folder}
bin=${FENGQIAO_BIN:-fengqiao}
newest=$(ls -1t "$dir"/fengqiao-*.sqlite "$dir"/fengqiao-*.dump 2>/dev/null | head -n 1 || true)
if [ -z "$newest" ]; then
    echo "恢复演练：$dir 中没有备份 / restore drill: no backup in $dir" >&2
    exit 1
fi
echo "恢复演练 / restore drill: $newest"
case "$newest" in
*.sqlite)
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    FENGQIAO_DATABASE_URL="sqlite:$scratch/drill.sqlite" "$bin" restore "$newest"
    FENGQIAO_DATABASE_URL="sqlite:$scratch/drill.sqlite" "$bin" verify
    ;;
*.dump)
    drill=${FENGQIAO_DRILL_DATABASE_URL:?FENGQIAO_DRILL_DATABASE_URL names the scratch PostgreSQL database}
    if [ "$drill" = "${FENGQIAO_DATABASE_URL:-}" ]; then
        echo "恢复演练不能使用正式数据库 / the drill never restores into the live database" >&2
        exit 2
    fi
    pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$drill" "$newest"
    FENGQIAO_DATABASE_URL="$drill" "$bin" verify
    ;;
esac
echo "恢复演练通过 / restore drill passed"

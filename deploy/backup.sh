#!/bin/sh
# The nightly backup, run by fengqiao-backup.service (docs/DEPLOY.md, section 7) with the server's environment:
# SQLite through `fengqiao backup` (consistent while serving), PostgreSQL through pg_dump (custom format), into
# FENGQIAO_BACKUP_DIR as fengqiao-YYYY-MM-DD.sqlite or .dump; backups older than FENGQIAO_BACKUP_KEEP_DAYS (30)
# are removed afterwards. FENGQIAO_BIN names the binary (default: fengqiao on PATH).
set -eu
dir=${FENGQIAO_BACKUP_DIR:?FENGQIAO_BACKUP_DIR names the backup folder}
keep=${FENGQIAO_BACKUP_KEEP_DAYS:-30}
bin=${FENGQIAO_BIN:-fengqiao}
url=${FENGQIAO_DATABASE_URL:?FENGQIAO_DATABASE_URL names the database}
day=$(date +%F)
mkdir -p "$dir"
case "$url" in
sqlite:*)
    "$bin" backup "$dir/fengqiao-$day.sqlite" --replace
    ;;
postgres://* | postgresql://*)
    pg_dump --format=custom --no-owner --file="$dir/fengqiao-$day.dump.partial" --dbname="$url"
    mv "$dir/fengqiao-$day.dump.partial" "$dir/fengqiao-$day.dump"
    ;;
*)
    echo "备份：不支持的数据库地址 / backup: unsupported database URL" >&2
    exit 2
    ;;
esac
find "$dir" -maxdepth 1 -type f -name 'fengqiao-*' -mtime +"$keep" -delete
echo "备份完成 / backup written: $(ls -1t "$dir"/fengqiao-* | head -n 1)"

#!/usr/bin/env bash
# One backup of the production database and its filestore into
# CS_BACKUP_DIR (/backups: ./backups on the host), then removal of the backups older than
# CS_KEEP_DAYS days. Run by `docker compose --profile prod run --rm backup`;
# restore as deploy/README.md says.
set -euo pipefail
db="${CS_DB:-cs_prod}"
keep="${CS_KEEP_DAYS:-14}"
out="${CS_BACKUP_DIR:-/backups}"
data="${CS_DATA_DIR:-/var/lib/odoo}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
dump="${out}/${db}-${stamp}.dump"
# custom format: compressed, restorable table by table with pg_restore
pg_dump --format=custom --no-owner --file="${dump}.part" "${db}"
mv "${dump}.part" "${dump}"
archive="${out}/${db}-${stamp}-filestore.tar.gz"
if [ -d "${data}/filestore/${db}" ]; then
    tar -czf "${archive}.part" -C "${data}/filestore" "${db}"
    mv "${archive}.part" "${archive}"
fi
find "${out}" -maxdepth 1 -name "${db}-*" -mtime "+${keep}" -print -delete
echo "backup written: ${dump}"

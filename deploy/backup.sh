#!/usr/bin/env bash
# One backup of the production database and its filestore into /backups
# (./backups on the host), then removal of the backups older than
# CS_KEEP_DAYS days. Run by `docker compose --profile prod run --rm backup`;
# restore as deploy/README.md says.
set -euo pipefail
db="${CS_DB:-cs_prod}"
keep="${CS_KEEP_DAYS:-14}"
stamp="$(date -u +%Y%m%d-%H%M%S)"
dump="/backups/${db}-${stamp}.dump"
# custom format: compressed, restorable table by table with pg_restore
pg_dump --format=custom --no-owner --file="${dump}.part" "${db}"
mv "${dump}.part" "${dump}"
filestore="/var/lib/odoo/filestore/${db}"
if [ -d "${filestore}" ]; then
    tar -czf "/backups/${db}-${stamp}-filestore.tar.gz.part" -C /var/lib/odoo/filestore "${db}"
    mv "/backups/${db}-${stamp}-filestore.tar.gz.part" "/backups/${db}-${stamp}-filestore.tar.gz"
fi
find /backups -maxdepth 1 -name "${db}-*" -mtime "+${keep}" -print -delete
echo "backup written: ${dump}"

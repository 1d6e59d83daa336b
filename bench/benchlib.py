"""What the benchmarks share: a database with the add-ons, an environment,
contacts written with COPY."""

import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "tools"))
import pgenv


def install(pg, db, modules, addons_path=None):
    """A fresh database ``db`` with ``modules`` installed, without demo data."""
    pg.drop_db(db)
    cmd = pgenv.odoo_command(
        pg,
        "-d",
        db,
        "-i",
        modules,
        "--without-demo=all",
        "--stop-after-init",
        "--max-cron-threads=0",
        "--log-level=warn",
        f"--http-port={pgenv.free_port()}",
    )
    if addons_path:
        cmd[cmd.index(f"--addons-path={pgenv.ADDONS}")] = f"--addons-path={addons_path}"
    subprocess.run(cmd, check=True)


def open_env(pg, db, addons_path=None):
    """A superuser environment on ``db`` with its own cursor (the caller
    commits, rolls back and closes it)."""
    import odoo
    from odoo.tools import config

    config.parse_config(
        ["-c", pgenv.ODOO_CONF, f"--addons-path={addons_path or pgenv.ADDONS}"]
        + ["-d", db, "--log-level=error"]
        + pg.odoo_args()
    )
    registry = odoo.modules.registry.Registry(db)
    return odoo.api.Environment(registry.cursor(), odoo.SUPERUSER_ID, {})


def next_partner_id(env):
    env.cr.execute("SELECT coalesce(max(id), 0) + 1 FROM res_partner")
    return env.cr.fetchone()[0]


def copy_partners(env, rows):
    """COPY plain contacts into res_partner. ``rows``: dicts of column values
    with the same keys, an ``id`` and a ``name`` each (empty values are NULL);
    each contact is its own commercial partner."""
    fixed = {"active": "t", "is_company": "f", "type": "contact"}
    columns = list(rows[0]) + ["complete_name", "commercial_partner_id", *fixed]
    buffer = io.StringIO()
    for row in rows:
        values = [*row.values(), row["name"], row["id"], *fixed.values()]
        buffer.write("\t".join(str(v) if v else "\\N" for v in values) + "\n")
    buffer.seek(0)
    env.cr.copy_from(buffer, "res_partner", columns=columns)
    env.cr.execute(
        "SELECT setval('res_partner_id_seq', (SELECT max(id) FROM res_partner))"
    )
    env.cr.execute("ANALYZE res_partner")

"""What the benchmarks share: a database with the add-ons, an environment."""

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

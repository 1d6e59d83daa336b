"""What the benchmarks share: the command-line convention, a database with
the add-ons, an environment, contacts written with COPY.

Every ``bench/bench_*.py`` follows one convention (``arguments`` and
``database``): ``--reuse`` keeps an existing database of the right size,
``--db NAME`` names the database (default: the bench's own), ``--smoke``
runs it at a tiny size to prove it still works — the suite test
``tests/test_bench_smoke.py`` runs every bench so, and fails on a non-zero
exit. PostgreSQL is the one ``tools/pgenv.py`` finds (odoo.conf, then
``PGHOST``/``PGPORT``/``PGUSER``).
"""

import io
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "tools"))
import pgenv


def arguments(description, db, sizes, smoke_sizes):
    """The bench's parsed command line: ``sizes`` (option name: default) are
    integer options, replaced by ``smoke_sizes`` under ``--smoke``."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    for name, default in sizes.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database of the right size"
    )
    parser.add_argument("--db", default=db, help=f"database (default {db})")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny sizes, to check the bench still runs (CI): "
        + ", ".join(f"{k}={v}" for k, v in smoke_sizes.items()),
    )
    return parser


def parse(parser, smoke_sizes, argv=None):
    args = parser.parse_args(argv)
    if args.smoke:
        for name, value in smoke_sizes.items():
            setattr(args, name.replace("-", "_"), value)
    return args


def database(pg, args, modules, addons_path=None):
    """Install ``modules`` in ``args.db`` unless ``--reuse`` finds it."""
    if not (args.reuse and pg.db_exists(args.db)):
        install(pg, args.db, modules, addons_path)


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

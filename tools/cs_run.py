"""The suite's run command: ``python3 tools/cs_run.py [--db cs_demo] [--port 8069]``.

Starts Odoo on http://localhost:8069 serving one database (``cs_demo`` unless
``--db``/odoo.conf's db_name say otherwise). On first start the database is
created with the four add-ons and their demo data; later starts reuse it
(``--update`` updates the suite's modules in it first, after a pull).
Extra arguments after ``--`` go to Odoo unchanged.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgenv


def main():
    conf = pgenv.read_conf()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=conf.get("db_name", "cs_demo"))
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument(
        "--update",
        action="store_true",
        help="update the suite's modules in an existing database (after a pull)",
    )
    parser.add_argument("odoo_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()

    pgenv.require_odoo()
    server = pgenv.PgServer.from_environment()
    if not server.answers():
        sys.stderr.write(
            f"No PostgreSQL answers at {server.host}:{server.port}. Start one "
            "(Debian: apt install postgresql) or set PGHOST/PGPORT, or use "
            "`docker compose up`.\n"
        )
        return 2
    server.ensure_role()
    datadir = os.path.join(pgenv.ROOT, ".cs-run", "data")
    os.makedirs(datadir, exist_ok=True)
    extra = [a for a in args.odoo_args if a != "--"]
    cmd = pgenv.odoo_command(
        server,
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        f"--http-port={args.port}",
        f"--data-dir={datadir}",
        *extra,
    )
    if not server.db_exists(args.db):
        pgenv.log(f"creating {args.db} with the suite and its demo data")
        cmd += ["-i", ",".join(pgenv.MODULES)]
    elif args.update:
        pgenv.log(f"updating the suite's modules in {args.db}")
        cmd += ["-u", ",".join(pgenv.MODULES)]
    pgenv.log(f"Odoo on http://localhost:{args.port} (database {args.db})")
    os.execv(cmd[0], cmd)  # noqa: S606 - replaces this process by Odoo


if __name__ == "__main__":
    sys.exit(main())

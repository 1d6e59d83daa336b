"""The suite's run command: ``python3 tools/cs_run.py [--db cs_demo] [--port 8069]``.

Starts Odoo on http://localhost:8069 serving one database (``cs_demo`` unless
``--db``/odoo.conf's db_name say otherwise). On first start the database is
created with the four add-ons and their demo data; later starts reuse it
(``--update`` updates the suite's modules in it first, after a pull).
When no PostgreSQL answers, it starts one of its own in ``.cs-run/pg``
(initialised on the first start, reused later, stopped when Odoo stops).
Extra arguments after ``--`` go to Odoo unchanged.
"""

import argparse
import os
import signal
import subprocess
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
        # No server: the run command keeps a cluster of its own in the
        # checkout (git-ignored), created once, reused, stopped with Odoo.
        pgenv.log(f"no PostgreSQL answers at {server.host}:{server.port}")
        server = pgenv.PgServer.private(os.path.join(pgenv.ROOT, ".cs-run", "pg"))
    try:
        return run_odoo(server, args)
    finally:
        server.stop()


def run_odoo(server, args):
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
    proc = subprocess.Popen(cmd)
    # Ctrl-C reaches Odoo too (same process group); SIGTERM is passed on, so
    # the private PostgreSQL is stopped only once Odoo has exited.
    signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            continue


if __name__ == "__main__":
    sys.exit(main())

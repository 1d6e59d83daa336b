"""The suite's run command: ``python3 tools/cs_run.py [--db cs_demo] [--port 8069]``.

Starts Odoo on http://localhost:8069 serving one database (``cs_demo`` unless
``--db``/odoo.conf's db_name say otherwise). On first start the database is
created (``prepare_database``, a few minutes) as a Chinese service centre:
company in China, CNY, Asia/Shanghai, 简体中文, Odoo's Chinese chart of
accounts ``l10n_cn``, with the four add-ons and their demo data; later starts reuse it
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
        pgenv.log(f"creating {args.db}: a service centre in China, demo data")
        try:
            prepare_database(server, args.db, datadir)
        except (subprocess.CalledProcessError, KeyboardInterrupt):
            # half a database would be reused as is by the next start
            server.drop_db(args.db)
            pgenv.log(f"creating {args.db} failed: dropped, start again to retry")
            return 1
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


# Run by ``odoo shell`` on the new database (base only, with demo data):
# before Accounting is installed, so its chart and currency follow the country.
CHINA_SETUP = """
company = env.ref("base.main_company")
company.write({
    "name": "上海浦江物业服务有限公司",
    "country_id": env.ref("base.cn").id,
    "currency_id": env.ref("base.CNY").id,
    "city": "上海",
    "street": "浦东新区浦江路 88 号",
    "phone": "021-6123 4567",
    "email": "service@pujiang-wy.example.cn",
    "website": False,
})
env.ref("base.CNY").active = True
# Every user of the demo works in Shanghai and reads Chinese.
env["res.users"].with_context(active_test=False).search([]).write(
    {"tz": "Asia/Shanghai"}
)
env.ref("base.user_admin").write(
    {"lang": "zh_CN", "name": "系统管理员", "email": "admin@pujiang-wy.example.cn"}
)
# The Chinese chart, without l10n_cn's demo data: two example companies
# ("CN ASBE Company"...) whose demo entries take minutes to create. Marked
# here, installed by the next step (a module already marked keeps its flag).
l10n_cn = env["ir.module.module"].search([("name", "=", "l10n_cn")])
l10n_cn.button_install()
l10n_cn.demo = False
env.cr.commit()
"""


# Run by ``odoo shell`` once the suite is installed: the upstream modules'
# example records in English (helpdesk_mgmt's tickets, teams, categories and
# tags, document_page's pages, hr's departments) would show on the desk's
# Chinese screens and figures. They are archived here, in the run command's
# database only: the upstream tests with demo data use them.
TIDY_UPSTREAM_DEMO = """
examples = [
    ("helpdesk_mgmt", "helpdesk.ticket"),
    ("helpdesk_mgmt", "helpdesk.ticket.team"),
    ("helpdesk_mgmt", "helpdesk.ticket.category"),
    ("helpdesk_mgmt", "helpdesk.ticket.tag"),
    ("document_page", "document.page"),
    ("hr", "hr.department"),
]
for module, model in examples:
    data = env["ir.model.data"].search(
        [("module", "=", module), ("model", "=", model)]
    )
    records = env[model].browse(data.mapped("res_id")).exists()
    if "active" in records._fields:
        records.write({"active": False})
env.cr.commit()
"""


def prepare_database(server, db, datadir, odoo_args=(), suite_args=()):
    """Create ``db`` as a service centre in China, ready for the suite.

    Installing Accounting gives a company without a country the generic chart
    in USD, and the currency cannot change once entries exist. So the base
    is installed first (with demo data and Chinese), the company is set in
    China in CNY (``CHINA_SETUP``), then Odoo's Chinese localisation
    ``l10n_cn`` is installed, which loads its chart of accounts on the main
    company. Then the suite is installed with its demo data, which finds a
    Chinese company (``suite_args`` go to that step, e.g. test options), and
    the upstream modules' English examples are archived
    (``TIDY_UPSTREAM_DEMO``). The add-ons themselves do not depend on
    l10n_cn: they work in any country."""
    base = pgenv.odoo_command(
        server,
        "-d",
        db,
        f"--data-dir={datadir}",
        "--stop-after-init",
        "--no-http",
        "--max-cron-threads=0",
        *odoo_args,
    )
    steps = [
        ("base, 简体中文", base + ["-i", "base", "--load-language=zh_CN"], None),
        ("company in China, CNY", _shell(base), CHINA_SETUP),
        (
            "Chinese chart of accounts (l10n_cn)",
            base + ["-i", "l10n_cn", "--without-demo=l10n_cn"],
            None,
        ),
        (
            "the suite and its demo data",
            base + ["-i", ",".join(pgenv.MODULES), *suite_args],
            None,
        ),
        ("upstream examples in English archived", _shell(base), TIDY_UPSTREAM_DEMO),
    ]
    for label, cmd, stdin in steps:
        pgenv.log(f"{db}: {label}")
        subprocess.run(cmd, input=stdin, text=True, check=True)


def _shell(cmd):
    """The same Odoo options for ``odoo shell`` (reads code on stdin)."""
    index = cmd.index("odoo") + 1
    shell = cmd[:index] + ["shell"] + cmd[index:]
    return [a for a in shell if a not in ("--stop-after-init", "--no-http")] + [
        "--no-http"
    ]


if __name__ == "__main__":
    sys.exit(main())

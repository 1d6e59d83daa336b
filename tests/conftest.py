"""Fixtures of the suite tests (pytest), run by tools/cs_test.py.

The test command installs the four add-ons in a fresh database and passes its
name and server in CS_* variables. Fixtures give tests an in-process Odoo
environment on that database (``odoo_env``) and a real Odoo HTTP server
process on it (``odoo_url``) for XML-RPC.
"""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import pgenv


@pytest.fixture(scope="session")
def pg():
    host = os.environ.get("CS_PGHOST")
    if not host:
        pytest.fail("CS_PGHOST is not set: run the suite with tools/cs_test.py")
    return pgenv.PgServer(
        host,
        os.environ["CS_PGPORT"],
        os.environ["CS_PGUSER"],
        os.environ.get("CS_PGPASSWORD") or None,
    )


@pytest.fixture(scope="session")
def test_db():
    db = os.environ.get("CS_TEST_DB")
    if not db:
        pytest.fail("CS_TEST_DB is not set: run the suite with tools/cs_test.py")
    return db


@pytest.fixture(scope="session")
def odoo_env(pg, test_db):
    """A superuser environment on the test database, rolled back at the end."""
    import odoo
    from odoo.tools import config

    config.parse_config(
        ["-c", pgenv.ODOO_CONF, f"--addons-path={pgenv.ADDONS}", "-d", test_db]
        + pg.odoo_args()
    )
    registry = odoo.modules.registry.Registry(test_db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


@pytest.fixture(scope="session")
def odoo_url(pg, test_db, tmp_path_factory):
    """Base URL of a real Odoo server process serving the test database."""
    port = pgenv.free_port()
    logdir = tmp_path_factory.mktemp("odoo-server")
    logfile = logdir / "odoo.log"
    cmd = pgenv.odoo_command(
        pg,
        "-d",
        test_db,
        f"--db-filter=^{test_db}$",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
        f"--data-dir={logdir / 'data'}",
        f"--logfile={logfile}",
    )
    proc = subprocess.Popen(cmd, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        if not pgenv.wait_http(f"{url}/web/login", timeout=180):
            pytest.fail(f"Odoo did not answer on {url}; log: {logfile}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    errors = [
        line
        for line in logfile.read_text(encoding="utf-8").splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]
    assert not errors, "the Odoo server logged errors:\n" + "\n".join(errors)

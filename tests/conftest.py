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


def pytest_configure(config):
    """Configure Odoo for the test database before test modules are imported
    (they import the add-ons' plain-Python parts, e.g. the AMI client)."""
    import odoo
    from odoo.modules.module import initialize_sys_path
    from odoo.tools import config as odoo_config

    args = ["-c", pgenv.ODOO_CONF, f"--addons-path={pgenv.ADDONS}"]
    if os.environ.get("CS_TEST_DB"):
        args += ["-d", os.environ["CS_TEST_DB"]]
        args += [
            f"--db_host={os.environ['CS_PGHOST']}",
            f"--db_port={os.environ['CS_PGPORT']}",
            f"--db_user={os.environ['CS_PGUSER']}",
        ]
        if os.environ.get("CS_PGPASSWORD"):
            args.append(f"--db_password={os.environ['CS_PGPASSWORD']}")
    odoo_config.parse_config(args)
    initialize_sys_path()
    assert odoo.addons.__path__


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

    registry = odoo.modules.registry.Registry(test_db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


@pytest.fixture(scope="session")
def registry(odoo_env):
    """The Odoo registry of the test database (set up by ``odoo_env``)."""
    return odoo_env.registry


@pytest.fixture(scope="session")
def committed(registry):
    """``with committed() as env:`` runs in a new cursor that commits on exit,
    for data another process or cursor (HTTP server, listener) must see."""
    import contextlib

    import odoo

    @contextlib.contextmanager
    def open_env():
        with registry.cursor() as cr:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})

    return open_env


@pytest.fixture(scope="session")
def odoo_url(pg, test_db, tmp_path_factory):
    """Base URL of a real Odoo server process serving the test database (on
    the port in CS_HTTP_PORT when set, e.g. a range shared machines agree on;
    else a free one)."""
    port = int(os.environ.get("CS_HTTP_PORT") or 0) or pgenv.free_port()
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


@pytest.fixture(scope="session")
def billed_estate():
    """``billed_estate(env, name, code, **estate_values)`` gives ``(estate,
    units, owner)``: an estate with one building and two units (80 and 81
    m², codes ``<code>-0`` and ``<code>-1``) owned and paid by one owner
    since 2020, a property fee of 2.50 per m², billed for January 2026
    (200.00 and 202.50, due 2026-01-31)."""
    from datetime import date

    def make(env, name, code, **estate_values):
        estate = env["cs.estate"].create({"name": name, "code": code, **estate_values})
        building = env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        units = env["cs.unit"].create(
            [
                {"building_id": building.id, "code": f"{code}-{n}", "area": 80 + n}
                for n in range(2)
            ]
        )
        owner = env["res.partner"].create({"name": f"赵敏 {code}"})
        env["cs.unit.occupancy"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "role": "owner",
                    "is_payer": True,
                    "date_from": date(2020, 1, 1),
                }
                for unit in units
            ]
        )
        env["cs.fee.item"].create(
            {
                "name": "物业服务费",
                "method": "area",
                "rate": 2.5,
                "estate_id": estate.id,
            }
        )
        env["cs.billing.run"].create(
            {"period_start": date(2026, 1, 1), "estate_ids": [(6, 0, estate.ids)]}
        ).action_run()
        return estate, units, owner

    return make


@pytest.fixture(scope="session")
def xmlrpc_caller(odoo_url, test_db):
    """``xmlrpc_caller(password)`` gives ``call(login, model, method, *args,
    **kwargs)``: ``execute_kw`` over XML-RPC on the test server as ``login``
    (users of one test module share a password)."""
    import xmlrpc.client

    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)

    def caller(password):
        def call(login, model, method, *args, **kwargs):
            uid = common.authenticate(test_db, login, password, {})
            assert uid, f"cannot log in as {login}"
            return models.execute_kw(
                test_db, uid, password, model, method, list(args), kwargs
            )

        return call

    return caller


@pytest.fixture
def sim():
    """An AMI simulator (a fake Asterisk Manager Interface) on a free local
    port, stopped after the test."""
    from odoo.addons.cs_callcenter.tests.ami_simulator import AmiSimulator

    simulator = AmiSimulator()
    yield simulator
    simulator.stop()

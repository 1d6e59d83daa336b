"""Each add-on installs on its own, with only what it depends on."""

import subprocess

import pytest

import pgenv

# The dependency graph of DESIGN.md: what each module must pull in, and what it
# must not (a module never drags a sibling that sits above it in the graph).
EXPECTED = {
    "cs_callcenter": (
        {"mail", "contacts", "phone_validation", "resource", "report_xlsx"},
        {"cs_helpdesk", "helpdesk_mgmt", "survey", "account"},
    ),
    "cs_helpdesk": (
        {"cs_callcenter", "helpdesk_mgmt", "hr", "report_xlsx", "document_page"},
        {"cs_survey", "survey", "account"},
    ),
    "cs_survey": ({"cs_helpdesk", "survey"}, {"cs_property", "account"}),
    "cs_property": ({"cs_survey", "account"}, set()),
}


def install(pg, db, module, tmp_path):
    """Install ``module`` in a new database ``db``: (exit status, log lines,
    installed module names)."""
    logfile = tmp_path / "install.log"
    cmd = pgenv.odoo_command(
        pg,
        "-d",
        db,
        "-i",
        module,
        "--without-demo=all",
        "--stop-after-init",
        "--max-cron-threads=0",
        f"--http-port={pgenv.free_port()}",
        f"--data-dir={tmp_path / 'data'}",
        f"--logfile={logfile}",
    )
    proc = subprocess.run(cmd, cwd=pgenv.ROOT, check=False, timeout=1200)
    lines = logfile.read_text(encoding="utf-8").splitlines()
    installed = set(
        pg.psql(
            "select name from ir_module_module where state = 'installed'", dbname=db
        ).split()
    )
    return proc.returncode, lines, installed


def _errors(lines):
    return [ln for ln in lines if " ERROR " in ln or " CRITICAL " in ln]


@pytest.mark.parametrize("module", pgenv.MODULES)
def test_installs_alone(pg, test_db, module, tmp_path):
    db = f"{test_db}_{module}"
    pg.drop_db(db)
    try:
        rc, lines, installed = install(pg, db, module, tmp_path)
        assert rc == 0, f"install of {module} exited {rc}"
        assert not _errors(lines), "\n".join(_errors(lines))
        needed, absent = EXPECTED[module]
        assert module in installed
        assert needed <= installed, f"missing: {needed - installed}"
        assert not (absent & installed), f"pulled in: {absent & installed}"
    finally:
        pg.drop_db(db)
    assert not pg.db_exists(db)


def test_install_check_sees_a_missing_module(pg, test_db, tmp_path):
    """Guard: the same check reports a module Odoo could not install."""
    db = f"{test_db}_missing"
    pg.drop_db(db)
    try:
        _rc, lines, installed = install(pg, db, "cs_no_such_module", tmp_path)
        assert "cs_no_such_module" not in installed
        assert any("invalid module names" in ln for ln in lines)
    finally:
        pg.drop_db(db)

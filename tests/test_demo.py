"""The run command's database is a Chinese service centre with real figures
(issue 15 §3): created by ``tools/cs_run.py``'s own setup
(``prepare_database``), then checked by the demo figures test of the add-ons
(addons/cs_property/tests/test_demo.py, tag ``cs_demo``) on that database.

One install of the suite with demo data (several minutes): the price of
checking what a newcomer sees after ``run``."""

import re
import subprocess

import cs_run

import pgenv

RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def test_run_command_creates_a_chinese_demo_with_figures(pg, test_db, tmp_path):
    db = f"{test_db}_demo"
    pg.drop_db(db)
    datadir = str(tmp_path / "data")
    try:
        cs_run.prepare_database(pg, db, datadir)
        company = pg.psql(
            "SELECT cur.name, co.code, c.chart_template"
            " FROM res_company c"
            " JOIN res_currency cur ON cur.id = c.currency_id"
            " JOIN res_partner p ON p.id = c.partner_id"
            " JOIN res_country co ON co.id = p.country_id"
            " WHERE c.id = 1",
            dbname=db,
        )
        assert company == "CNY|CN|cn"
        # only the main company: l10n_cn's example companies are not loaded
        assert pg.psql("SELECT count(*) FROM res_company", dbname=db) == "1"
        # the users read Chinese in Shanghai's time
        admin = pg.psql(
            "SELECT p.lang, p.tz FROM res_users u"
            " JOIN res_partner p ON p.id = u.partner_id WHERE u.login = 'admin'",
            dbname=db,
        )
        assert admin == "zh_CN|Asia/Shanghai"
        logfile = tmp_path / "demo-tests.log"
        cmd = pgenv.odoo_command(
            pg,
            "-d",
            db,
            "--test-enable",
            "--test-tags=cs_demo",
            "--stop-after-init",
            "--no-http",
            "--max-cron-threads=0",
            f"--data-dir={datadir}",
            f"--logfile={logfile}",
        )
        proc = subprocess.run(cmd, cwd=pgenv.ROOT, check=False, timeout=1200)
        log = logfile.read_text(encoding="utf-8")
        failures = [ln for ln in log.splitlines() if " ERROR " in ln]
        summary = RESULT_RE.search(log)
        assert proc.returncode == 0, "\n".join(failures[:20])
        assert summary, "the demo figures test did not run"
        failed, errors, total = map(int, summary.groups())
        assert (failed, errors) == (0, 0), "\n".join(failures[:20])
        assert total >= 8
    finally:
        pg.drop_db(db)

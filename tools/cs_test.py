"""The suite's test command: ``python3 tools/cs_test.py``.

1. lint: ruff and pylint-odoo (OCA mandatory checks) on addons/, zero findings;
2. a fresh database with the four add-ons installed (demo data off) and every
   Odoo test of the four add-ons run, tours included (headless Chromium);
3. the suite tests of ``tests/`` (pytest) against that database;
4. a last line ``N passed, N failed``; exit status 0 only when nothing failed,
   nothing was skipped and Odoo logged no ERROR.

Options: ``--keep`` keeps the database, ``--no-lint`` skips lint (local use only),
``-k EXPR`` is passed to pytest, ``--odoo-tags`` replaces the Odoo test tags.
"""

import argparse
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgenv

RESULT_RE = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
LEVEL_RE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
SKIP_RE = re.compile(r"^\S+ \S+ \d+ INFO \S+ \S+: skipped ")
SHOW_RE = re.compile(
    r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) |odoo\.tests\.stats|"
    r"tests when loading database|^(Traceback|  File|\S+Error)"
)


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.problems = []

    def add(self, name, passed, failed, problems=()):
        self.passed += passed
        self.failed += failed
        self.problems += [f"{name}: {p}" for p in problems]
        pgenv.log(f"{name}: {passed} passed, {failed} failed")


def run_lint(tally):
    checks = [
        ("ruff", ["ruff", "check", "--no-cache", "addons", "tests", "tools", "bench"]),
        (
            "ruff format",
            [
                "ruff",
                "format",
                "--check",
                "--no-cache",
                "addons",
                "tests",
                "tools",
                "bench",
            ],
        ),
        (
            "pylint-odoo",
            [
                sys.executable,
                "-m",
                "pylint",
                "--rcfile=.pylintrc-mandatory",
                *sorted(os.path.join("addons", m) for m in pgenv.MODULES),
            ],
        ),
    ]
    for name, cmd in checks:
        try:
            res = subprocess.run(
                cmd, cwd=pgenv.ROOT, capture_output=True, text=True, check=False
            )
        except FileNotFoundError:
            tally.add(
                name,
                0,
                1,
                [f"{cmd[0]} is not installed: pip install -r requirements-test.txt"],
            )
            continue
        output = (res.stdout + res.stderr).strip()
        if res.returncode:
            print(output, flush=True)
            tally.add(name, 0, 1, ["findings (see above)"])
        else:
            tally.add(name, 1, 0)


def run_odoo_tests(pg, db, tags, tally, logdir, demo=False, label="odoo tests"):
    logfile = os.path.join(logdir, f"odoo-{db}.log")
    cmd = pgenv.odoo_command(
        pg,
        "-d",
        db,
        "-i",
        ",".join(pgenv.MODULES),
        *(() if demo else ("--without-demo=all",)),
        "--test-enable",
        f"--test-tags={tags}",
        "--stop-after-init",
        f"--http-port={pgenv.free_port()}",
        "--max-cron-threads=0",
        f"--data-dir={os.path.join(logdir, 'data')}",
    )
    pgenv.log("installing the add-ons and running their Odoo tests: " + " ".join(cmd))
    started = time.time()
    errors, skips, summary = [], [], None
    with open(logfile, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=pgenv.ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        for line in proc.stdout:
            out.write(line)
            if LEVEL_RE.match(line):
                errors.append(line.strip())
            if SKIP_RE.search(line):
                skips.append(line.strip())
            match = RESULT_RE.search(line)
            if match:
                summary = tuple(int(g) for g in match.groups())
            if SHOW_RE.search(line):
                sys.stdout.write(line)
        rc = proc.wait()
    pgenv.log(
        f"Odoo run finished in {time.time() - started:.0f}s, exit {rc}, log {logfile}"
    )
    problems = []
    if summary is None:
        problems.append("Odoo printed no test summary (did the install fail?)")
        failed, errs, total = 1, 0, 0
    else:
        failed, errs, total = summary
    if total == 0:
        problems.append("no Odoo test ran")
    bad = failed + errs
    if skips:
        problems += [f"skipped test (never allowed): {s}" for s in skips]
        bad += len(skips)
    if errors and not bad:
        problems += [f"logged ERROR: {e}" for e in errors[:20]]
        bad = len(errors)
    if rc and not bad:
        problems.append(f"Odoo exited with status {rc}")
        bad = 1
    tally.add(label, max(total - failed - errs - len(skips), 0), bad, problems)


def run_upstream_tests(pg, tally, logdir):
    """What the suite extends keeps its own tests green with the four add-ons
    and their demo data installed: a second database, with demo data, runs the
    upstream modules' tests. Their at_install tests run, as Odoo designs it,
    when their module is installed (before ours); their post_install tests
    run with all four add-ons and the demo data in place."""
    db = f"cs_upstream_{os.getpid()}"
    pg.drop_db(db)
    try:
        run_odoo_tests(
            pg,
            db,
            ",".join(f"/{m}" for m in pgenv.UPSTREAM_MODULES),
            tally,
            logdir,
            demo=True,
            label="upstream tests (demo data)",
        )
    finally:
        pg.drop_db(db)


def run_pytest(pg, db, expr, tally, logdir):
    junit = os.path.join(logdir, "pytest.xml")
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        f"--junitxml={junit}",
        "tests",
    ]
    if expr:
        cmd += ["-k", expr]
    env = dict(
        os.environ,
        CS_TEST_DB=db,
        CS_PGHOST=pg.host,
        CS_PGPORT=str(pg.port),
        CS_PGUSER=pg.user,
        CS_PGPASSWORD=pg.password or "",
        CS_LOGDIR=logdir,
    )
    pgenv.log("suite tests: " + " ".join(cmd))
    rc = subprocess.run(cmd, cwd=pgenv.ROOT, env=env, check=False).returncode
    if not os.path.exists(junit):
        tally.add("suite tests", 0, 1, [f"pytest exited {rc} without a report"])
        return
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total = int(suite.get("tests", 0))
    bad = sum(int(suite.get(k, 0)) for k in ("failures", "errors", "skipped"))
    problems = []
    if int(suite.get("skipped", 0)):
        problems.append("skipped suite tests (never allowed)")
    if total == 0:
        problems.append("no suite test ran")
        bad += 1
    if rc and not bad:
        problems.append(f"pytest exited {rc}")
        bad = 1
    tally.add("suite tests", total - min(bad, total), bad, problems)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the test database")
    parser.add_argument("--no-lint", action="store_true")
    parser.add_argument("--no-suite", action="store_true")
    parser.add_argument("-k", dest="expr", help="pytest -k expression")
    parser.add_argument("--odoo-tags", default=",".join(f"/{m}" for m in pgenv.MODULES))
    parser.add_argument(
        "--no-upstream",
        action="store_true",
        help="skip the upstream modules' tests on a demo database (local use only)",
    )
    args = parser.parse_args()

    try:
        version = pgenv.require_odoo()
    except SystemExit:
        print("0 passed, 1 failed", flush=True)
        raise
    pgenv.log(f"Odoo {version}")
    logdir = os.path.join(pgenv.ROOT, ".cs-test")
    os.makedirs(logdir, exist_ok=True)
    tally = Tally()
    started = time.time()
    if not args.no_lint:
        run_lint(tally)
    with pgenv.postgres() as pg:
        db = f"cs_test_{os.getpid()}"
        pg.drop_db(db)
        try:
            run_odoo_tests(pg, db, args.odoo_tags, tally, logdir)
            if not args.no_suite:
                run_pytest(pg, db, args.expr, tally, logdir)
        finally:
            if not args.keep:
                pg.drop_db(db)
            else:
                pgenv.log(f"kept database {db}")
        if not args.no_upstream:
            run_upstream_tests(pg, tally, logdir)
    for problem in tally.problems:
        print(f"[cs] PROBLEM {problem}")
    pgenv.log(f"total time {time.time() - started:.0f}s")
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())

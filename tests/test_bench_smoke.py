"""Every benchmark of bench/ still runs: each ``bench/bench_*.py`` (found,
not listed, so a new bench is covered) is run with ``--smoke`` (its tiny
size) in a database of its own on the test cluster, and must exit 0."""

import os
import subprocess
import sys

import pytest

import pgenv

BENCH = os.path.join(pgenv.ROOT, "bench")
BENCHES = sorted(
    name[: -len(".py")]
    for name in os.listdir(BENCH)
    if name.startswith("bench_") and name.endswith(".py")
)


def test_benches_are_found():
    """Guard: the discovery sees the benches (an empty list would pass)."""
    assert {
        "bench_callbacks",
        "bench_lookup",
        "bench_tickets",
        "bench_wallboard",
    } <= set(BENCHES)


@pytest.mark.parametrize("bench", BENCHES)
def test_bench_smoke(pg, test_db, bench, tmp_path):
    db = f"{test_db}_{bench}"
    env = dict(
        os.environ,
        PGHOST=pg.host,
        PGPORT=str(pg.port),
        PGUSER=pg.user,
        PGPASSWORD=pg.password or "",
    )
    log = tmp_path / f"{bench}.log"
    try:
        with open(log, "w", encoding="utf-8") as out:
            proc = subprocess.run(
                [sys.executable, os.path.join(BENCH, f"{bench}.py"), "--smoke"]
                + ["--db", db],
                cwd=pgenv.ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=1800,
                check=False,
            )
    finally:
        pg.drop_db(db)
    output = log.read_text(encoding="utf-8")
    assert proc.returncode == 0, f"{bench} --smoke exited {proc.returncode}:\n{output}"
    assert not pg.db_exists(db)

"""Listener high availability and the PBX's connection read from the database,
against the AMI simulator and the real test database.

- two listener processes (the real ``odoo cs_pbx_listener`` command): one is
  active, the other a hot standby that never connects to the PBX; the active
  one is killed (SIGKILL), the standby takes over within seconds and records
  the next call, nothing is recorded twice;
- split brain: the active listener's lock connection is cut while its AMI
  link still works; the other takes over, and the old one applies nothing
  (its batches are fenced off) and stops;
- a secret entered for another endpoint: the listener does not connect, says
  why once, and connects as soon as an administrator enters the secret again.
"""

import logging
import os
import signal
import subprocess
import sys
import threading
import time

import psycopg2
import pytest

from odoo.addons.cs_callcenter.cli import pbx_listener as cli
from odoo.addons.cs_callcenter.pbx.leader import LOCK_NAMESPACE, LeaderLock
from odoo.addons.cs_callcenter.tests.ami_transcripts import (
    INBOUND_ABANDONED,
    INBOUND_ANSWERED,
)

import pgenv

ROOT = pgenv.ROOT


@pytest.fixture
def pbx(sim, committed):
    """A PBX on the simulator, an agent on extension 8001 and the
    transcripts' caller, committed (the listener processes must see them)."""
    tag = f"{time.time_ns()}"
    with committed() as env:
        env.company.country_id = env.ref("base.cn")
        server = env["cs.pbx.server"].create(
            {
                "name": f"HA {tag}",
                "host": "127.0.0.1",
                "port": sim.port,
                "username": "odoo",
                "secret": "s3cret",
            }
        )
        agent = env["res.users"].create(
            {
                "name": f"Agent {tag}",
                "login": f"ha{tag}",
                "cs_extension": "8001",
                "cs_pbx_server_id": server.id,
                "groups_id": [(6, 0, [env.ref("cs_callcenter.group_agent").id])],
            }
        )
        env["res.partner"].search(
            [("mobile_e164", "=", "+8613812345678")]
        ).active = False
        customer = env["res.partner"].create({"name": "Li Si", "mobile": "13812345678"})
        ids = {"server": server.id, "agent": agent.id, "customer": customer.id}
    yield ids
    with committed() as env:
        env["cs.call"].search([("pbx_server_id", "=", ids["server"])]).unlink()
        env["res.users"].browse(ids["agent"]).active = False
        env["res.partner"].browse(ids["customer"]).active = False
        env["cs.pbx.server"].browse(ids["server"]).active = False


def wait_for(predicate, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    return predicate()


def calls_of(committed, server_id):
    with committed() as env:
        calls = env["cs.call"].search([("pbx_server_id", "=", server_id)], order="id")
        return calls.read(["pbx_call_id", "state", "disposition", "write_date"])


def lock_holder(committed, server_id):
    """application_name of the session holding the PBX's listener lock."""
    with committed() as env:
        env.cr.execute(
            "SELECT a.application_name FROM pg_locks l"
            " JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s"
            " AND l.objid = %s AND l.objsubid = 2",
            [LOCK_NAMESPACE, server_id],
        )
        row = env.cr.fetchone()
        return row and row[0]


def lock_sessions(committed, server_id):
    """application_name of every lock connection for the PBX (active and
    standby)."""
    with committed() as env:
        env.cr.execute(
            "SELECT application_name FROM pg_stat_activity"
            " WHERE application_name LIKE %s",
            [f"cs_pbx_listener pbx={server_id} %"],
        )
        return {row[0] for row in env.cr.fetchall()}


def app_name(server_id, pid):
    return f"cs_pbx_listener pbx={server_id} pid={pid}"


def start_process(pg, test_db, server_id, logfile):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        f"--addons-path={pgenv.ADDONS}",
        "cs_pbx_listener",
        "-c",
        pgenv.ODOO_CONF,
        f"--addons-path={pgenv.ADDONS}",
        *pg.odoo_args(),
        "-d",
        test_db,
        "--pbx-id",
        str(server_id),
        "--standby-poll",
        "0.2",
        f"--logfile={logfile}",
    ]
    return subprocess.Popen(cmd, cwd=ROOT)


def test_standby_process_takes_over_when_the_active_one_is_killed(
    sim, pbx, pg, test_db, committed, tmp_path
):
    server_id = pbx["server"]
    first = start_process(pg, test_db, server_id, tmp_path / "first.log")
    second = None
    try:
        assert wait_for(
            lambda: lock_holder(committed, server_id) == app_name(server_id, first.pid),
            timeout=90,
        ), "the first listener never became active"
        assert sim.wait_listener(timeout=30)
        second = start_process(pg, test_db, server_id, tmp_path / "second.log")
        assert wait_for(
            lambda: (
                app_name(server_id, second.pid) in lock_sessions(committed, server_id)
            ),
            timeout=90,
        ), "the second listener never started polling the lock"
        time.sleep(1.0)  # it polls every 0.2 s: long enough to try five times
        assert lock_holder(committed, server_id) == app_name(server_id, first.pid)
        assert len(sim.actions("login")) == 1, "the standby connected to the PBX"

        sim.push(INBOUND_ANSWERED)
        first_call = wait_for(
            lambda: [c for c in calls_of(committed, server_id) if c["state"] == "done"]
        )
        assert len(first_call) == 1

        first.send_signal(signal.SIGKILL)
        first.wait(10)
        killed_at = time.monotonic()
        assert wait_for(
            lambda: (
                lock_holder(committed, server_id) == app_name(server_id, second.pid)
            ),
            timeout=15,
        ), "the standby did not take the lock"
        assert wait_for(lambda: len(sim.actions("login")) == 2, timeout=15)
        assert sim.wait_listener()
        takeover = time.monotonic() - killed_at
        assert takeover < 10, f"takeover took {takeover:.1f}s"

        sim.push(INBOUND_ABANDONED)
        assert wait_for(lambda: len(calls_of(committed, server_id)) == 2)
        assert wait_for(
            lambda: all(c["state"] == "done" for c in calls_of(committed, server_id))
        )
    finally:
        for proc in (first, second):
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
    assert second.wait(20) == 0, "SIGTERM did not stop the listener cleanly"
    calls = calls_of(committed, server_id)
    assert [(c["pbx_call_id"], c["disposition"]) for c in calls] == [
        ("1763798400.1", "answered"),
        ("1763798600.3", "abandoned"),
    ]
    # the new active listener did not apply the first call's events again
    assert calls[0]["write_date"] == first_call[0]["write_date"]
    assert len(sim.actions("login")) == 2
    assert lock_holder(committed, server_id) is None, "the lock was not freed"
    log = (tmp_path / "second.log").read_text(encoding="utf-8")
    assert "standby, waiting for the listener lock" in log
    assert "active listener" in log
    assert " ERROR " not in log


def start_serving(registry, server_id, test_db, heartbeat=2.0):
    control = cli.Control()
    leader = LeaderLock(
        cli.lock_connector(test_db), server_id, poll=0.1, heartbeat=heartbeat
    )
    thread = threading.Thread(
        target=cli.serve,
        args=(registry, server_id, leader, control),
        kwargs={"backoff": (0.05,)},
        daemon=True,
    )
    thread.start()
    return control, leader, thread


def test_a_listener_that_lost_its_lock_applies_nothing(
    sim, pbx, registry, test_db, committed
):
    """Split brain: the active listener's lock connection is terminated while
    its AMI link is fine. The standby takes over; the old active one (whose
    heartbeat is too slow to notice in time) receives the next events too,
    but its transaction's fence refuses them: each event is recorded once, by
    the new active listener."""
    server_id = pbx["server"]
    old, old_leader, old_thread = start_serving(
        registry, server_id, test_db, heartbeat=120
    )
    new = new_thread = None
    try:
        assert wait_for(old.active.is_set) and sim.wait_listener()
        old_sink = old.sink
        new, _new_leader, new_thread = start_serving(registry, server_id, test_db)
        time.sleep(0.5)
        assert not new.active.is_set() and len(sim.listeners()) == 1
        applied_before = old_sink.applied  # the resync at its connection
        with committed() as env:
            env.cr.execute("SELECT pg_terminate_backend(%s)", [old_leader.backend_pid])
        assert wait_for(new.active.is_set, timeout=10), "no takeover"
        assert sim.wait_listener(count=2), "the new active listener did not connect"
        # both are connected to the PBX: both receive the next call
        sim.push(INBOUND_ANSWERED)
        assert wait_for(
            lambda: [c for c in calls_of(committed, server_id) if c["state"] == "done"]
        )
        assert wait_for(lambda: old_sink.refused > 0), "the old listener was not fenced"
        assert wait_for(lambda: len(sim.listeners()) == 1, timeout=10), (
            "the fenced listener kept its PBX connection"
        )
        assert new.sink.applied > 0
        assert old_sink.applied == applied_before
        assert not old.active.is_set()
    finally:
        for control in (old, new):
            if control:
                control.stop()
        sim.drop_connections()
        for thread in (old_thread, new_thread):
            if thread:
                thread.join(15)
    assert not old_thread.is_alive() and not new_thread.is_alive()
    calls = calls_of(committed, server_id)
    assert [(c["pbx_call_id"], c["state"]) for c in calls] == [("1763798400.1", "done")]


def test_one_lock_per_pbx_and_database(pbx, test_db, committed):
    server_id = pbx["server"]
    connect = cli.lock_connector(test_db)
    first, second = LeaderLock(connect, server_id), LeaderLock(connect, server_id)
    other = LeaderLock(connect, server_id + 100000)
    try:
        assert first.try_acquire() and first.beat()
        assert not second.try_acquire()
        assert other.try_acquire(), "another PBX has a lock of its own"
        first.release()
        assert second.try_acquire()
        assert lock_holder(committed, server_id) == app_name(server_id, os.getpid())
        # a lock connection killed by the server: the lock is lost, known
        with committed() as env:
            env.cr.execute("SELECT pg_terminate_backend(%s)", [second.backend_pid])
        assert not second.beat() and not second.held
        assert first.try_acquire()
    finally:
        for lock in (first, second, other):
            lock.release()


def test_secret_of_another_endpoint_waits_for_the_administrator(
    sim, pbx, registry, committed, caplog
):
    """The secret was entered for another port; the administrator then moved
    the PBX to the simulator's port without entering it again: the listener
    does not send it anywhere, logs why once, and connects when the secret is
    entered again."""
    server_id = pbx["server"]
    with committed() as env:
        server = env["cs.pbx.server"].browse(server_id)
        server.write({"port": pgenv.free_port(), "secret": "s3cret"})
        server.port = sim.port  # the secret stays bound to the old port
        assert server._cs_secret_moved()
    listener = cli.CsListener(
        lambda: cli.load_config(registry, server_id),
        cli.OdooSink(registry, server_id),
        recheck=0.2,
        backoff=(0.05,),
    )
    thread = threading.Thread(target=listener.run, daemon=True)
    with caplog.at_level(logging.INFO, logger=cli.__name__):
        thread.start()
        try:
            assert wait_for(lambda: listener.waiting, timeout=10)
            time.sleep(1.5)  # several checks
            assert sim.sessions == [], "the listener knocked at the PBX"
            errors = [r for r in caplog.records if r.levelno == logging.ERROR]
            assert len(errors) == 1, "the state is logged once, not at each check"
            message = errors[0].getMessage()
            assert "entered for another host, port or user" in message
            assert f"127.0.0.1:{sim.port}" in message
            assert "waits for an administrator" in message
            with committed() as env:
                env["cs.pbx.server"].browse(server_id).secret = "s3cret"
            assert sim.wait_listener(), "the listener did not connect once fixed"
            assert listener.waiting is None
            sim.push(INBOUND_ANSWERED)
            assert wait_for(lambda: calls_of(committed, server_id))
        finally:
            listener.stop()
            sim.drop_connections()
            thread.join(10)
    assert not thread.is_alive()
    assert "connection was fixed: connecting" in caplog.text
    assert sim.actions("login")[0]["Secret"] == "s3cret"


def test_archived_pbx_is_not_connected(pbx, registry, committed):
    with committed() as env:
        env["cs.pbx.server"].browse(pbx["server"]).active = False
    config, problem = cli.load_config(registry, pbx["server"])
    assert config is None
    assert f"no active PBX server with id {pbx['server']}" in problem
    with committed() as env:
        env["cs.pbx.server"].browse(pbx["server"]).active = True
    config, problem = cli.load_config(registry, pbx["server"])
    assert problem is None and config.secret == "s3cret"


def test_lock_connection_refused_is_not_fatal(pbx, caplog):
    """The database is down: the standby keeps trying, and says so once."""

    def refuse():
        raise psycopg2.OperationalError("could not connect to server")

    lock = LeaderLock(refuse, pbx["server"], poll=0.01)
    attempts = []
    with caplog.at_level(logging.INFO, logger="odoo.addons.cs_callcenter.pbx.leader"):
        assert not lock.wait(lambda: len(attempts.append(1) or attempts) > 5)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "database unavailable" in warnings[0].getMessage()
    assert not lock.held


def test_a_hung_holder_loses_the_lock(pbx, test_db, committed):
    """A process that stops beating (stopped, swapped out) is disconnected by
    PostgreSQL after ``idle_timeout`` (idle_session_timeout, PostgreSQL 14+):
    its lock is freed for the standby, and its next beat knows it lost."""
    with committed() as env:
        env.cr.execute("SELECT current_setting('server_version_num')::int")
        if env.cr.fetchone()[0] < 140000:
            pytest.skip("idle_session_timeout needs PostgreSQL 14")
    connect = cli.lock_connector(test_db)
    hung = LeaderLock(connect, pbx["server"], idle_timeout=1.0, heartbeat=0.2)
    standby = LeaderLock(connect, pbx["server"], poll=0.1)
    try:
        assert hung.try_acquire()
        assert not standby.try_acquire()
        started = time.monotonic()
        assert standby.wait(lambda: time.monotonic() - started > 10)
        assert time.monotonic() - started < 5
        assert not hung.beat() and not hung.held
    finally:
        hung.release()
        standby.release()

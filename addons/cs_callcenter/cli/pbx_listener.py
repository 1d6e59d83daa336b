# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``odoo cs_pbx_listener``: the long-running PBX listener process.

Run it beside the Odoo server, never inside an HTTP worker::

    odoo --addons-path=... cs_pbx_listener -c odoo.conf -d cs_demo \\
        [--pbx-id N] [--cdr-dsn "host=pbx dbname=asterisk user=odoo_ro"]

It keeps one AMI connection to the PBX, records every call event in
``cs.call`` (idempotently) and notifies the rung agent over the bus. With
``--cdr-dsn`` it reads Asterisk's CDR table (``cdr_pgsql``) after each
reconnection to record the calls that began and ended while it was away.

Several may run for one PBX (high availability): one is active, the others
are hot standbys that take over within seconds when it dies (the advisory
lock of ``pbx.leader``). The PBX's connection is read from the database
before each connection: when its secret is missing or was entered for
another endpoint (an administrator changed the host, port or user), the
listener does not knock at the PBX with a secret it may not send: it logs
why and waits until an administrator enters the secret again.
"""

import argparse
import logging
import random
import signal
import socket
import threading
import time

import psycopg2
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, api, sql_db
from odoo.cli import Command
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tools import config

from ..pbx.backend import PbxError
from ..pbx.cdr import PgCdrSource
from ..pbx.leader import LeaderLock, NotLeader
from ..pbx.listener import Listener

_logger = logging.getLogger(__name__)

# Errors worth trying again: serialization failures and deadlocks (a user's
# extension changed while their call is recorded), and a unique violation
# (the same call created at once through pbx_event): the retry sees the row.
RETRY_CODES = {*PG_CONCURRENCY_ERRORS_TO_RETRY, errorcodes.UNIQUE_VIOLATION}


class OdooSink:
    """Applies listener updates to the database, one transaction per batch.

    Each batch runs in its own cursor that commits when the block ends: the
    listener is a separate process, and an event must be stored (and the
    agent's bus notification sent) as soon as it arrives. A transient
    database error is retried ``retries`` times, then raised to the listener
    (which applies the batch update by update, logging what still fails).
    Runs as superuser: the process records facts reported by the PBX on no
    user's behalf.

    With a ``leader`` (``pbx.leader.LeaderLock``) each transaction is fenced:
    it applies nothing unless this process still holds the PBX's listener
    lock; then ``on_lost()`` is called and the updates are left to the active
    listener (which resynchronises from the PBX when it takes over).
    """

    def __init__(
        self,
        registry,
        server_id,
        retries=5,
        sleep=time.sleep,
        leader=None,
        on_lost=None,
    ):
        self.registry = registry
        self.server_id = server_id
        self.retries = retries
        self.sleep = sleep
        self.leader = leader
        self.on_lost = on_lost
        self.applied = 0  # updates recorded (committed) through this sink
        self.refused = 0  # updates left to the active listener (fenced off)

    def apply(self, updates):
        """The sink's one entry point (see ``pbx.listener``): apply the
        ``CallUpdate`` list; return the updates no call matched yet."""
        try:
            return self._apply_retrying(updates)
        except NotLeader as error:
            self.refused += len(updates)
            _logger.warning(
                "PBX: %s: %d update(s) not recorded by this standby",
                error,
                len(updates),
            )
            if self.on_lost:
                self.on_lost()
            return []

    def _apply_retrying(self, updates):
        for attempt in range(1, self.retries + 1):
            try:
                return self._apply(updates)
            except psycopg2.Error as error:
                if error.pgcode not in RETRY_CODES or attempt == self.retries:
                    raise
                delay = random.uniform(0.0, 0.05 * 2**attempt)  # noqa: S311 (jitter)
                _logger.info(
                    "PBX: %s while recording, retry %d in %.2fs",
                    errorcodes.lookup(error.pgcode),
                    attempt,
                    delay,
                )
                self.sleep(delay)

    def _apply(self, updates):
        self.registry = self.registry.check_signaling()
        with self.registry.cursor() as cr:
            if self.leader:
                self.leader.fence(cr)
            env = api.Environment(cr, SUPERUSER_ID, {})
            server = env["cs.pbx.server"].browse(self.server_id)
            _calls, deferred = env["cs.call"]._cs_apply_pbx_updates(server, updates)
        self.applied += len(updates) - len(deferred)  # committed
        return deferred

    def publish_live(self, snapshot):
        """The wallboard's snapshot (``pbx.live``): stored and sent on the
        bus in its own transaction, at most once per listener interval;
        fenced like the updates (a standby publishes nothing)."""
        self.registry = self.registry.check_signaling()
        try:
            with self.registry.cursor() as cr:
                if self.leader:
                    self.leader.fence(cr)
                env = api.Environment(cr, SUPERUSER_ID, {})
                server = env["cs.pbx.server"].browse(self.server_id)
                env["cs.call.live"]._cs_publish_live(server, snapshot)
        except NotLeader as error:
            _logger.warning("PBX: %s: live state not published by this standby", error)
            if self.on_lost:
                self.on_lost()


class CsListener(Listener):
    """The listener of the command: its PBX connection comes from
    ``load_config()`` (``(PbxConfig, None)`` or ``(None, why not)``), read
    again before each connection, so a changed endpoint or secret is used at
    the next reconnection and a secret that may not be sent is never sent."""

    def __init__(self, load_config, sink, recheck=30.0, **kwargs):
        super().__init__(None, sink, **kwargs)
        self.load_config = load_config
        self.recheck = recheck
        self.waiting = None  # why the listener waits for an administrator
        self._logged_at = 0.0
        self._live = None

    def _client(self):
        self.config = self._wait_for_config()
        self._live = super()._client()
        return self._live

    def _wait_for_config(self):
        while True:
            pbx_config, problem = self.load_config()
            if not problem:
                if self.waiting:
                    _logger.info("PBX: the PBX's connection was fixed: connecting")
                self.waiting = None
                return pbx_config
            if problem != self.waiting or time.monotonic() - self._logged_at >= 600:
                # once, then every ten minutes: the state, not a retry storm
                _logger.error(
                    "PBX: %s. The listener does not connect and waits for an "
                    "administrator to fix it (checked every %ss).",
                    problem,
                    self.recheck,
                )
                self._logged_at = time.monotonic()
            self.waiting = problem
            deadline = time.monotonic() + self.recheck
            while not self.stopped and time.monotonic() < deadline:
                self.sleep(min(0.5, self.recheck))
            if self.stopped:
                raise PbxError("closed", "listener stopped")

    def abort(self):
        """Stop now, from another thread: also cut the AMI connection, so
        the session ends without waiting for the next frame."""
        self.stop()
        client = self._live
        sock = client and client._sock
        if sock:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                _logger.debug("PBX: shutdown of the AMI socket failed", exc_info=True)


def load_config(registry, server_id):
    """``(PbxConfig, None)`` for the PBX, or ``(None, reason)`` when the
    listener must not connect (archived, no secret, secret of another
    endpoint)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        server = env["cs.pbx.server"].browse(server_id).exists()
        if not server or not server.active:
            return None, (
                f"there is no active PBX server with id {server_id} (create it, "
                f"or unarchive it, under Customer Service > Configuration > "
                f"PBX Servers)"
            )
        endpoint = f"{server.host}:{server.port}, user {server.username}"
        if server._cs_secret_moved():
            return None, (
                f"the AMI secret of the PBX {server.name!r} was entered for "
                f"another host, port or user than its connection now "
                f"({endpoint}): an administrator must enter the secret again "
                f"in the PBX's form"
            )
        if not server._cs_secret():
            return None, (
                f"no AMI secret is stored for the PBX {server.name!r} ({endpoint}): "
                f"an administrator must enter it in the PBX's form"
            )
        return server._cs_config(), None


def last_event_date(registry, server_id):
    """When the PBX last reported an event recorded here: the calls that
    began and ended after it were missed (read back from the CDR table)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        last = env["cs.call"].search(
            [("pbx_server_id", "=", server_id), ("last_event_date", "!=", False)],
            order="last_event_date desc",
            limit=1,
        )
        return last.last_event_date or None


class Control:
    """Stops ``serve()`` from a signal handler or another thread."""

    def __init__(self):
        self.stopped = False
        self.listener = None
        self.sink = None  # the sink of the current (or last) active period
        self.active = threading.Event()  # set while this process is active

    def stop(self):
        self.stopped = True
        if self.listener:
            self.listener.abort()  # do not wait for the next frame or ping


def serve(registry, server_id, leader, control, cdr_source=None, **listener_kw):
    """Standby until ``leader`` is taken, then listen until ``control`` stops
    or the lock is lost (then standby again)."""
    try:
        while not control.stopped:
            _logger.info("PBX %s: standby, waiting for the listener lock", server_id)
            if not leader.wait(lambda: control.stopped):
                break
            _logger.info(
                "PBX %s: active listener (lock held by PostgreSQL session %s)",
                server_id,
                leader.backend_pid,
            )
            try:
                down_since = last_event_date(registry, server_id)
            except Exception:  # the database went away: back to standby
                _logger.exception("PBX %s: could not start listening", server_id)
                leader.release()
                leader.sleep(leader.poll)
                continue
            sink = OdooSink(registry, server_id, leader=leader)
            listener = CsListener(
                lambda: load_config(registry, server_id),
                sink,
                cdr_source=cdr_source,
                down_since=down_since,
                **listener_kw,
            )
            sink.on_lost = listener.abort
            control.listener, control.sink = listener, sink
            control.active.set()
            unwatch = leader.watch(listener.abort)
            try:
                if not control.stopped:
                    listener.run()
            finally:
                unwatch()
                control.active.clear()
                control.listener = None
            if not control.stopped:
                _logger.warning(
                    "PBX %s: the listener lock was lost: standby again", server_id
                )
                leader.release()
    finally:
        leader.release()


def lock_connector(dbname):
    """A function opening a connection for the listener lock: Odoo's
    connection parameters, with TCP keepalives so that a vanished peer is
    noticed (and its lock freed) within seconds on both sides."""
    _dsn, info = sql_db.connection_info_for(dbname)
    params = dict(
        info,
        keepalives=1,
        keepalives_idle=5,
        keepalives_interval=2,
        keepalives_count=3,
        options="-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2"
        " -c tcp_keepalives_count=3",
    )
    return lambda: psycopg2.connect(**params)


class CsPbxListener(Command):
    """Listen to a PBX (Asterisk AMI) and record its calls"""

    name = "cs_pbx_listener"

    def run(self, cmdargs):
        parser = argparse.ArgumentParser(prog="odoo cs_pbx_listener")
        parser.add_argument("--pbx-id", type=int, help="cs.pbx.server id")
        parser.add_argument(
            "--cdr-dsn",
            help="libpq connection string of Asterisk's cdr_pgsql database",
        )
        parser.add_argument("--cdr-table", default="cdr")
        parser.add_argument(
            "--standby-poll",
            type=float,
            default=1.0,
            help="seconds between a standby's attempts to take the lock",
        )
        args, odoo_args = parser.parse_known_args(cmdargs)
        config.parse_config(odoo_args)
        dbname = config["db_name"]
        if not dbname or "," in dbname:
            parser.error("give exactly one database with -d")
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if args.pbx_id:
                # a PBX not created yet (a service started with the database)
                # or archived: the listener waits for it, saying so
                server_id = args.pbx_id
            else:
                server = env.user._cs_pbx_server()  # the default PBX
                if not server or not server.active:
                    parser.error("no active PBX server configured")
                server_id = server.id
        _logger.info("PBX listener for the PBX server %s", server_id)
        cdr_source = PgCdrSource(args.cdr_dsn, args.cdr_table) if args.cdr_dsn else None
        control = Control()
        signal.signal(signal.SIGTERM, lambda *_a: control.stop())
        signal.signal(signal.SIGINT, lambda *_a: control.stop())
        leader = LeaderLock(lock_connector(dbname), server_id, poll=args.standby_poll)
        serve(registry, server_id, leader, control, cdr_source=cdr_source)

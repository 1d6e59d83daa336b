# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One active listener per PBX: a PostgreSQL advisory lock elects it.

Several listener processes may run for the same PBX (two machines, two
containers); exactly one records events, the others are hot standbys: Odoo
loaded, waiting for the lock. The lock is a *session-level* advisory lock
``(LOCK_NAMESPACE, PBX server id)`` held by a connection of its own, so it
lives exactly as long as that connection:

- the active process dies (killed, crashed, machine gone): PostgreSQL ends
  its session and frees the lock; a standby polling every ``poll`` seconds
  takes it and starts listening (resynchronising from the PBX's channels and
  the CDR table like any reconnection);
- the active process hangs (stopped, swapped out): on PostgreSQL 14 and later
  the lock connection sets ``idle_session_timeout``; it is kept busy by a
  heartbeat every ``heartbeat`` seconds, so a process that stops beating is
  disconnected by the server after ``idle_timeout`` and loses the lock;
- the active process loses its lock connection while its AMI link still
  works (network split, session terminated): the heartbeat notices and stops
  the listener, and the *fence* keeps it from writing meanwhile: each batch's
  transaction first takes a transaction lock (so the old and the new active
  never apply at the same time) and then checks that the session lock is
  still held by this process's lock connection, else it applies nothing.

Advisory locks belong to one database, so one lock per (database, PBX).
Plain Python and psycopg2: no Odoo import, the CLI passes the connection
parameters.
"""

import logging
import os
import threading
import time

import psycopg2

_logger = logging.getLogger(__name__)

# int4 namespace of the suite's advisory locks ("CS" + 1): the two-key form
# (namespace, PBX id) never collides with Odoo's one-key (bigint) locks.
LOCK_NAMESPACE = 0x43530001
# the apply lock, taken for the length of each batch's transaction
APPLY_NAMESPACE = 0x43530002


class NotLeader(Exception):
    """This process does not hold the PBX's listener lock (any more)."""


class LeaderLock:
    """The session lock electing the active listener of one PBX.

    ``connect()`` returns a new psycopg2 connection to the Odoo database (the
    CLI passes Odoo's connection parameters); it is used for the lock only.
    """

    def __init__(
        self,
        connect,
        server_id,
        poll=1.0,
        heartbeat=2.0,
        idle_timeout=15.0,
        sleep=time.sleep,
    ):
        self.connect = connect
        self.server_id = server_id
        self.poll = poll
        self.heartbeat = heartbeat
        self.idle_timeout = idle_timeout
        self.sleep = sleep
        self.backend_pid = None  # PostgreSQL pid of the lock connection
        self._conn = None
        self._lock = threading.Lock()  # one query at a time on the connection
        self._lost = threading.Event()
        self._unavailable = False  # the database did not answer the last try

    @property
    def held(self):
        return self.backend_pid is not None and not self._lost.is_set()

    # -- acquiring ------------------------------------------------------------
    def _open(self):
        conn = self.connect()
        try:
            conn.autocommit = True
            with conn.cursor() as cr:
                cr.execute(
                    "SELECT pg_backend_pid(), current_setting('server_version_num')"
                )
                pid, version = cr.fetchone()
                cr.execute(
                    "SELECT set_config('application_name', %s, false)",
                    [f"cs_pbx_listener pbx={self.server_id} pid={os.getpid()}"],
                )
                if int(version) >= 140000 and self.idle_timeout:
                    # a hung holder is disconnected by the server, its lock
                    # freed; never shorter than a few polls or heartbeats
                    timeout = max(self.idle_timeout, 3 * self.poll, 3 * self.heartbeat)
                    cr.execute(
                        "SELECT set_config('idle_session_timeout', %s, false)",
                        [f"{int(timeout * 1000)}ms"],
                    )
        except BaseException:
            conn.close()
            raise
        return conn, pid

    def try_acquire(self):
        """Take the lock if it is free; True when this process holds it."""
        with self._lock:
            if self.held:
                return True
            try:
                if self._conn is None or self._conn.closed:
                    self._conn, pid = self._open()
                else:
                    pid = self._conn.get_backend_pid()
                with self._conn.cursor() as cr:
                    cr.execute(
                        "SELECT pg_try_advisory_lock(%s, %s)",
                        [LOCK_NAMESPACE, self.server_id],
                    )
                    taken = cr.fetchone()[0]
            except psycopg2.Error as error:
                # once per outage, not at every poll
                log = _logger.debug if self._unavailable else _logger.warning
                log("PBX listener lock: database unavailable: %s", error)
                self._unavailable = True
                self._close()
                return False
            if self._unavailable:
                _logger.info("PBX listener lock: database available again")
                self._unavailable = False
            if taken:
                self.backend_pid = pid
                self._lost.clear()
            return taken

    def wait(self, stopped):
        """Poll for the lock until taken (True) or ``stopped()`` (False).
        The standby keeps its connection open: polling costs one query."""
        while not stopped():
            if self.try_acquire():
                return True
            self.sleep(self.poll)
        return False

    # -- holding ----------------------------------------------------------------
    def beat(self):
        """One heartbeat: True while the lock connection is alive and holds
        the lock; else the lock is lost (for good: acquire it again)."""
        with self._lock:
            if not self.held:
                return False
            try:
                with self._conn.cursor() as cr:
                    cr.execute(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        " AND classid = %s AND objid = %s AND objsubid = 2"
                        " AND granted AND pid = pg_backend_pid()",
                        [LOCK_NAMESPACE, self.server_id],
                    )
                    alive = cr.fetchone()[0] == 1
            except psycopg2.Error as error:
                _logger.error("PBX listener lock: lock connection lost: %s", error)
                alive = False
            if not alive:
                self._lost.set()
                self._close()
            return alive

    def watch(self, on_lost):
        """Beat every ``heartbeat`` seconds in a daemon thread; call
        ``on_lost()`` once when the lock is lost. Returns a function that
        stops the watch."""
        done = threading.Event()

        def loop():
            while not done.wait(self.heartbeat):
                if not self.beat():
                    if not done.is_set():
                        on_lost()
                    return

        threading.Thread(target=loop, name="cs-pbx-leader", daemon=True).start()
        return done.set

    def fence(self, cr):
        """In the transaction that applies a batch (``cr``: a DB-API cursor
        of another connection): wait until no other active listener's batch
        is being applied, then raise NotLeader unless this process's lock
        connection still holds the lock."""
        pid = self.backend_pid
        if pid is None or self._lost.is_set():
            raise NotLeader("this listener is not the active one")
        cr.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [APPLY_NAMESPACE, self.server_id]
        )
        cr.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
            " AND classid = %s AND objid = %s AND objsubid = 2 AND granted"
            " AND pid = %s",
            [LOCK_NAMESPACE, self.server_id, pid],
        )
        if cr.fetchone()[0] != 1:
            self._lost.set()
            raise NotLeader("the listener lock was lost")

    def release(self):
        with self._lock:
            if self.held:
                try:
                    with self._conn.cursor() as cr:
                        cr.execute(
                            "SELECT pg_advisory_unlock(%s, %s)",
                            [LOCK_NAMESPACE, self.server_id],
                        )
                except psycopg2.Error:
                    _logger.debug("PBX listener lock: unlock failed", exc_info=True)
            self._close()

    def _close(self):
        self.backend_pid = None
        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg2.Error:
                _logger.debug("PBX listener lock: close failed", exc_info=True)
            self._conn = None

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
"""

import argparse
import logging
import random
import signal
import time

import psycopg2
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, api
from odoo.cli import Command
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tools import config

from ..pbx.cdr import PgCdrSource
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
    """

    def __init__(self, registry, server_id, retries=5, sleep=time.sleep):
        self.registry = registry
        self.server_id = server_id
        self.retries = retries
        self.sleep = sleep

    def apply(self, updates):
        """The sink's one entry point (see ``pbx.listener``): apply the
        ``CallUpdate`` list; return the updates no call matched yet."""
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
            env = api.Environment(cr, SUPERUSER_ID, {})
            server = env["cs.pbx.server"].browse(self.server_id)
            _calls, deferred = env["cs.call"]._cs_apply_pbx_updates(server, updates)
            return deferred

    def publish_live(self, snapshot):
        """The wallboard's snapshot (``pbx.live``): stored and sent on the
        bus in its own transaction, at most once per listener interval."""
        self.registry = self.registry.check_signaling()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            server = env["cs.pbx.server"].browse(self.server_id)
            env["cs.call.live"]._cs_publish_live(server, snapshot)


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
        args, odoo_args = parser.parse_known_args(cmdargs)
        config.parse_config(odoo_args)
        dbname = config["db_name"]
        if not dbname or "," in dbname:
            parser.error("give exactly one database with -d")
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if args.pbx_id:
                server = env["cs.pbx.server"].browse(args.pbx_id).exists()
            else:
                server = env.user._cs_pbx_server()  # the default PBX
            if not server or not server.active:
                parser.error("no active PBX server configured")
            pbx_config = server._cs_config()
            server_id = server.id
            # the calls missed since the last event this PBX reported
            last = env["cs.call"].search(
                [("pbx_server_id", "=", server.id), ("last_event_date", "!=", False)],
                order="last_event_date desc",
                limit=1,
            )
            down_since = last.last_event_date or None
        cdr_source = PgCdrSource(args.cdr_dsn, args.cdr_table) if args.cdr_dsn else None
        listener = Listener(
            pbx_config,
            OdooSink(registry, server_id),
            cdr_source=cdr_source,
            down_since=down_since,
        )
        signal.signal(signal.SIGTERM, lambda *_a: listener.stop())
        signal.signal(signal.SIGINT, lambda *_a: listener.stop())
        _logger.info("PBX listener for %s:%s", pbx_config.host, pbx_config.port)
        listener.run()

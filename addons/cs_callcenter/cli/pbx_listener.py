# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``odoo cs_pbx_listener``: the long-running PBX listener process.

Run it beside the Odoo server, never inside an HTTP worker::

    odoo --addons-path=... cs_pbx_listener -c odoo.conf -d cs_demo [--pbx-id N]

It keeps one AMI connection to the PBX, records every call event in
``cs.call`` (idempotently) and notifies the rung agent over the bus.
"""

import argparse
import logging
import signal

from odoo import SUPERUSER_ID, api
from odoo.cli import Command
from odoo.modules.registry import Registry
from odoo.tools import config

from ..pbx.listener import Listener

_logger = logging.getLogger(__name__)


class OdooSink:
    """Applies listener updates to the database, one transaction each.

    Each call runs in its own cursor that commits when the block ends: the
    listener is a separate process, and an event must be stored (and the
    agent's bus notification sent) as soon as it arrives. Runs as superuser:
    the process records facts reported by the PBX on no user's behalf.
    """

    def __init__(self, registry, server_id):
        self.registry = registry
        self.server_id = server_id

    def _run(self, method, payload):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            server = env["cs.pbx.server"].browse(self.server_id)
            return getattr(env["cs.call"], method)(server, payload).ids

    def apply(self, updates):
        return self._run("_cs_apply_pbx_updates", updates)

    def resync(self, channels):
        closed = self._run("_cs_resync", channels)
        if closed:
            _logger.info("PBX: %d call(s) closed on resynchronisation", len(closed))
        return closed


class CsPbxListener(Command):
    """Listen to a PBX (Asterisk AMI) and record its calls"""

    name = "cs_pbx_listener"

    def run(self, cmdargs):
        parser = argparse.ArgumentParser(prog="odoo cs_pbx_listener")
        parser.add_argument("--pbx-id", type=int, help="cs.pbx.server id")
        args, odoo_args = parser.parse_known_args(cmdargs)
        config.parse_config(odoo_args)
        dbname = config["db_name"]
        if not dbname or "," in dbname:
            parser.error("give exactly one database with -d")
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            servers = env["cs.pbx.server"].search(
                [("id", "=", args.pbx_id)] if args.pbx_id else [], limit=1
            )
            if not servers:
                parser.error("no active PBX server configured")
            pbx_config = servers._cs_config()
            server_id = servers.id
        listener = Listener(pbx_config, OdooSink(registry, server_id))
        signal.signal(signal.SIGTERM, lambda *_a: listener.stop())
        signal.signal(signal.SIGINT, lambda *_a: listener.stop())
        _logger.info("PBX listener for %s:%s", pbx_config.host, pbx_config.port)
        listener.run()

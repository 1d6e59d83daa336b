# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wallboard in a browser: a simulated call arrives and the board
updates through the bus."""

import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user, tagged

from odoo.addons.bus.tests.common import WebsocketCase

from ..pbx.live import LiveState
from .ami_live_transcripts import queued_call
from .ami_transcripts import frames, render


@tagged("post_install", "-at_install")
class TestWallboardTour(WebsocketCase):
    """WebsocketCase: Odoo's own test case that lets the browser open its
    websocket (HttpCase refuses it), so the board gets the real bus."""

    def test_wallboard_updates_when_a_call_arrives(self):
        server = self.env["cs.pbx.server"].create(
            {
                "name": "Wallboard PBX",
                "host": "127.0.0.1",
                "port": 5038,
                "username": "odoo",
                "secret": "s3cret",
                "sequence": 0,
            }
        )
        agent = new_test_user(
            self.env,
            login="cs_board_agent",
            name="Board Agent",
            groups="cs_callcenter.group_agent",
        )
        agent.write({"cs_extension": "8001", "cs_pbx_server_id": server.id})
        supervisor = new_test_user(
            self.env,
            login="cs_board_supervisor",
            name="Board Supervisor",
            groups="cs_callcenter.group_supervisor",
        )
        # the board lists the PBX's agents as the listener last published them
        self.env["cs.call.live"]._cs_publish_live(
            server, LiveState(("from-external",)).snapshot()
        )
        contexts = server._cs_config().inbound_contexts
        published = threading.Event()

        def listener_publishes():
            """Waits for the tour's signal (the board is open), then does
            what the listener does when a call joins a queue."""
            deadline = time.time() + 90
            while time.time() < deadline and not published.is_set():
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    signature = env["res.users"].browse(supervisor.id).signature
                    if "cs-wallboard-ready" in (signature or ""):
                        pairs = queued_call(1, time.time() - 10, ivr=None)
                        until_join = [
                            p for p in pairs if p[0][1] in ("Newchannel", "Newstate")
                        ][:2] + [p for p in pairs if p[0][1] == "QueueCallerJoin"]
                        state = LiveState(contexts)
                        for frame in frames(render(until_join)):
                            state.feed(frame)
                        env["cs.call.live"]._cs_publish_live(
                            env["cs.pbx.server"].browse(server.id), state.snapshot()
                        )
                        published.set()
                time.sleep(0.3)

        thread = threading.Thread(target=listener_publishes, daemon=True)
        thread.start()
        self.start_tour(
            "/odoo/action-cs_callcenter.cs_wallboard_action",
            "cs_callcenter_wallboard",
            login="cs_board_supervisor",
        )
        published.set()
        thread.join(5)

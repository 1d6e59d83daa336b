# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Click-to-call against a simulated Asterisk 22 that accepts the Originate."""

from odoo import Command
from odoo.tests import tagged

from .ami_simulator import AmiSimulator
from .common import CsRolesCase


@tagged("post_install", "-at_install")
class TestClickToCall(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.sim = AmiSimulator()
        cls.addClassCleanup(cls.sim.stop)
        cls.server = cls.env["cs.pbx.server"].create(
            {
                "name": "Simulated Asterisk 22",
                "host": "127.0.0.1",
                "port": cls.sim.port,
                "username": "odoo",
                "secret": "s3cret",
                "sequence": 0,
            }
        )
        cls.agent.write({"cs_extension": "8001", "cs_pbx_server_id": cls.server.id})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Zhao Liu", "mobile": "+86 139 0000 4242"}
        )

    def setUp(self):
        super().setUp()
        self.sim.received.clear()

    def test_call_on_a_callback_task_is_linked_to_the_task(self):
        campaign = (
            self.env["cs.callback.campaign"]
            .with_user(self.supervisor)
            .create(
                {
                    "name": "Any time",
                    "purpose": "after_service",
                    "partner_domain": f"[('id', '=', {self.customer.id})]",
                    "agent_ids": [Command.set(self.agent.ids)],
                    "tz": "Asia/Shanghai",
                    "window_ids": [Command.clear()]
                    + [
                        Command.create(
                            {"weekday": str(day), "hour_from": 0, "hour_to": 24}
                        )
                        for day in range(7)
                    ],
                }
            )
        )
        campaign.action_generate()
        task = campaign.task_ids.with_user(self.agent)
        action = task.action_call()
        self.assertEqual(action["params"]["type"], "info", action["params"])
        (originate,) = self.sim.actions("originate")
        self.assertEqual(originate["Channel"], "PJSIP/8001")
        call = self.env["cs.call"].search([("pbx_server_id", "=", self.server.id)])
        self.assertRecordValues(
            call,
            [
                {
                    "direction": "outbound",
                    "state": "dialing",
                    "partner_id": self.customer.id,
                    "user_id": self.agent.id,
                    "pbx_action_id": originate["ActionID"],
                }
            ],
        )
        self.assertEqual(call.res_reference, task)
        self.assertEqual(task.call_count, 1)
        self.assertEqual(
            task.action_view_calls()["domain"][0][2], f"{task._name},{task.id}"
        )

    def test_api_originate_links_the_contact(self):
        result = self.env["cs.api"].with_user(self.agent).originate("13900004242")
        call = self.env["cs.call"].browse(result["call_id"])
        self.assertRecordValues(
            call,
            [
                {
                    "state": "dialing",
                    "partner_id": self.customer.id,
                    "user_id": self.agent.id,
                }
            ],
        )

    def test_api_originate_never_tells_whether_a_login_exists(self):
        api = self.env["cs.api"].with_user(self.agent)
        messages = set()
        for login in ("cs_supervisor", "no-such-login"):
            with self.assertRaises(Exception) as caught:
                api.originate("13900004242", user_login=login)
            messages.add(str(caught.exception))
        self.assertEqual(len(messages), 1, messages)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import socket

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CsRolesCase


@tagged("post_install", "-at_install")
class TestPbxServer(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = cls.env["cs.pbx.server"].create(
            {"name": "PBX", "host": "127.0.0.1", "username": "odoo", "secret": "t0p"}
        )

    def test_secret_readable_by_administrators_only(self):
        for user in (self.agent, self.supervisor, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.server.with_user(user).read(["secret"])
        self.assertEqual(
            self.server.with_user(self.manager).read(["host"])[0]["host"], "127.0.0.1"
        )
        admin = self.env.ref("base.user_admin")
        self.assertEqual(
            self.server.with_user(admin).read(["secret"])[0]["secret"], "t0p"
        )
        # the connection still gets it, on behalf of the agent
        self.assertEqual(self.server.with_user(self.agent)._cs_config().secret, "t0p")

    def test_agents_cannot_change_servers(self):
        with self.assertRaises(AccessError):
            self.server.with_user(self.agent).write({"host": "10.0.0.1"})

    def test_channel_template_needs_extension(self):
        with self.assertRaises(UserError):
            self.server.channel_template = "PJSIP/8001"

    def test_test_connection_reports_refused(self):
        with socket.socket() as sock:  # a port that nobody listens on
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.server.port = port
        action = self.server.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("connection refused", action["params"]["message"])
        self.assertIn("connection refused", self.server.last_test_result)

    def test_click_to_call_needs_extension_and_valid_number(self):
        partner = self.env["res.partner"].create({"name": "X", "phone": "hello"})
        Call = self.env["cs.call"].with_user(self.agent)
        result = Call.cs_click_to_call("13812345678", "res.partner", partner.id)
        self.assertEqual(result["type"], "danger")
        self.assertIn("extension", result["message"])
        self.agent.cs_extension = "8001"
        result = Call.cs_click_to_call("hello", "res.partner", partner.id)
        self.assertIn("not a valid phone number", result["message"])
        self.assertFalse(self.env["cs.call"].search([("partner_id", "=", partner.id)]))
        with self.assertRaises(ValidationError):
            Call.cs_click_to_call("", "res.partner", partner.id)
        with self.assertRaises(ValidationError):
            Call.cs_click_to_call("13812345678", "no.such.model", 1)

    def test_do_not_call_asks_first(self):
        self.agent.cs_extension = "8001"
        partner = self.env["res.partner"].create(
            {"name": "Quiet", "phone": "13812345678", "cs_do_not_call": True}
        )
        Call = self.env["cs.call"].with_user(self.agent)
        result = Call.cs_click_to_call("13812345678", "res.partner", partner.id)
        self.assertEqual(list(result), ["confirm"])
        self.assertIn("Quiet", result["confirm"])
        self.assertFalse(self.env["cs.call"].search([("partner_id", "=", partner.id)]))

    def test_unreachable_pbx_keeps_the_failed_attempt(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.server.port = sock.getsockname()[1]
        self.env.company.country_id = self.env.ref("base.cn")
        self.agent.cs_extension = "8001"
        partner = self.env["res.partner"].create({"name": "Y", "mobile": "13812345678"})
        result = (
            self.env["cs.call"]
            .with_user(self.agent)
            .cs_click_to_call(partner.mobile, "res.partner", partner.id)
        )
        self.assertEqual(result["type"], "danger")
        self.assertIn("connection refused", result["message"])
        call = self.env["cs.call"].search([("partner_id", "=", partner.id)])
        self.assertRecordValues(
            call,
            [
                {
                    "direction": "outbound",
                    "state": "done",
                    "disposition": "failed",
                    "user_id": self.agent.id,
                }
            ],
        )

    def test_originate_for_another_agent_needs_a_supervisor(self):
        other = new_test_user(
            self.env, login="cs_other_agent", groups="cs_callcenter.group_agent"
        )
        with self.assertRaises(AccessError):
            self.env["cs.api"].with_user(self.agent).originate(
                "13812345678", user_login=other.login
            )

    def test_agent_sets_own_extension_in_preferences(self):
        self.agent.with_user(self.agent).write({"cs_extension": "8002"})
        self.assertEqual(self.agent.cs_extension, "8002")

    def test_pbx_events_come_from_integration_users_only(self):
        with self.assertRaises(AccessError):
            self.env["cs.api"].with_user(self.agent).pbx_event(
                {"Event": "Hangup", "Linkedid": "1", "Uniqueid": "1"}
            )

    def test_api_bad_server_id(self):
        api = self.env["cs.api"].with_user(self.integration)
        with self.assertRaises(ValidationError):
            api.pbx_event({"Event": "Hangup"}, server_id="1")
        with self.assertRaises(UserError):
            api.pbx_event({"Event": "Hangup"}, server_id=999999)
        with self.assertRaises(ValidationError):
            api.pbx_event({"Linkedid": "1"}, server_id=self.server.id)
        with self.assertRaises(ValidationError):
            api.pbx_event(["Event", "Hangup"])
        with self.assertRaises(ValidationError):
            api.pbx_event({"Event": {"nested": 1}})

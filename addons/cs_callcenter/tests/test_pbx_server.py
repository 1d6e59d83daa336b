# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PBX servers: who may change them, the write-only secret bound to the
endpoint it was entered for, "Test connection", and the originate policy
(allowed destinations, do-not-call, no login oracle)."""

import logging
import socket

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .ami_simulator import AmiSimulator
from .common import CsRolesCase


def _free_port():
    with socket.socket() as sock:  # a port that nobody listens on
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestPbxServer(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.admin = cls.env.ref("base.user_admin")
        cls.server = cls.env["cs.pbx.server"].create(
            {
                "name": "PBX",
                "host": "127.0.0.1",
                "username": "odoo",
                "secret": "t0p",
                "sequence": 0,
            }
        )

    def _simulated(self):
        """Point the test server at a fresh simulator (as an administrator,
        re-entering the secret the simulator expects)."""
        sim = AmiSimulator()
        self.addCleanup(sim.stop)
        self.server.with_user(self.admin).write({"port": sim.port, "secret": "s3cret"})
        return sim

    # -- the secret --------------------------------------------------------------
    def test_secret_never_read_exported_or_searched(self):
        for user in (self.agent, self.supervisor, self.manager, self.integration):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.server.with_user(user).read(["secret"])
        server = self.server.with_user(self.manager)
        self.assertEqual(server.read(["host"])[0]["host"], "127.0.0.1")
        self.assertTrue(server.secret_set)
        # administrators set it, and never read it back either
        server = self.server.with_user(self.admin)
        self.assertIs(server.read(["secret"])[0]["secret"], False)
        self.assertIs(
            server.search_read([("id", "=", server.id)], ["secret"])[0]["secret"], False
        )
        self.assertEqual(server.export_data(["secret"])["datas"], [[""]])
        server.secret = "n3w"
        self.assertIs(server.secret, False)  # not even from the cache
        self.assertIs(server.read(["secret"])[0]["secret"], False)
        copy = server.copy()
        self.assertFalse(copy.secret_set)
        # the connection still gets it, on behalf of the agent
        self.assertEqual(self.server.with_user(self.agent)._cs_config().secret, "n3w")
        # nor is it in the chatter
        self.server.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM mail_tracking_value v "
                "WHERE v.old_value_char IN %(s)s OR v.new_value_char IN %(s)s",
                s=("t0p", "n3w"),
            )
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_secret_is_never_logged(self):
        sim = self._simulated()
        self.agent.cs_extension = "8001"
        with self.assertLogs("odoo", level=logging.DEBUG) as logs:
            logging.getLogger("odoo").debug("test start")
            self.server.action_test_connection()
            self.env["cs.call"].with_user(self.agent).cs_click_to_call("13812345678")
        self.assertTrue(sim.actions("login"))
        self.assertFalse([line for line in logs.output if "s3cret" in line])

    def test_secret_is_sent_only_to_the_endpoint_it_was_entered_for(self):
        sim = self._simulated()
        action = self.server.action_test_connection()
        self.assertEqual(action["params"]["type"], "success")
        (login,) = sim.actions("login")
        self.assertEqual(login["Secret"], "s3cret")
        # an administrator points the PBX elsewhere without entering the secret
        # again ("localhost" is the same simulator: it would receive it)
        self.server.with_user(self.admin).host = "localhost"
        action = self.server.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("enter it again", action["params"]["message"])
        self.assertEqual(len(sim.actions("login")), 1)  # nothing was sent
        self.assertEqual(self.server.with_user(self.agent)._cs_config().secret, "")
        # changing back, or entering it again, binds it to the endpoint
        self.server.with_user(self.admin).host = "127.0.0.1"
        self.assertEqual(
            self.server.action_test_connection()["params"]["type"], "success"
        )
        self.server.with_user(self.admin).write(
            {"host": "localhost", "secret": "s3cret"}
        )
        self.assertEqual(
            self.server.action_test_connection()["params"]["type"], "success"
        )
        self.assertEqual(len(sim.actions("login")), 3)

    def test_secret_saved_before_endpoints_were_tracked(self):
        sim = self._simulated()
        self.env.cr.execute(
            SQL(
                "UPDATE cs_pbx_server SET secret_endpoint = NULL WHERE id = %s",
                self.server.id,
            )
        )
        self.server.invalidate_recordset(["secret_endpoint"])
        self.server.with_user(self.admin).host = "localhost"
        action = self.server.action_test_connection()
        self.assertIn("enter it again", action["params"]["message"])
        self.assertFalse(sim.actions("login"))

    # -- who changes what --------------------------------------------------------
    def test_only_administrators_change_the_connection(self):
        server = self.server.with_user(self.manager)
        for field, value in [
            ("host", "attacker.example.com"),
            ("port", 5039),
            ("username", "other"),
            ("channel_template", "Local/{extension}@trunk"),
            ("originate_context", "open-trunk"),
            ("outbound_prefix", "00"),
            ("allowed_destinations", "+"),
        ]:
            with self.subTest(field=field), self.assertRaises(AccessError) as error:
                server.write({field: value})
            self.assertIn(server._fields[field].string, str(error.exception))
        with self.assertRaises(AccessError):
            server.write({"secret": "x"})
        with self.assertRaises(AccessError):
            server.create(
                {"name": "Mine", "host": "attacker.example.com", "username": "u"}
            )
        with self.assertRaises(AccessError):
            server.unlink()
        # the rest of the configuration is theirs; an unchanged value passes
        server.write(
            {"ring_timeout": 20, "caller_id": "4008123123", "host": "127.0.0.1"}
        )
        self.assertEqual(self.server.ring_timeout, 20)
        with self.assertRaises(AccessError):
            self.server.with_user(self.agent).write({"ring_timeout": 10})
        # an administrator changes the connection
        self.server.with_user(self.admin).write({"host": "pbx.example.com"})
        self.assertEqual(self.server.host, "pbx.example.com")

    def test_agents_cannot_make_the_pbx_connect(self):
        sim = self._simulated()
        with self.assertRaises(AccessError):
            self.server.with_user(self.agent).action_test_connection()
        self.assertFalse(sim.actions("login"))

    def test_channel_template_needs_extension(self):
        with self.assertRaises(UserError):
            self.server.channel_template = "PJSIP/8001"

    def test_allowed_destinations_are_prefixes(self):
        with self.assertRaises(ValidationError) as error:
            self.server.allowed_destinations = "+852, 00*"
        self.assertIn("00*", str(error.exception))
        self.server.allowed_destinations = "+852\n95588"

    # -- test connection ---------------------------------------------------------
    def test_test_connection_reports_refused(self):
        self.server.write({"port": _free_port(), "secret": "t0p"})
        action = self.server.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("connection refused", action["params"]["message"])
        self.assertIn("connection refused", self.server.last_test_result)

    def test_test_connection_reports_what_the_pbx_says(self):
        self._simulated()
        description = self.server._cs_backend().test()
        action = self.server.with_user(self.manager).action_test_connection()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn(description, action["params"]["message"])
        self.assertIn(description, self.server.last_test_result)

    # -- click-to-call -----------------------------------------------------------
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

    def test_allowed_destinations(self):
        sim = self._simulated()
        self.agent.cs_extension = "8001"
        Call = self.env["cs.call"].with_user(self.agent)
        for number, words in [
            ("+85221234567", "not a national number"),
            ("00 1 415 555 2671", "not a national number"),
            ("+86 168 12345", "premium-rate"),
            ("95588", "short code"),
        ]:
            with self.subTest(number=number):
                result = Call.cs_click_to_call(number)
                self.assertEqual(result["type"], "danger")
                self.assertIn(words, result["message"])
        self.assertFalse(sim.actions("originate"))
        self.assertFalse(
            self.env["cs.call"].search([("pbx_server_id", "=", self.server.id)])
        )
        # national numbers go through; the allow-list opens the others
        self.assertEqual(Call.cs_click_to_call("13812345678")["type"], "info")
        self.server.with_user(self.admin).allowed_destinations = "+852 95588"
        self.assertEqual(Call.cs_click_to_call("+85221234567")["type"], "info")
        self.assertEqual(Call.cs_click_to_call("95588")["type"], "info")
        self.assertEqual(
            [a["Exten"] for a in sim.actions("originate")],
            ["13812345678", "0085221234567", "95588"],
        )
        # the API follows the same policy
        with self.assertRaisesRegex(UserError, "not a national number"):
            self.env["cs.api"].with_user(self.integration).originate(
                "+1 415 555 2671", user_login=self.agent.login
            )

    def test_do_not_call_only_supervisors_override(self):
        sim = self._simulated()
        partner = self.env["res.partner"].create(
            {"name": "Quiet", "phone": "13812345678", "cs_do_not_call": True}
        )
        self.agent.cs_extension = "8001"
        self.supervisor.cs_extension = "8002"
        agent_call = self.env["cs.call"].with_user(self.agent)
        for force in (False, True):
            with (
                self.subTest(force=force),
                self.assertRaisesRegex(UserError, "Only a supervisor"),
            ):
                agent_call.cs_click_to_call(
                    "13812345678", "res.partner", partner.id, force=force
                )
        supervisor_call = self.env["cs.call"].with_user(self.supervisor)
        result = supervisor_call.cs_click_to_call(
            "13812345678", "res.partner", partner.id
        )
        self.assertEqual(list(result), ["confirm"])
        self.assertIn("Quiet", result["confirm"])
        self.assertFalse(sim.actions("originate"))
        result = supervisor_call.cs_click_to_call(
            "13812345678", "res.partner", partner.id, force=True
        )
        self.assertEqual(result["type"], "info")
        self.assertEqual(len(sim.actions("originate")), 1)
        # the API never calls them
        for user in (self.integration, self.supervisor):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "asked not to be called"),
            ):
                self.env["cs.api"].with_user(user).originate(
                    "+86 138 1234 5678", user_login=self.agent.login
                )
        self.assertEqual(len(sim.actions("originate")), 1)

    def test_unreachable_pbx_keeps_the_failed_attempt(self):
        self.server.write({"port": _free_port(), "secret": "t0p"})
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

    # -- cs.api.originate ----------------------------------------------------------
    def test_originate_for_another_agent_needs_a_supervisor(self):
        other = new_test_user(
            self.env, login="cs_other_agent", groups="cs_callcenter.group_agent"
        )
        api = self.env["cs.api"].with_user(self.agent)
        messages = set()
        for login in (other.login, "no-such-login"):
            with self.assertRaises(AccessError) as error:
                api.originate("13812345678", user_login=login)
            messages.add(str(error.exception))
        self.assertEqual(len(messages), 1)

    def test_originate_errors_do_not_tell_whether_a_login_exists(self):
        no_extension = new_test_user(
            self.env, login="cs_no_ext", groups="cs_callcenter.group_agent"
        )
        employee = new_test_user(self.env, login="cs_plain_employee")
        portal = new_test_user(self.env, login="cs_portal", groups="base.group_portal")
        api = self.env["cs.api"].with_user(self.integration)
        messages = {}
        for login in (
            "no-such-login",
            no_extension.login,
            employee.login,
            portal.login,
            self.integration.login,
        ):
            with self.assertRaises(UserError) as error:
                api.originate("13812345678", user_login=login)
            messages[login] = str(error.exception)
        self.assertEqual(len(set(messages.values())), 1, messages)
        self.assertNotIn("no-such-login", next(iter(messages.values())))

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

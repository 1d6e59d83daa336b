# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Live supervision and helpdesk teams: the optional restriction of
Supervisors to their teams' agents, and the ticket of a queued call routed
to the team of its queue or IVR choice."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.ami_simulator import AmiSimulator
from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestSupervisionTeams(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
        cls.supervisor.write(
            {"cs_extension": "8101", "cs_pbx_server_id": cls.server.id}
        )
        cls.manager.write({"cs_extension": "8102", "cs_pbx_server_id": cls.server.id})
        cls.call = cls.env["cs.call"].create(
            {
                "number": "13812345678",
                "state": "in_progress",
                "user_id": cls.agent.id,
                "extension": "8001",
                "pbx_server_id": cls.server.id,
                "pbx_call_id": "1763798400.1",
                "queue_name": "billing",
                "ivr_choice": "3",
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Billing desk", "cs_pbx_queues": "billing, fees"}
        )

    def restrict(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "cs_helpdesk.monitor_own_teams", "1"
        )

    def test_off_by_default_any_supervisor_monitors(self):
        self.call.with_user(self.supervisor).action_cs_monitor("listen")
        [originate] = self.sim.actions("originate")[-1:]
        self.assertEqual(originate["Data"], "PJSIP/8001-,qE")  # the device prefix

    def test_restricted_supervisor_monitors_their_teams_agents_only(self):
        self.restrict()
        with self.assertRaisesRegex(AccessError, "your helpdesk teams"):
            self.call.with_user(self.supervisor).action_cs_monitor("listen")
        # a Manager is never restricted
        self.call.with_user(self.manager).action_cs_monitor("listen")
        # the Supervisor leads a team the agent belongs to
        self.team.write(
            {"user_id": self.supervisor.id, "user_ids": [(4, self.agent.id)]}
        )
        self.call.with_user(self.supervisor).action_cs_monitor("whisper")
        self.assertEqual(self.call.monitor_ids.mapped("mode"), ["whisper", "listen"])

    def test_ticket_of_a_queued_call_goes_to_the_queues_team(self):
        action = self.call.action_cs_new_ticket()
        self.assertEqual(action["context"]["default_team_id"], self.team.id)
        ivr_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Repairs", "cs_pbx_queues": "3"}
        )
        self.call.queue_name = False
        action = self.call.action_cs_new_ticket()
        self.assertEqual(action["context"]["default_team_id"], ivr_team.id)
        self.call.ivr_choice = "9"
        self.assertFalse(self.call.action_cs_new_ticket()["context"]["default_team_id"])

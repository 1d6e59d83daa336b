# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import new_test_user, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestTicketKpis(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="cs_kpi_portal", groups="base.group_portal"
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Gate",
                "description": "<p>x</p>",
                "partner_id": cls.portal.partner_id.id,
            }
        )
        cls.open_stage = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    def _post(self, user, note=False):
        self.ticket.with_user(user).message_post(
            body="<p>Update</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_note" if note else "mail.mt_comment",
        )

    def test_first_response_is_the_first_staff_message_to_the_customer(self):
        self._post(self.agent, note=True)  # internal note: not a response
        self._post(self.portal)  # the customer writes: not a response
        self.assertFalse(self.ticket.cs_first_response_date)
        self._post(self.agent)
        first = self.ticket.cs_first_response_date
        self.assertTrue(first)
        self.assertGreaterEqual(self.ticket.cs_response_hours, 0)
        self._post(self.supervisor)
        self.assertEqual(self.ticket.cs_first_response_date, first)
        self.assertEqual(self.ticket.cs_response_count, 2)

    def test_fcr_resolution_time_and_reopen(self):
        self._post(self.agent)
        self.ticket.stage_id = self.done
        self.ticket.closed_date = self.ticket.cs_sla_start + timedelta(hours=5)
        self.assertEqual(self.ticket.cs_resolution_hours, 5.0)
        self.assertTrue(self.ticket.cs_fcr)
        self.assertEqual(
            (self.ticket.cs_fcr_count, self.ticket.cs_closed_count), (1, 1)
        )
        self.ticket.stage_id = self.open_stage  # the customer was not satisfied
        self.assertEqual(self.ticket.cs_reopen_count, 1)
        self.assertTrue(self.ticket.cs_last_reopen_date)
        self.assertEqual(self.ticket.cs_closed_count, 0)
        self.ticket.stage_id = self.done
        self.assertFalse(self.ticket.cs_fcr)
        # moving between open stages is not a reopening
        self.ticket.stage_id = self.open_stage
        self.ticket.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
        )
        self.assertEqual(self.ticket.cs_reopen_count, 2)

    def test_two_responses_are_not_first_contact_resolution(self):
        self._post(self.agent)
        self._post(self.agent)
        self.ticket.stage_id = self.done
        self.assertFalse(self.ticket.cs_fcr)

    def test_ticket_from_a_call_was_answered_by_the_call(self):
        call = self.env["cs.call"].create({"number": "110", "user_id": self.agent.id})
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Lost key", "description": "<p>x</p>", "cs_call_id": call.id}
        )
        self.assertEqual(ticket.cs_response_count, 1)
        self.assertTrue(ticket.cs_first_response_date)
        ticket.stage_id = self.done
        self.assertTrue(ticket.cs_fcr)

    def test_kpi_report_groups_by_team(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Hotline"})
        self.ticket.team_id = team
        self._post(self.supervisor)  # agents only reach their own teams' tickets
        self.ticket.stage_id = self.done
        groups = self.env["helpdesk.ticket"]._read_group(
            [("team_id", "=", team.id)],
            ["team_id"],
            ["cs_closed_count:sum", "cs_fcr_count:sum", "cs_response_hours:avg"],
        )
        self.assertEqual(groups[0][1:3], (1, 1))

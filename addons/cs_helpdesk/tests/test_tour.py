# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintTour(HttpCase):
    def test_supervisor_walks_a_complaint_to_closing(self):
        supervisor = new_test_user(
            self.env,
            login="cs_tour_supervisor",
            name="Tour Supervisor",
            groups="cs_callcenter.group_supervisor",
        )
        self.env["hr.department"].create({"name": "Tour Engineering"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Lift noise at night",
                "description": "<p>Every night</p>",
                "cs_kind": "complaint",
                "partner_id": self.env["res.partner"].create({"name": "Tour Owner"}).id,
            }
        )
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "cs_helpdesk_complaint_loop",
            login=supervisor.login,
        )
        self.assertEqual(ticket.cs_step, "closed")
        self.assertEqual(
            ticket.cs_step_ids.mapped("step"),
            ["register", "investigate", "remedy", "implement", "confirm"],
        )
        self.assertEqual(ticket.cs_remedy_ids.state, "approved")
        self.assertEqual(ticket.cs_confirmation, "phone")
        self.assertTrue(ticket.stage_id.closed)

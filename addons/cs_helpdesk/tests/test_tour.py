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


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    def test_supervisor_opens_breached_tickets_from_the_dashboard(self):
        supervisor = new_test_user(
            self.env,
            login="cs_tour_dashboard",
            name="Dashboard Supervisor",
            groups="cs_callcenter.group_supervisor",
        )
        team = self.env["helpdesk.ticket.team"].create({"name": "Tour Desk"})
        Ticket = self.env["helpdesk.ticket"]
        Ticket.search([("cs_sla_status", "=", "breached")]).cs_sla_status = "met"
        breached = Ticket.create(
            {"name": "Tour breach", "description": "<p>x</p>", "team_id": team.id}
        )
        breached.cs_sla_status = "breached"
        Ticket.create(
            {"name": "Tour fine", "description": "<p>y</p>", "team_id": team.id}
        )
        self.start_tour(
            "/odoo/action-cs_helpdesk.cs_kpi_dashboard_action",
            "cs_helpdesk_dashboard",
            login=supervisor.login,
        )


@tagged("post_install", "-at_install")
class TestForbiddenPhraseTour(HttpCase):
    def test_agent_corrects_a_refused_reply(self):
        """Issue 10 §1.3: after the refusal the composer stays usable."""
        agent = new_test_user(
            self.env,
            login="cs_tour_phrase_agent",
            name="Phrase Agent",
            groups="cs_callcenter.group_agent",
            email=False,
        )
        self.env["cs.forbidden.phrase"].create(
            {"name": "TOUR-FORBIDDEN", "preferred": "What we can do for you is"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Parcel lost",
                "description": "<p>Where is it?</p>",
                "partner_id": self.env["res.partner"].create({"name": "Tour Owner"}).id,
            }
        )
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "cs_helpdesk_forbidden_phrase_reply",
            login=agent.login,
        )
        bodies = ticket.message_ids.mapped("body")
        self.assertTrue(any("TOUR-FIXED" in b for b in bodies))
        self.assertFalse(any("TOUR-FORBIDDEN" in b for b in bodies))
        self.assertEqual(ticket.cs_response_count, 1)


@tagged("post_install", "-at_install")
class TestKanbanStageLockTour(HttpCase):
    def test_complaint_cards_are_not_draggable_between_stages(self):
        supervisor = new_test_user(
            self.env,
            login="cs_tour_kanban_supervisor",
            name="Tour Kanban Supervisor",
            groups="cs_callcenter.group_supervisor",
        )
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": "Tour complaint about the lift",
                    "description": "<p>Noise</p>",
                    "cs_kind": "complaint",
                },
                {
                    "name": "Tour inquiry about parking",
                    "description": "<p>Where?</p>",
                    "cs_kind": "inquiry",
                },
            ]
        )
        self.assertEqual(tickets.mapped("cs_stage_follows_step"), [True, False])
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_action")
        self.start_tour(
            f"/odoo/action-{action.id}?view_type=kanban",
            "cs_helpdesk_kanban_stage_lock",
            login=supervisor.login,
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 15 §4: one clear ticket screen, the Customer Service app as the
staff's home, and §8: the dashboard's chart data."""

from datetime import timedelta
from itertools import pairwise

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.misc import get_lang

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestTicketScreen(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.department = cls.env["hr.department"].create({"name": "Engineering"})

    def _ticket(self, **values):
        return self.Ticket.create(
            {"name": "Lift noise", "description": "<p>Every night</p>", **values}
        )

    # -- one text -----------------------------------------------------------------
    def test_the_request_is_the_description(self):
        ticket = self._ticket()
        self.assertEqual(ticket.cs_request, "Every night")
        # a request written apart is added to the description, nothing lost
        ticket.cs_request = "Fix it this week"
        self.assertIn("Every night", ticket.description)
        self.assertIn("Fix it this week", ticket.description)
        self.assertIn("Fix it this week", ticket.cs_request)
        # a request sent alone (API) is the description
        alone = self.Ticket.create({"name": "Parking", "cs_request": "How to pay?"})
        self.assertIn("How to pay?", alone.description)
        self.assertEqual(alone.cs_request, "How to pay?")

    def test_form_has_one_text_and_the_required_description_first(self):
        arch = self.Ticket.get_view(view_type="form")["arch"]
        self.assertNotIn('name="cs_request"', arch)
        self.assertLess(arch.index('name="description"'), arch.index('name="cs_sla"'))
        self.assertLess(
            arch.index('name="description"'), arch.index('name="cs_complaint"')
        )

    def test_first_save_of_a_new_complaint_and_its_name(self):
        Ticket = self.Ticket.with_user(self.agent)
        # what the web client shows before the first save: not "/ - False"
        spec = {"display_name": {}, "name": {}, "number": {}}
        self.assertEqual(Ticket.onchange({}, [], spec)["value"]["display_name"], "New")
        form = Form(Ticket)
        form.name = "Lift noise"
        form.cs_kind = "complaint"
        form.description = "<p>Every night</p>"
        ticket = form.save()
        self.assertTrue(ticket.number.startswith("HT"))
        self.assertEqual(ticket.display_name, f"{ticket.number} - Lift noise")
        self.assertEqual(self.Ticket.new({"name": "Draft"}).display_name, "Draft")

    # -- one status bar -----------------------------------------------------------
    def test_a_complaint_stage_follows_its_step(self):
        complaint = self._ticket(cs_kind="complaint").with_user(self.agent)
        inquiry = self._ticket().with_user(self.agent)
        self.assertTrue(complaint.cs_stage_follows_step)
        self.assertFalse(inquiry.cs_stage_follows_step)
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with self.assertRaisesRegex(UserError, "follows its step"):
            complaint.write({"stage_id": done.id})
        inquiry.write({"stage_id": done.id})
        self.assertTrue(inquiry.stage_id.closed)
        # the step buttons move the stage
        complaint.write(
            {"cs_unfounded_reason": "Not our lift", "cs_customer_reply": "Sorry"}
        )
        complaint.action_cs_unfounded()
        self.assertTrue(complaint.stage_id.closed)
        complaint.action_cs_reopen()
        self.assertFalse(complaint.stage_id.closed)
        arch = self.Ticket.get_view(view_type="form")["arch"]
        self.assertIn('invisible="cs_stage_follows_step"', arch)

    # -- what a call concerns ---------------------------------------------------------
    def test_concerns_lists_business_documents_only(self):
        models_ = [m for m, _label in self.env["cs.call"]._selection_res_reference()]
        self.assertEqual(
            models_[:3], ["res.partner", "cs.callback.task", "helpdesk.ticket"]
        )
        for technical in ("res.users", "discuss.channel", "mail.message", "ir.model"):
            self.assertNotIn(technical, models_)
        self.assertEqual(
            self.env["cs.callback.task"]._selection_source_ref(),
            self.env["cs.call"]._selection_res_reference(),
        )

    # -- home ---------------------------------------------------------------------
    def test_home_per_role(self):
        Users = self.env["res.users"]
        self.assertEqual(
            Users.with_user(self.agent)._cs_home_action()["tag"],
            "cs_callcenter.agent_home",
        )
        self.assertEqual(
            Users.with_user(self.fee_officer)._cs_home_action()["tag"],
            "cs_callcenter.agent_home",
        )
        for boss in (self.supervisor, self.manager):
            self.assertEqual(
                Users.with_user(boss)._cs_home_action()["tag"],
                "cs_helpdesk.kpi_dashboard",
            )
        root = self.env.ref("cs_callcenter.menu_root")
        self.assertEqual(
            root.action, self.env.ref("cs_callcenter.cs_home_server_action")
        )

    def test_agent_home_shows_my_open_tickets(self):
        mine = self._ticket(user_id=self.agent.id)
        self._ticket(user_id=self.supervisor.id)
        data = self.env["cs.agent.home"].with_user(self.agent).get_data()
        sections = {s["key"]: s for s in data["sections"]}
        self.assertEqual(list(sections), ["tickets", "callbacks"])
        self.assertEqual(sections["tickets"]["count"], 1)
        self.assertEqual(sections["tickets"]["rows"][0]["id"], mine.id)
        self.assertEqual(sections["callbacks"]["count"], 0)
        action = self.env["ir.actions.actions"]._for_xml_id(
            sections["tickets"]["action"]
        )
        self.assertEqual(action["res_model"], "helpdesk.ticket")

    def test_helpdesk_screens_are_in_our_app(self):
        self.assertMenuHidden(self.agent, "helpdesk_mgmt.helpdesk_ticket_main_menu")
        self.assertMenuHidden(self.manager, "helpdesk_mgmt.helpdesk_ticket_main_menu")
        self.assertMenuVisible(self.agent, "cs_callcenter.menu_home")
        self.assertCanOpen(self.agent, "cs_helpdesk.helpdesk_ticket_menu_my")
        self.assertCanOpen(self.agent, "cs_helpdesk.helpdesk_ticket_menu_teams")
        self.assertMenuHidden(
            self.agent, "cs_helpdesk.helpdesk_ticket_stage_menu_config"
        )
        for xmlid in (
            "helpdesk_ticket_stage_menu_config",
            "helpdesk_ticket_category_menu_config",
            "helpdesk_ticket_channel_menu_config",
            "helpdesk_ticket_tag_menu_config",
            "helpdesk_ticket_menu_analysis",
        ):
            self.assertCanOpen(self.manager, f"cs_helpdesk.{xmlid}")

    # -- charts ---------------------------------------------------------------------
    def test_chart_data_counts_tickets_by_day_and_sla_status(self):
        Dashboard = self.env["cs.helpdesk.dashboard"].with_user(self.supervisor)
        before = Dashboard.get_chart_data(7)
        breached = self._ticket()
        breached.cs_sla_status = "breached"
        self._ticket()
        after = Dashboard.get_chart_data(7)
        self.assertEqual(after["granularity"], "day")
        self.assertEqual(len(after["buckets"]), 8)  # 7 days ago to today

        def today(data, key):
            return {s["key"]: s["data"][-1] for s in data["tickets"]}[key]

        self.assertEqual(today(after, "breached"), today(before, "breached") + 1)
        total = sum(s["data"][-1] for s in after["tickets"])
        self.assertEqual(total, sum(s["data"][-1] for s in before["tickets"]) + 2)
        self.assertEqual(
            [s["key"] for s in after["callbacks"]], ["due", "called", "reached"]
        )
        self.assertEqual(Dashboard.get_chart_data(365)["granularity"], "month")
        self.assertEqual(Dashboard.get_chart_data(90)["granularity"], "week")
        with self.assertRaises(UserError):
            Dashboard.get_chart_data(12)

    def test_chart_buckets_have_no_holes(self):
        Dashboard = self.env["cs.helpdesk.dashboard"]
        start = fields.Datetime.now() - timedelta(days=90)
        weeks = Dashboard._cs_chart_buckets(start, "week")
        self.assertIn(len(weeks), (13, 14))
        # weeks start on the first day of the week of the user's language,
        # as _read_group groups them
        first_day = int(get_lang(self.env).week_start) - 1
        self.assertTrue(all(w.weekday() == first_day for w in weeks))
        self.assertTrue(all(b - a == timedelta(days=7) for a, b in pairwise(weeks)))
        months = Dashboard._cs_chart_buckets(start, "month")
        self.assertEqual([m.day for m in months], [1] * len(months))
        self.assertIn(len(months), (4, 5))

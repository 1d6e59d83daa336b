# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo database shows real figures everywhere (issue 15 §3).

Runs only on a database installed with demo data, selected by its tag
(``--test-tags cs_demo``): tests/test_demo.py installs the suite with demo
data through the run command's setup (tools/cs_run.py) and runs it. Not a
standard test: the suite's own Odoo tests run without demo data."""

import io
import re
from datetime import date, datetime, time, timedelta

import pytz
from openpyxl import load_workbook

from odoo.tests import TransactionCase, tagged

from odoo.addons.cs_callcenter.models.cs_demo import (
    HOLIDAYS_2026,
    WORKING_WEEKENDS_2026,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
STEPS = {"register", "investigate", "remedy", "implement", "confirm", "closed"}
XLSX_REPORTS = {
    "cs_callcenter.callback_record_xlsx": "cs.callback.campaign",
    "cs_callcenter.callback_summary_xlsx": "cs.callback.campaign",
    "cs_callcenter.qa_agent_xlsx": "cs.qa.review",
    "cs_helpdesk.complaint_register_xlsx": "helpdesk.ticket",
    "cs_helpdesk.complaint_classification_xlsx": "helpdesk.ticket",
    "cs_helpdesk.ticket_kpi_xlsx": "helpdesk.ticket",
}


@tagged("cs_demo", "-standard", "post_install", "-at_install")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.estate = cls.env["cs.estate"].search([("code", "=", "PJHY")])

    def _teams(self):
        return self.env.ref("cs_helpdesk.helpdesk_ticket_team_hotline_demo") | (
            self.env.ref("cs_helpdesk.helpdesk_ticket_team_repairs_demo")
        )

    def test_company_in_china(self):
        """The estate's company is in China and bills in CNY; on the run
        command's database (Chinese chart installed first) that is the main
        company itself."""
        cny = self.env.ref("base.CNY")
        estate_company = self.estate.company_id
        self.assertEqual(estate_company.currency_id, cny)
        self.assertEqual(estate_company.country_id, self.env.ref("base.cn"))
        l10n_cn = self.env["ir.module.module"]._get("l10n_cn")
        if l10n_cn.state == "installed":  # the run command's database
            self.assertEqual(self.company.currency_id, cny)
            self.assertEqual(self.company.chart_template, "cn")
            self.assertEqual(estate_company, self.company)
            self.assertEqual(self.env.ref("base.user_admin").tz, "Asia/Shanghai")

    def test_calendar_has_the_2026_holidays_and_working_weekends(self):
        calendar = self.company.resource_calendar_id
        self.assertEqual(calendar.tz, "Asia/Shanghai")
        tz = pytz.timezone("Asia/Shanghai")

        def hours(day):
            start = tz.localize(datetime.combine(day, time()))
            return calendar.get_work_hours_count(
                start, start + timedelta(days=1), compute_leaves=True
            )

        for _name, first, last in HOLIDAYS_2026:
            for offset in range((last - first).days + 1):
                self.assertEqual(hours(first + timedelta(days=offset)), 0)
        for day in WORKING_WEEKENDS_2026:
            self.assertGreaterEqual(day.weekday(), 5, day)
            self.assertEqual(hours(day), 8, day)
        self.assertEqual(hours(date(2026, 3, 7)), 0)  # an ordinary Saturday
        self.assertEqual(hours(date(2026, 3, 9)), 8)  # an ordinary Monday

    def test_departments_and_users(self):
        names = set(self.env["hr.department"].search([]).mapped("name"))
        self.assertLessEqual(
            {"客服部", "工程部", "秩序部", "保洁部", "绿化部", "财务部"}, names
        )
        chinese = bool(self.env["res.lang"]._lang_get("zh_CN"))
        for group in (
            "group_agent",
            "group_supervisor",
            "group_manager",
            "group_fee_officer",
            "group_integration",
        ):
            users = self.env.ref(f"cs_callcenter.{group}").users.filtered(
                lambda u: CJK.search(u.name) and u.email
            )
            self.assertTrue(users, group)
            if chinese:
                self.assertIn("zh_CN", users.mapped("lang"), group)

    def test_complaints_at_every_step_and_sla_states(self):
        Ticket = self.env["helpdesk.ticket"]
        complaints = Ticket.search([("cs_kind", "=", "complaint")])
        self.assertLessEqual(STEPS | {"reviewed"}, set(complaints.mapped("cs_step")))
        self.assertIn("unfounded", complaints.mapped("cs_founded"))
        open_states = set(
            Ticket.search([("stage_id.closed", "=", False)]).mapped("cs_sla_status")
        )
        self.assertLessEqual({"on_track", "at_risk", "breached"}, open_states)
        closed_states = set(
            Ticket.search([("stage_id.closed", "=", True)]).mapped("cs_sla_status")
        )
        self.assertLessEqual({"met", "breached"}, closed_states)
        # Chinese throughout: no English subject left in the suite's demo
        # (the run command archives helpdesk_mgmt's examples, tools/cs_run.py)
        english = Ticket.search([("team_id", "in", self._teams().ids)]).filtered(
            lambda t: not CJK.search(t.name)
        )
        self.assertFalse(english.mapped("name"))

    def test_dashboard_figures_are_not_zero(self):
        data = self.env["cs.helpdesk.dashboard"].get_data(30)
        for key, value in data["totals"].items():
            self.assertGreater(value, 0, key)
        self.assertGreater(data["at_risk"], 0)
        self.assertGreater(data["breached"], 0)
        self.assertTrue(all(age["count"] for age in data["ages"][:3]), data["ages"])
        survey = data.get("survey") or {}
        self.assertGreater(survey.get("answered", 0), 0)

    def test_calls_quality_and_callbacks(self):
        report = self.env["cs.call.agent.report"].search([])
        self.assertGreater(sum(report.mapped("answered_count")), 0)
        states = set(self.env["cs.qa.review"].search([]).mapped("state"))
        self.assertLessEqual({"draft", "done", "acknowledged"}, states)
        campaign = self.env["cs.callback.campaign"].search(
            [("name", "=", "季度业主满意度回访")]
        )
        self.assertGreater(campaign.done_count, 0)
        self.assertGreater(campaign.open_count, 0)
        self.assertGreater(campaign.overdue_count, 0)
        self.assertGreater(campaign.coverage, 0)
        self.assertGreater(campaign.satisfaction_avg, 0)

    def test_property_billed_and_partly_paid(self):
        invoices = self.env["account.move"].search(
            [("cs_estate_id", "=", self.estate.id), ("state", "=", "posted")]
        )
        self.assertTrue(invoices)
        self.assertIn("paid", invoices.mapped("payment_state"))
        self.assertIn("not_paid", invoices.mapped("payment_state"))

    def test_excel_reports_show_figures(self):
        """Every Excel report over the demo records has non-zero figures."""
        Report = self.env["ir.actions.report"]
        for report, model in XLSX_REPORTS.items():
            with self.subTest(report=report):
                records = self.env[model].search([])
                content, _kind = Report._render_xlsx(report, records.ids, None)
                figures = [
                    cell.value
                    for sheet in load_workbook(io.BytesIO(content)).worksheets
                    for row in sheet.iter_rows()
                    for cell in row
                    if isinstance(cell.value, int | float)
                    and not isinstance(cell.value, bool)
                ]
                self.assertTrue(any(figures), report)
        today = date.today()
        content, _kind = Report._render_xlsx(
            "cs_survey.survey_statistics_xlsx",
            [],
            {
                "date_from": (today - timedelta(days=60)).isoformat(),
                "date_to": today.isoformat(),
            },
        )
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertTrue(
            any(
                isinstance(cell.value, int | float) and cell.value
                for row in sheet.iter_rows()
                for cell in row
            )
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""《顾客投诉分类统计表》, the KPI workbook and the supervisor dashboard,
checked figure by figure on a small fixture with known dates."""

import io
from datetime import datetime, timedelta

import pytz
from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestKpiReports(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["cs.sla.policy"].search([]).active = False
        cls.sla = cls.env["cs.sla.policy"].create(
            {"name": "Fixture", "kind": "inquiry", "resolution_hours": 99}
        )
        cls.sla.active = False  # applied by hand below, never by matching
        Department = cls.env["hr.department"]
        cls.engineering = Department.create({"name": "Engineering"})
        cls.front = Department.create({"name": "Front desk"})
        cls.team_a = cls.env["helpdesk.ticket.team"].create({"name": "A desk"})
        cls.team_b = cls.env["helpdesk.ticket.team"].create({"name": "B desk"})
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        calendar = cls.env.company.resource_calendar_id
        cls.tz = pytz.timezone(calendar.tz or "UTC")

        def ticket(name, registered, **values):
            record = cls.env["helpdesk.ticket"].create(
                {"name": name, "description": "<p>x</p>", **values}
            )
            # registration date as if in the past (create_date is the SQL clock)
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                (registered, record.id),
            )
            record.invalidate_recordset(["create_date"])
            record.cs_sla_start = registered
            return record

        def close(record, hours, deadline_hours):
            record.stage_id = cls.done
            record.write(
                {
                    "closed_date": record.cs_sla_start + timedelta(hours=hours),
                    "cs_sla_policy_id": cls.sla.id,
                    "cs_sla_deadline": record.cs_sla_start
                    + timedelta(hours=deadline_hours),
                }
            )

        cls.t1 = ticket(
            "Lift",
            datetime(2026, 10, 14, 2, 0),
            cs_kind="complaint",
            team_id=cls.team_a.id,
            user_id=cls.agent.id,
            cs_cause="facilities",
            cs_department_id=cls.engineering.id,
            cs_founded="founded",
        )
        close(cls.t1, 10, 24)  # resolved within its SLA, first contact
        cls.t2 = ticket(
            "Lift again",
            datetime(2026, 10, 15, 2, 0),
            cs_kind="complaint",
            team_id=cls.team_a.id,
            user_id=cls.agent.id,
            cs_cause="facilities",
            cs_department_id=cls.engineering.id,
            cs_founded="unfounded",
        )
        close(cls.t2, 2, 1)  # late
        cls.t2.cs_reopen_count = 1  # reopened once before: neither FCR
        cls.t3 = ticket(
            "Rude guard",
            datetime(2026, 11, 12, 2, 0),
            cs_kind="complaint",
            team_id=cls.team_b.id,
            user_id=False,
            cs_cause="attitude",
            cs_department_id=cls.front.id,
            cs_founded="founded",
        )
        # an inquiry answered after two working hours: Tuesday 10:00-12:30
        # with the lunch break of the company calendar (12:00-13:00) between
        start = cls.tz.localize(datetime(2026, 10, 13, 10, 0)).astimezone(pytz.utc)
        cls.t4 = ticket(
            "Opening hours",
            start.replace(tzinfo=None),
            cs_kind="inquiry",
            team_id=cls.team_b.id,
            user_id=cls.supervisor.id,
        )
        cls.t4.cs_first_response_date = cls.t4.cs_sla_start + timedelta(
            hours=2, minutes=30
        )
        cls.tickets = cls.t1 | cls.t2 | cls.t3 | cls.t4

    def _book(self, report, tickets, lang=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_context(lang=lang or "en_US")
            ._render_xlsx(report, tickets.ids, None)
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    def _rows(self, sheet):
        return [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]

    def test_classification_cell_by_cell(self):
        sheet = self._book(
            "cs_helpdesk.complaint_classification_xlsx", self.tickets
        ).active
        self.assertEqual(
            sheet["A1"].value, "Customer Complaint Classification Statistics"
        )
        self.assertEqual(
            [c.value for c in sheet[4]],
            [
                "Month",
                "Cause Category",
                "Responsible Department",
                "Complaints",
                "Founded",
                "Founded Rate (%)",
                "Average Resolution Time (h)",
            ],
        )
        self.assertEqual(sheet.freeze_panes, "A5")
        self.assertEqual(sheet.auto_filter.ref, "A4:G6")
        self.assertEqual(
            self._rows(sheet),
            [
                # the inquiry is not a complaint; the October pair is one line
                [
                    datetime(2026, 10, 1),
                    "Facilities / Repair",
                    "Engineering",
                    2,
                    1,
                    0.5,
                    6,
                ],
                [
                    datetime(2026, 11, 1),
                    "Service Attitude",
                    "Front desk",
                    1,
                    1,
                    1,
                    None,
                ],
                # the totals row: the average over the two resolved complaints
                [None, "Total", None, 3, 2, 0.667, 6],
            ],
        )
        self.assertEqual(sheet["A5"].number_format, "yyyy-mm")
        self.assertEqual(sheet["F5"].number_format, "0.0%")
        self.assertEqual(sheet["D5"].number_format, "0")

    def test_classification_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cs_helpdesk"], ["zh_CN"])
        sheet = self._book(
            "cs_helpdesk.complaint_classification_xlsx", self.tickets, "zh_CN"
        ).active
        self.assertEqual(sheet["A1"].value, "顾客投诉分类统计表")
        self.assertEqual(sheet["B4"].value, "原因类别")
        self.assertEqual(sheet["B5"].value, "设施/维修")

    def test_kpi_workbook_per_team_and_agent(self):
        book = self._book("cs_helpdesk.ticket_kpi_xlsx", self.tickets)
        self.assertEqual(book.sheetnames, ["By Team", "By Agent"])
        teams = book["By Team"]
        self.assertEqual(teams["A4"].value, "Team")
        self.assertEqual(teams["F4"].value, "First-Contact Resolution (%)")
        self.assertEqual(
            self._rows(teams),
            [
                # tickets, closed, open, ART, FCR %, in SLA %, resolution h,
                # reopen %; no response or no resolved ticket: blank, not 0
                ["A desk", 2, 2, 0, None, 0.5, 0.5, 6, 0.5],
                ["B desk", 2, 0, 2, 2, 0, 0, None, 0],
                ["Total", 4, 2, 2, 2, 0.5, 0.5, 6, 0.5],
            ],
        )
        agents = self._rows(book["By Agent"])
        self.assertEqual(
            agents,
            [
                ["CS Agent", 2, 2, 0, None, 0.5, 0.5, 6, 0.5],
                ["CS Supervisor", 1, 0, 1, 2, 0, 0, None, 0],
                ["Unassigned", 1, 0, 1, None, 0, 0, None, 0],
                ["Total", 4, 2, 2, 2, 0.5, 0.5, 6, 0.5],
            ],
        )

    def test_dashboard_figures(self):
        dashboard = self.env["cs.helpdesk.dashboard"].with_user(self.supervisor)
        self.t3.cs_sla_status = "breached"
        data = dashboard.get_data(365)
        totals = data["totals"]
        self.assertEqual(
            totals["tickets"],
            self.env["helpdesk.ticket"].search_count(
                [("create_date", ">=", data["since"])]
            ),
        )
        self.assertGreaterEqual(data["breached"], 1)
        team_a = next(t for t in data["teams"] if t["id"] == self.team_a.id)
        self.assertEqual(
            {k: team_a[k] for k in ("tickets", "closed", "fcr_rate", "sla_rate")},
            {"tickets": 2, "closed": 2, "fcr_rate": 50.0, "sla_rate": 50.0},
        )
        self.assertEqual(sum(a["count"] for a in data["ages"]), data["backlog"])
        with self.assertRaisesRegex(UserError, "period"):
            dashboard.get_data(12)

    def test_dashboard_follows_the_reader_rights(self):
        # a department member sees only what is dispatched to them
        employee = self.env["res.users"].create(
            {
                "name": "Plumber",
                "login": "cs_plumber",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        self.env["hr.employee"].create(
            {
                "name": "Plumber",
                "user_id": employee.id,
                "department_id": self.engineering.id,
            }
        )
        self.t1.cs_dispatch_department_id = self.engineering
        data = self.env["cs.helpdesk.dashboard"].with_user(employee).get_data(365)
        self.assertEqual(data["totals"]["tickets"], 1)
        self.assertEqual([t["id"] for t in data["teams"]], [self.team_a.id])

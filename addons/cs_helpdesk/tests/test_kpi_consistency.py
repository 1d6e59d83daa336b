# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 15 §5 and §6: one definition per ticket KPI, the same figure in
the pivot (read_group), the supervisor dashboard, the Excel workbook and the
API; open tickets have no resolution time (blank, not 0) anywhere; every
Excel table carries the header block and the print setup of a Chinese 表."""

import io
from datetime import datetime, timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase

# a week of 2020 no demo data reaches: the figures are the fixture's alone
DAY = datetime(2020, 3, 3, 1, 0)  # Tuesday 09:00 in Shanghai
FIGURES = ("tickets", "closed", "backlog", "art", "avg_resolution")
RATES = ("fcr_rate", "sla_rate", "reopen_rate")


@tagged("post_install", "-at_install")
class TestKpiConsistency(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        # no SLA applies: the SLA rate is 0 (its own tests are test_sla)
        cls.env["cs.sla.policy"].search([]).active = False
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.team_a = cls.env["helpdesk.ticket.team"].create({"name": "KPI A"})
        cls.team_b = cls.env["helpdesk.ticket.team"].create({"name": "KPI B"})
        Ticket = cls.env["helpdesk.ticket"]

        def ticket(name, team, registered, responded_after=None, closed_after=None):
            record = Ticket.create(
                {
                    "name": name,
                    "description": "<p>x</p>",
                    "cs_kind": "complaint",
                    "team_id": team.id,
                }
            )
            # registered in the past (create_date is the SQL clock)
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                (registered, record.id),
            )
            record.invalidate_recordset(["create_date"])
            record.cs_sla_start = registered
            if responded_after:
                record.cs_first_response_date = registered + responded_after
                record.cs_response_count = 1
            if closed_after:
                record.stage_id = cls.done
                record.closed_date = registered + closed_after
            return record

        # answered after one working hour, resolved in 10 h
        cls.t1 = ticket(
            "Lift", cls.team_a, DAY, timedelta(hours=1), timedelta(hours=10)
        )
        # resolved in 2 h without a response recorded (no ART), reopened
        cls.t2 = ticket("Lift again", cls.team_a, DAY, None, timedelta(hours=2))
        cls.t2.cs_reopen_count = 1
        # open: answered, not resolved — no resolution time
        cls.t3 = ticket(
            "Rude guard", cls.team_b, DAY + timedelta(days=1), timedelta(hours=3)
        )
        # open, not answered yet
        cls.t4 = ticket("Noise", cls.team_b, DAY + timedelta(days=1))
        cls.tickets = cls.t1 | cls.t2 | cls.t3 | cls.t4
        cls.domain = [("id", "in", cls.tickets.ids)]

    # -- the four readers ------------------------------------------------------------
    def _pivot(self, groupby):
        """What the pivot view asks the server: web read_group's measures."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.supervisor)
        groups = Ticket.read_group(
            self.domain,
            ["cs_response_hours:avg", "cs_resolution_hours:avg", "cs_closed_count:sum"],
            groupby,
            lazy=False,
        )
        return {(group[groupby[0]][0] if groupby else None): group for group in groups}

    def _dashboard(self, groupby):
        dashboard = self.env["cs.helpdesk.dashboard"].with_user(self.supervisor)
        return {
            (key[0].id if key else None): figures
            for key, figures in dashboard._cs_kpis(self.domain, groupby)
        }

    def _excel(self):
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            .with_context(lang="en_US", tz="Asia/Shanghai")
            ._render_xlsx("cs_helpdesk.ticket_kpi_xlsx", self.tickets.ids, None)
        )
        return load_workbook(io.BytesIO(content))

    def _api(self, group_by=False):
        return (
            self.env["cs.api"]
            .with_user(self.supervisor)
            .ticket_kpis("2020-03-01", "2020-03-31", group_by)
        )

    def test_the_same_figures_everywhere(self):
        responses = [t.cs_response_hours for t in (self.t1, self.t3)]
        self.assertTrue(all(responses))
        expected_art = round(sum(responses) / 2, 2)
        # the old pivot averaged over every ticket: not the same figure
        self.assertNotEqual(expected_art, round(sum(responses) / 4, 2))
        expected = {
            "tickets": 4,
            "closed": 2,
            "backlog": 2,
            "art": expected_art,
            "avg_resolution": 6.0,  # (10 + 2) / 2: the open ones do not count
            "fcr_rate": 50.0,
            "sla_rate": 0.0,
            "reopen_rate": 50.0,
        }
        # dashboard
        dashboard = self._dashboard([])[None]
        self.assertEqual({k: dashboard[k] for k in expected}, expected)
        # pivot
        pivot = self._pivot([])[None]
        self.assertEqual(round(pivot["cs_response_hours"], 2), expected_art)
        self.assertEqual(round(pivot["cs_resolution_hours"], 2), 6.0)
        self.assertEqual(pivot["cs_closed_count"], 2)
        # API
        api = self._api()
        self.assertEqual({k: api["totals"][k] for k in expected}, expected)
        # Excel: the totals row of each sheet, percentages as fractions
        book = self._excel()
        for sheet in book.worksheets:
            rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
            total = rows[-1]
            self.assertEqual(total[0], "Total")
            self.assertEqual(
                total[1:],
                [4, 2, 2, expected_art, 0.5, 0, 6, 0.5],
                sheet.title,
            )

    def test_per_team_and_blank_when_no_ticket_has_the_time(self):
        pivot = self._pivot(["team_id"])
        dashboard = self._dashboard(["team_id"])
        api = {group["id"]: group for group in self._api("team_id")["groups"]}
        sheet = self._excel()["By Team"]
        excel = {
            row[0]: row
            for row in ([c.value for c in r] for r in sheet.iter_rows(min_row=5))
        }
        # team B: nothing resolved. The pivot's cell is empty (False), the
        # dashboard and the API say False, the Excel cell is blank: never 0
        team_b = self.team_b.id
        self.assertIs(pivot[team_b]["cs_resolution_hours"], False)
        self.assertIs(dashboard[team_b]["avg_resolution"], False)
        self.assertIs(api[team_b]["avg_resolution"], False)
        self.assertIsNone(excel["KPI B"][7])
        self.assertEqual(excel["KPI B"][4], dashboard[team_b]["art"])
        # team A: nobody answered t2, only t1 counts for ART
        team_a = self.team_a.id
        self.assertEqual(dashboard[team_a]["art"], round(self.t1.cs_response_hours, 2))
        for team, name in ((team_a, "KPI A"), (team_b, "KPI B")):
            with self.subTest(team=name):
                pivot_art = pivot[team]["cs_response_hours"]
                self.assertEqual(round(pivot_art, 2), dashboard[team]["art"])
                self.assertEqual(
                    {k: api[team][k] for k in FIGURES + RATES},
                    {k: dashboard[team][k] for k in FIGURES + RATES},
                )
                figures = dashboard[team]

                def blank(value):
                    return None if value is False else value

                self.assertEqual(
                    excel[name][1:9],
                    [
                        figures["tickets"],
                        figures["closed"],
                        figures["backlog"],
                        blank(figures["art"]),
                        figures["fcr_rate"] / 100,
                        figures["sla_rate"] / 100,
                        blank(figures["avg_resolution"]),
                        figures["reopen_rate"] / 100,
                    ],
                )

    def test_dashboard_period_matches_the_pivot(self):
        with freeze_time(DAY + timedelta(days=10)):
            data = self.env["cs.helpdesk.dashboard"].with_user(self.supervisor)
            data = data.get_data(30)
        Ticket = self.env["helpdesk.ticket"].with_user(self.supervisor)
        [group] = Ticket.read_group(
            [("create_date", ">=", data["since"])],
            ["cs_response_hours:avg", "cs_resolution_hours:avg"],
            [],
        )
        self.assertEqual(data["totals"]["art"], round(group["cs_response_hours"], 2))
        self.assertEqual(
            data["totals"]["avg_resolution"], round(group["cs_resolution_hours"], 2)
        )

    def test_open_complaint_has_no_resolution_time(self):
        self.assertEqual(
            self.t3._cs_kpi_values(),
            {
                "response_hours": round(self.t3.cs_response_hours, 2),
                "resolution_hours": False,
                "fcr": False,
                "reopen_count": 0,
            },
        )
        self.assertFalse(self.t3.cs_resolved_date)
        self.assertEqual(self.t1.cs_resolved_date, self.t1.closed_date)
        # reopened: no longer resolved, no resolution time
        self.t1.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        self.assertFalse(self.t1.cs_resolved_date)
        self.assertIs(self.t1._cs_kpi_values()["resolution_hours"], False)
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.supervisor)
            .with_context(lang="en_US")
            ._render_xlsx(
                "cs_helpdesk.complaint_register_xlsx", (self.t2 | self.t3).ids, None
            )
        )
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
        self.assertEqual(rows[0][0], self.t2.number)
        self.assertAlmostEqual(rows[0][14], 2.0, places=2)
        self.assertEqual(rows[1][0], self.t3.number)
        self.assertEqual((rows[1][13], rows[1][14]), (None, None))
        # the totals row: two complaints, the average over the resolved one
        self.assertEqual(rows[2][0], "Total: 2")
        self.assertAlmostEqual(rows[2][14], 2.0, places=2)

    def test_api_checks_its_caller_and_input(self):
        with self.assertRaises(AccessError):
            self.env["cs.api"].with_user(self.agent).ticket_kpis(
                "2020-03-01", "2020-03-31"
            )
        Api = self.env["cs.api"].with_user(self.supervisor)
        for args in (
            ("2020-3-1x", "2020-03-31"),
            ("2020-03-31", "2020-03-01"),
            ("2020-01-01", "2021-06-01"),
            ("2020-03-01", "2020-03-31", "stage_id"),
        ):
            with self.subTest(args=args), self.assertRaises(ValidationError):
                Api.ticket_kpis(*args)

    # -- §6 the printed 表 ---------------------------------------------------------
    def test_header_block_and_print_setup(self):
        today = fields.Date.to_string(
            fields.Datetime.context_timestamp(
                self.env["res.users"].with_context(tz="Asia/Shanghai"),
                fields.Datetime.now(),
            ).date()
        )
        book = self._excel()
        for sheet in book.worksheets:
            with self.subTest(sheet=sheet.title):
                self.assertIn(
                    sheet["A1"].value, ("Ticket KPIs by Team", "Ticket KPIs by Agent")
                )
                self.assertIn("A1:I1", [str(r) for r in sheet.merged_cells.ranges])
                self.assertEqual(
                    sheet["A2"].value,
                    "Statistics Period: 2020-03-03 to 2020-03-04",
                )
                self.assertEqual(
                    sheet["E2"].value, f"Issuing Unit: {self.env.company.name}"
                )
                self.assertEqual(sheet["A3"].value, "Prepared by: CS Supervisor")
                self.assertEqual(sheet["E3"].value, f"Prepared on: {today}")
                self.assertEqual(sheet.page_setup.orientation, "landscape")
                self.assertEqual(str(sheet.page_setup.paperSize), "9")
                self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)
                # one page wide (absent = 1, ECMA-376), any number of pages down
                self.assertIn(sheet.page_setup.fitToWidth, (None, 1))
                self.assertEqual(sheet.page_setup.fitToHeight, 0)
                self.assertEqual(sheet.print_title_rows, "$4:$4")
                self.assertEqual(sheet.oddFooter.center.text, "Page &P of &N")
                self.assertEqual(sheet.freeze_panes, "A5")
                # counts as integers, percentages as percentages, hours as hours
                self.assertEqual(sheet["B5"].number_format, "0")
                self.assertEqual(sheet["F5"].number_format, "0.0%")
                self.assertEqual(sheet["E5"].number_format, "#,##0.00")
                total = sheet.max_row
                self.assertTrue(sheet.cell(total, 1).font.b)
                self.assertEqual(sheet.cell(total, 6).number_format, "0.0%")

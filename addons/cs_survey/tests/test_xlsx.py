# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""《满意度调查统计表》 opened with openpyxl and checked cell by cell."""

import io
from datetime import datetime, timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import tagged

from .common import T0, CsSurveyCase


@tagged("post_install", "-at_install")
class TestStatisticsXlsx(CsSurveyCase):
    def _book(self, user, date_from, date_to):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="en_US", tz="UTC")
            ._render_xlsx(
                "cs_survey.survey_statistics_xlsx",
                [],
                {"date_from": date_from, "date_to": date_to},
            )
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    def _rows(self, sheet):
        return [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]

    def test_cell_by_cell(self):
        self._some_answers()
        # the Billing follow-up (CSAT 1 on March 2nd) answered 5 hours later
        billing = self.env["survey.user_input"].search(
            [("cs_team_id", "=", self.other_team.id), ("cs_is_detractor", "=", True)]
        )
        with freeze_time(T0 + timedelta(hours=5)):
            billing.cs_followup_ticket_id.with_user(self.manager).message_post(
                body="We are sorry: a technician comes tomorrow.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        book = self._book(self.manager, "2026-03-01", "2026-04-30")
        self.assertEqual(
            book.sheetnames, ["Summary", "By Team", "By Agent", "Comments"]
        )
        summary = book["Summary"]
        self.assertEqual(
            summary["A1"].value,
            "Satisfaction Survey Statistics 2026-03-01 – 2026-04-30",
        )
        self.assertEqual(
            [c.value for c in summary[4]],
            [
                "Period",
                "Invited",
                "Answered",
                "Response Rate (%)",
                "CSAT Answers",
                "CSAT (%)",
                "NPS Answers",
                "Promoters",
                "Passives",
                "Detractors",
                "NPS",
                "CES Answers",
                "CES (1-7)",
                "Follow-ups Open",
                "Follow-ups Closed",
                "Median Hours to Follow-up",
            ],
        )
        self.assertEqual(
            self._rows(summary),
            [
                [
                    "2026-03-01 – 2026-04-30",
                    12,
                    11,
                    0.917,
                    5,
                    0.4,
                    4,
                    2,
                    1,
                    1,
                    25,
                    2,
                    4.5,
                    3,
                    0,
                    5,
                ]
            ],
        )
        self.assertEqual(
            self._rows(book["By Team"]),
            [
                ["Billing", 3, 3, 1, 1, 0, 0, 0, 0, 0, 0, 2, 4.5, 1, 0, 5],
                ["Repairs", 9, 8, 0.889, 4, 0.5, 4, 2, 1, 1, 25, 0, 0, 2, 0, None],
                # the whole desk, as on the Summary sheet
                ["Total", 12, 11, 0.917, 5, 0.4, 4, 2, 1, 1, 25, 2, 4.5, 3, 0, 5],
            ],
        )
        self.assertEqual(
            self._rows(book["By Agent"]),
            [
                ["Agent Two", 3, 3, 1, 1, 0, 0, 0, 0, 0, 0, 2, 4.5, 1, 0, 5],
                ["CS Agent", 9, 8, 0.889, 4, 0.5, 4, 2, 1, 1, 25, 0, 0, 2, 0, None],
                ["Total", 12, 11, 0.917, 5, 0.4, 4, 2, 1, 1, 25, 2, 4.5, 3, 0, 5],
            ],
        )
        self.assertEqual(self._rows(book["Comments"]), [["Total: 0"] + [None] * 7])

    def test_comments_and_period(self):
        ticket = self._ticket()
        self._response(self.csat, 4, "Friendly technician", about=ticket)
        self._response(
            self.nps,
            2,
            "Too slow",
            partner=self.customer2,
            when=T0 + timedelta(days=40),
        )
        book = self._book(self.manager, "2026-03-01", "2026-03-31")
        self.assertEqual(
            self._rows(book["Comments"]),
            [
                [
                    datetime(2026, 3, 2, 9, 0),
                    "Customer Satisfaction (CSAT)",
                    4,
                    "Repairs",
                    "CS Agent",
                    "Wang Fang",
                    ticket.number,
                    "Friendly technician",
                ],
                ["Total: 1"] + [None] * 7,
            ],
        )
        self.assertEqual(self._rows(book["Summary"])[0][1:3], [1, 1])

    def test_supervisor_sees_their_teams(self):
        self._some_answers()
        book = self._book(self.supervisor, "2026-03-01", "2026-04-30")
        self.assertEqual(
            [r[0] for r in self._rows(book["By Team"])], ["Repairs", "Total"]
        )
        self.assertEqual(self._rows(book["Summary"])[0][1], 9)

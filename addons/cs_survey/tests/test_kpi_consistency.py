# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 15 §5: the satisfaction figures are one definition (the rows of
cs.survey.report), the same in the pivot, the dashboard, the Excel workbook
and the API."""

import io
from datetime import timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import tagged

from .common import T0, CsSurveyCase


@tagged("post_install", "-at_install")
class TestSurveyKpiConsistency(CsSurveyCase):
    def test_csat_nps_ces_agree_everywhere(self):
        self._some_answers()
        domain = [("date", ">=", T0 - timedelta(days=1))]
        Report = self.env["cs.survey.report"].with_user(self.manager)
        # pivot: the measures of the pivot view, averaged per response
        [pivot] = Report.read_group(
            domain, ["csat_value:avg", "nps_value:avg", "ces_value:avg"], []
        )
        [(_key, table)] = Report._cs_table(domain)
        expected = (
            table["csat"]["score"],
            table["nps"]["score"],
            table["ces"]["score"],
        )
        # the fixture has every metric, and not all answers agree
        self.assertTrue(all(table[m]["n"] for m in ("csat", "nps", "ces")))
        self.assertEqual(
            (
                round(pivot["csat_value"], 1),
                round(pivot["nps_value"], 1),
                round(pivot["ces_value"], 1),
            ),
            expected,
        )
        # dashboard: the period of the last year, frozen after the fixture
        with freeze_time(T0 + timedelta(days=60)):
            survey = (
                self.env["cs.helpdesk.dashboard"]
                .with_user(self.manager)
                .get_data(365)["survey"]
            )
        self.assertEqual(
            (survey["csat"]["score"], survey["nps"]["score"], survey["ces"]["score"]),
            expected,
        )
        # API
        api = (
            self.env["cs.api"]
            .with_user(self.manager)
            .survey_results({"date_from": "2026-03-01", "date_to": "2026-04-30"})
        )
        self.assertEqual(
            (api["csat"]["score"], api["nps"]["score"], api["ces"]["score"]), expected
        )
        # Excel: the Summary row; CSAT as a percentage (a fraction in the cell)
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(lang="en_US")
            ._render_xlsx(
                "cs_survey.survey_statistics_xlsx",
                [],
                {"date_from": "2026-03-01", "date_to": "2026-04-30"},
            )
        )
        summary = load_workbook(io.BytesIO(content))["Summary"]
        self.assertEqual(summary["F5"].number_format, "0.0%")
        self.assertEqual(
            (
                round(summary["F5"].value * 100, 1),
                summary["K5"].value,
                summary["M5"].value,
            ),
            expected,
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import T0, CsSurveyCase


@tagged("post_install", "-at_install")
class TestDashboardCsatTrend(CsSurveyCase):
    def test_csat_trend_per_week(self):
        """Issue 15 §8: the dashboard charts the CSAT % per week over 90 days,
        the figure of the survey statistics, blank where nobody answered."""
        self._some_answers()
        with freeze_time(T0 + timedelta(days=45)):
            charts = (
                self.env["cs.helpdesk.dashboard"]
                .with_user(self.supervisor)
                .get_chart_data(90)
            )
        self.assertEqual(charts["granularity"], "week")
        (csat,) = charts["csat"]
        self.assertEqual(len(csat["data"]), len(charts["buckets"]))
        by_week = dict(zip(charts["buckets"], csat["data"], strict=True))

        def week_of(day):  # weeks start on the language's first day
            return max(b for b in charts["buckets"] if b <= day)

        # the supervisor's team: CSAT 5 and 4 the day of T0, 2 and 3 a month later
        self.assertEqual(by_week[week_of("2026-03-02")], 100.0)
        self.assertEqual(by_week[week_of("2026-04-02")], 0.0)
        answered = [v for v in csat["data"] if v is not None]
        self.assertEqual(answered, [100.0, 0.0])

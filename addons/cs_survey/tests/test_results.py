# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import T0, CsSurveyCase

# the fixture's answers are in March and April 2026: other answers in the
# database (demo data, other tests' committed data) stay out of the figures
PERIOD = {"date_from": "2026-03-01", "date_to": "2026-04-30"}


@tagged("post_install", "-at_install")
class TestSurveyResults(CsSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.api = cls.env["cs.api"]

    def test_empty(self):
        result = self.api.survey_results(
            {"date_from": "2001-01-01", "date_to": "2001-12-31"}
        )
        self.assertEqual(
            result,
            {
                "invited": 0,
                "answered": 0,
                "response_rate": 0.0,
                "csat": {"n": 0, "score": 0.0},
                "nps": {
                    "n": 0,
                    "score": 0.0,
                    "promoters": 0,
                    "passives": 0,
                    "detractors": 0,
                },
                "ces": {"n": 0, "score": 0.0},
                "followups": {"open": 0, "closed": 0, "median_hours": 0.0},
                "groups": [],
            },
        )

    def test_figures_and_groups(self):
        self._some_answers()
        result = self.api.survey_results(
            {"date_from": "2026-03-01", "date_to": "2026-04-30", "group_by": "team"}
        )
        self.assertEqual(result["invited"], 12)
        self.assertEqual(result["answered"], 11)
        self.assertEqual(result["response_rate"], 91.7)
        # CSAT 5, 4, 2, 3, 1: two of five satisfied
        self.assertEqual(result["csat"], {"n": 5, "score": 40.0})
        # NPS 10, 9, 7, 3: (2 - 1) / 4
        self.assertEqual(
            result["nps"],
            {"n": 4, "score": 25.0, "promoters": 2, "passives": 1, "detractors": 1},
        )
        self.assertEqual(result["ces"], {"n": 2, "score": 4.5})
        by_team = {g["label"]: g for g in result["groups"]}
        self.assertEqual(set(by_team), {"Repairs", "Billing"})
        repairs = by_team["Repairs"]
        self.assertEqual(repairs["key"], self.team.id)
        self.assertEqual(repairs["invited"], 9)
        self.assertEqual(repairs["csat"], {"n": 4, "score": 50.0})
        self.assertEqual(repairs["nps"]["score"], 25.0)
        self.assertEqual(by_team["Billing"]["csat"], {"n": 1, "score": 0.0})
        self.assertEqual(by_team["Billing"]["ces"], {"n": 2, "score": 4.5})

    def test_filters(self):
        self._some_answers()
        april = self.api.survey_results(
            {"date_from": "2026-04-01", "date_to": "2026-04-30", "metric": "csat"}
        )
        self.assertEqual(april["csat"], {"n": 2, "score": 0.0})
        self.assertEqual(april["nps"]["n"], 0)
        agent2 = self.api.survey_results(dict(PERIOD, agent_id=self.agent2.id))
        self.assertEqual(agent2["answered"], 3)
        months = self.api.survey_results(dict(PERIOD, group_by="month", metric="nps"))
        self.assertEqual(
            [(g["key"], g["nps"]["score"]) for g in months["groups"]],
            [("2026-03", 100.0), ("2026-04", -50.0)],
        )

    def test_median_hours_to_the_first_followup(self):
        """Three dissatisfied answers followed up after 2, 5 and 30 hours,
        one still waiting: the median is 5 h (an average would say 12.3),
        per team and in total; a closed follow-up counts as closed."""
        mine = self._ticket(user=self.agent)
        theirs = self._ticket(team=self.other_team, user=self.agent2)
        followups = []
        for n, (ticket, hours) in enumerate(
            [(mine, 2), (mine, 30), (theirs, 5), (mine, None)]
        ):
            when = T0 + timedelta(days=n)
            answer = self._response(self.csat, 1, about=ticket, when=when)
            followup = answer.cs_followup_ticket_id
            self.assertTrue(followup)
            if hours is not None:
                followup.cs_first_response_date = when + timedelta(hours=hours)
            followups.append(followup)
        followups[2].cs_survey_closing_note = "Called back, fixed the door."
        followups[2].stage_id = self.done_stage
        result = self.api.survey_results(dict(PERIOD, group_by="team"))
        self.assertEqual(
            result["followups"], {"open": 3, "closed": 1, "median_hours": 5.0}
        )
        by_team = {g["label"]: g["followups"] for g in result["groups"]}
        self.assertEqual(
            by_team["Repairs"], {"open": 3, "closed": 0, "median_hours": 16.0}
        )
        self.assertEqual(
            by_team["Billing"], {"open": 0, "closed": 1, "median_hours": 5.0}
        )
        months = self.api.survey_results(dict(PERIOD, group_by="month"))
        self.assertEqual(
            [(g["key"], g["followups"]["median_hours"]) for g in months["groups"]],
            [("2026-03", 5.0)],
        )
        # the same median in the statistics (dashboard card, Excel)
        rows = dict(
            self.env["cs.survey.report"]._cs_table(
                [("date", ">=", T0), ("date", "<", T0 + timedelta(days=10))],
                "team_id",
            )
        )
        self.assertEqual(rows[self.team]["followup_median_hours"], 16.0)
        self.assertEqual(rows[self.other_team]["followup_median_hours"], 5.0)

    def test_bad_filters_name_the_key(self):
        for filters, key in [
            ({"colour": "red"}, "colour"),
            ({"date_from": "03/01/2026"}, "date_from"),
            ({"date_to": 20260301}, "date_to"),
            ({"metric": "ces2"}, "metric"),
            ({"team_id": "Repairs"}, "team_id"),
            ({"agent_id": True}, "agent_id"),
            ({"group_by": "customer"}, "group_by"),
            ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, "date_from"),
        ]:
            with self.subTest(key=key), self.assertRaisesRegex(ValidationError, key):
                self.api.survey_results(filters)
        with self.assertRaisesRegex(ValidationError, "filters"):
            self.api.survey_results(["team"])

    def test_integration_gets_aggregates_only(self):
        self._some_answers()
        api = self.api.with_user(self.integration)
        result = api.survey_results(dict(PERIOD, group_by="agent"))
        self.assertEqual(result["answered"], 11)
        self.assertNotIn("Wang Fang", repr(result))
        for model in (
            "survey.user_input",
            "survey.user_input.line",
            "cs.survey.report",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.integration).search([])
        with self.assertRaises(AccessError):
            self.api.with_user(self.fee_officer).survey_results({})

    def test_record_rules(self):
        self._some_answers()
        Answer = self.env["survey.user_input"]
        mine = Answer.with_user(self.agent).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.cs_agent_id, self.agent)
        self.assertEqual(len(Answer.with_user(self.agent2).search([])), 3)
        # the supervisor of Repairs sees Repairs, not Billing
        seen = Answer.with_user(self.supervisor).search([])
        self.assertEqual(seen.cs_team_id, self.team)
        everything = Answer.with_user(self.manager).search(
            [("cs_team_id", "in", (self.team | self.other_team).ids)]
        )
        self.assertEqual(len(everything), 12)
        # the figures an agent asks for are their own
        own = self.api.with_user(self.agent2).survey_results(PERIOD)
        self.assertEqual(own["answered"], 3)
        lines = self.env["survey.user_input.line"].with_user(self.agent2).search([])
        self.assertEqual(lines.user_input_id.cs_agent_id, self.agent2)

    def test_dashboard_card(self):
        self._some_answers()
        with freeze_time(T0 + timedelta(days=45)):
            data = (
                self.env["cs.helpdesk.dashboard"]
                .with_user(self.supervisor)
                .get_data(90)
            )
        survey = data["survey"]
        # the supervisor of Repairs: their team's answers only
        self.assertEqual(survey["invited"], 9)
        self.assertEqual(survey["csat"], {"n": 4, "score": 50.0})
        self.assertEqual(survey["nps"]["score"], 25.0)
        self.assertEqual(survey["followup_open"], 2)

    def test_dashboard_without_statistics_rights(self):
        # employees outside the service roles may read the dashboard (their
        # dispatched tickets): no satisfaction figures for them
        employee = self.env["res.users"].create(
            {
                "name": "Plumber",
                "login": "cs_survey_plumber",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        with freeze_time(T0):
            data = self.env["cs.helpdesk.dashboard"].with_user(employee).get_data(30)
        self.assertEqual(data["survey"], {})

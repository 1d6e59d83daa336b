# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import T0, CsSurveyCase


@tagged("post_install", "-at_install")
class TestClosedLoop(CsSurveyCase):
    def test_scores_are_stored_when_done(self):
        ticket = self._ticket()
        answer = self._response(self.csat, 5, "Quick and polite", about=ticket)
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.cs_metric, "csat")
        self.assertEqual(answer.cs_score, 5)
        self.assertEqual(answer.cs_sentiment, "promoter")
        self.assertFalse(answer.cs_is_detractor)
        self.assertEqual(answer.cs_comment, "Quick and polite")
        self.assertEqual(answer.cs_invitation_id.state, "answered")
        self.assertFalse(answer.cs_followup_ticket_id)

    def test_detractor_opens_a_followup_with_48h_target(self):
        ticket = self._ticket()
        when = T0 + timedelta(days=2)
        answer = self._response(self.csat, 2, "Nobody came", about=ticket, when=when)
        followup = answer.cs_followup_ticket_id
        self.assertTrue(answer.cs_is_detractor)
        self.assertTrue(followup)
        self.assertEqual(followup.cs_kind, "complaint")
        self.assertEqual(
            followup.channel_id,
            self.env.ref("cs_survey.helpdesk_ticket_channel_survey"),
        )
        self.assertEqual(followup.team_id, self.team)
        self.assertEqual(followup.user_id, self.supervisor)
        self.assertEqual(followup.partner_id, self.customer)
        self.assertEqual(followup.cs_survey_response_id, answer)
        self.assertIn("Nobody came", followup.description)
        self.assertIn("How satisfied", followup.description)
        self.assertEqual(
            followup.cs_sla_policy_id,
            self.env.ref("cs_survey.cs_sla_policy_survey_followup"),
        )
        # 48 clock hours, nights and the weekend included
        self.assertAlmostEqual(
            followup.cs_sla_response_deadline,
            when + timedelta(hours=48),
            delta=timedelta(seconds=1),
        )
        self.assertEqual(answer.cs_followup_stage_id, followup.stage_id)

    def test_nps_and_ces_thresholds(self):
        for survey, score, detractor in [
            (self.nps, 6, True),
            (self.nps, 7, False),
            (self.ces, 2, True),
            (self.ces, 3, False),
            (self.csat, 3, False),
        ]:
            with self.subTest(survey=survey.title, score=score):
                answer = self._response(survey, score, partner=self.customer2)
                self.assertEqual(answer.cs_is_detractor, detractor)
                self.assertEqual(bool(answer.cs_followup_ticket_id), detractor)

    def test_threshold_per_template(self):
        self.csat.cs_detractor_max = 3
        answer = self._response(self.csat, 3)
        self.assertTrue(answer.cs_followup_ticket_id)
        with self.assertRaises(ValidationError):
            self.csat.cs_promoter_min = 3

    def test_detractor_without_ticket_goes_to_the_complaint_team(self):
        self.env.company.cs_complaint_team_id = self.other_team
        answer = self._response(self.nps, 1, "Terrible")
        self.assertEqual(answer.cs_followup_ticket_id.team_id, self.other_team)

    def test_followup_cannot_close_without_note(self):
        answer = self._response(self.csat, 1, "Rude")
        followup = answer.cs_followup_ticket_id.with_user(self.supervisor)
        with self.assertRaisesRegex(UserError, "closing note"):
            followup.stage_id = self.done_stage
        with freeze_time(T0 + timedelta(days=1)):
            followup.write(
                {
                    "cs_survey_closing_note": "Called back, apologised, refunded",
                    "stage_id": self.done_stage.id,
                }
            )
        self.assertTrue(followup.stage_id.closed)
        # follow-up tickets never trigger a survey themselves
        self.assertFalse(followup.cs_survey_invitation_ids)

    def test_passive_with_comment_asks_the_team_leader(self):
        ticket = self._ticket()
        answer = self._response(self.csat, 3, "Took a while", about=ticket)
        self.assertFalse(answer.cs_followup_ticket_id)
        activity = ticket.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertIn("Took a while", activity.note)
        # without a comment: nothing
        other = self._ticket(partner=self.customer2)
        self._response(self.csat, 3, about=other)
        self.assertFalse(other.activity_ids)

    def test_interviewer_is_not_the_rated_agent(self):
        ticket = self._ticket(user=self.agent)
        campaign = self.env["cs.callback.campaign"].create(
            {"name": "After repairs", "user_id": self.supervisor.id}
        )
        task = self.env["cs.callback.task"].create(
            {
                "campaign_id": campaign.id,
                "company_id": self.env.company.id,
                "partner_id": self.customer.id,
                "phone": self.customer.phone,
                "target_key": "t1",
                "due_date": T0,
                "user_id": self.agent.id,
                "source_ref": f"helpdesk.ticket,{ticket.id}",
            }
        )
        with self.assertRaisesRegex(UserError, "another agent"):
            task.with_user(self.agent).action_cs_survey_interview()
        task.user_id = self.agent2
        with freeze_time(T0):
            action = task.with_user(self.agent2).action_cs_survey_interview()
        answer = task.cs_survey_response_ids
        self.assertEqual(action["url"], answer.get_start_url())
        self.assertEqual(answer.cs_channel, "phone")
        self.assertEqual(answer.cs_interviewer_id, self.agent2)
        self.assertEqual(answer.cs_agent_id, self.agent)
        self.assertEqual(answer.cs_ticket_id, ticket)
        # the same task opens the same response again
        task.with_user(self.agent2).action_cs_survey_interview()
        self.assertEqual(task.cs_survey_response_ids, answer)
        # and the database refuses an interview by the rated agent
        with self.assertRaises(ValidationError):
            answer.cs_interviewer_id = self.agent

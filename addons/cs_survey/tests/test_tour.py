# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestSurveyTours(HttpCase, CsRolesCase):
    """The role users are CsRolesCase's: the supervisor handled the ticket
    (the agent rated), the agent asks the survey by phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rated = cls.supervisor
        cls.interviewer = cls.agent
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Repairs", "user_ids": [(6, 0, cls.rated.ids)]}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "email": "tour@example.com",
                "phone": "13900007777",
            }
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Broken lift",
                "description": "<p>Stuck on 3</p>",
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
                "user_id": cls.rated.id,
            }
        )

    def test_customer_answers_csat_from_the_link(self):
        now = fields.Datetime.now()
        invitation = self.env["cs.survey.invitation"]._cs_schedule(
            [
                {
                    "key": "tour",
                    "survey": self.env.ref("cs_survey.survey_csat"),
                    "partner": self.customer,
                    "channel": "email",
                    "scheduled_date": now - timedelta(hours=1),
                    "about": self.ticket,
                    "trigger": "ticket_closed",
                }
            ]
        )
        invitation._cs_send()
        answer = invitation.user_input_id
        self.start_tour(answer.get_start_url(), "cs_survey_customer_answers_csat")
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.cs_score, 2)
        self.assertEqual(answer.cs_comment, "The technician never came back.")
        self.assertEqual(invitation.state, "answered")
        followup = answer.cs_followup_ticket_id
        self.assertEqual(followup.team_id, self.team)
        self.assertEqual(followup.cs_kind, "complaint")

    def test_agent_does_a_phone_survey_from_a_callback(self):
        campaign = self.env["cs.callback.campaign"].create({"name": "After repairs"})
        task = self.env["cs.callback.task"].create(
            {
                "campaign_id": campaign.id,
                "company_id": self.env.company.id,
                "partner_id": self.customer.id,
                "phone": self.customer.phone,
                "target_key": "tour",
                "due_date": fields.Datetime.now(),
                "user_id": self.interviewer.id,
                "source_ref": f"helpdesk.ticket,{self.ticket.id}",
            }
        )
        self.start_tour(
            f"/odoo/action-cs_callcenter.cs_callback_task_action/{task.id}",
            "cs_survey_agent_phone_survey",
            login=self.interviewer.login,
        )
        answer = task.cs_survey_response_ids
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.cs_score, 5)
        self.assertEqual(answer.cs_channel, "phone")
        self.assertEqual(answer.cs_interviewer_id, self.interviewer)
        self.assertEqual(answer.cs_agent_id, self.rated)
        self.assertEqual(answer.partner_id, self.customer)

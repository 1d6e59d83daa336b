# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import contact_by_visit

from .common import T0, CsSurveyCase


@tagged("post_install", "-at_install")
class TestInvitation(CsSurveyCase):
    def test_closing_schedules_csat_24h_later(self):
        ticket = self._ticket()
        invitation = self._close(ticket, T0)
        self.assertEqual(invitation.state, "scheduled")
        self.assertEqual(invitation.survey_id, self.csat)
        self.assertEqual(invitation.scheduled_date, T0 + timedelta(hours=24))
        self.assertEqual(invitation.partner_id, self.customer)
        self.assertEqual(invitation.cs_agent_id, self.agent)
        self.assertEqual(invitation.cs_team_id, self.team)
        self.assertEqual(invitation.channel, "email")

    def test_cron_sends_what_is_due_once(self):
        invitation = self._close(self._ticket(), T0)
        # not due yet
        self.Invitation._cron_cs_survey(now=T0 + timedelta(hours=23))
        self.assertEqual(invitation.state, "scheduled")
        with freeze_time(T0 + timedelta(hours=25)):
            self.Invitation._cron_cs_survey()
            self.Invitation._cron_cs_survey()  # idempotent
        self.assertEqual(invitation.state, "sent")
        answer = invitation.user_input_id
        self.assertEqual(len(answer), 1)
        self.assertEqual(
            self.env["survey.user_input"].search_count(
                [("cs_invitation_id", "=", invitation.id)]
            ),
            1,
        )
        self.assertEqual(answer.cs_ticket_id, invitation.cs_ticket_id)
        self.assertEqual(answer.cs_agent_id, self.agent)
        self.assertEqual(answer.cs_channel, "email")
        self.assertEqual(answer.deadline, T0 + timedelta(hours=25, days=7))
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", answer.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(answer.access_token, mail.body_html)
        self.assertIn(answer.access_token, invitation.survey_url)

    def test_expiry(self):
        invitation = self._close(self._ticket(), T0)
        self._send(invitation, T0 + timedelta(days=1))
        self.Invitation._cron_cs_survey(now=T0 + timedelta(days=7, hours=23))
        self.assertEqual(invitation.state, "sent")
        self.Invitation._cron_cs_survey(now=T0 + timedelta(days=8, minutes=1))
        self.assertEqual(invitation.state, "expired")

    def test_throttle_by_partner(self):
        first = self._close(self._ticket(), T0)
        second = self._close(self._ticket(), T0 + timedelta(days=10))
        self.assertEqual(first.state, "scheduled")
        self.assertEqual(second.state, "skipped")
        self.assertEqual(second.skip_reason, "surveyed on 2026-03-03")
        # 30 days after the first invitation the customer may be asked again
        third = self._close(self._ticket(), T0 + timedelta(days=30))
        self.assertEqual(third.state, "scheduled")

    def test_throttle_by_phone_of_a_caller_without_contact(self):
        specs = [
            {
                "key": f"phone:{n}",
                "survey": self.csat,
                "phone": number,
                "channel": "sms",
                "scheduled_date": T0 + timedelta(days=n),
                "trigger": "callback_done",
            }
            for n, number in enumerate(
                ["139 0000 3333", "+86 139-0000-3333", "13900004444"]
            )
        ]
        first, second, other = self.Invitation._cs_schedule(specs)
        self.assertEqual(first.identity, "phone:+8613900003333")
        self.assertEqual(first.state, "scheduled")
        self.assertEqual(second.state, "skipped")
        self.assertEqual(other.state, "scheduled")
        self.assertFalse(first.partner_id)

    def test_throttle_across_triggers(self):
        self._close(self._ticket(), T0)
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
            }
        )
        self.env["cs.survey.rule"].create(
            {
                "name": "NPS after callbacks",
                "trigger": "callback_done",
                "survey_id": self.nps.id,
                "delay_hours": 1,
            }
        )
        contact_by_visit(task)
        with freeze_time(T0 + timedelta(days=3)):
            task.satisfaction = "4"
            task.action_satisfied()
        invitation = task.cs_survey_invitation_ids
        self.assertEqual(invitation.survey_id, self.nps)
        self.assertEqual(invitation.state, "skipped")
        self.assertTrue(invitation.skip_reason.startswith("surveyed on"))

    def test_rule_override_of_the_period(self):
        self.rule.throttle_days = 7
        self._close(self._ticket(), T0)
        again = self._close(self._ticket(), T0 + timedelta(days=8))
        self.assertEqual(again.state, "scheduled")

    def test_do_not_survey(self):
        self.customer.cs_do_not_survey = True
        invitation = self._close(self._ticket(), T0)
        self.assertEqual(invitation.state, "skipped")
        self.assertEqual(invitation.skip_reason, "do not survey")

    def test_reopen_cancels_and_closing_again_invites_again(self):
        ticket = self._ticket()
        first = self._close(ticket, T0)
        self._send(first, T0 + timedelta(days=1))
        with freeze_time(T0 + timedelta(days=2)):
            ticket.stage_id = self.new_stage
        self.assertEqual(first.state, "cancelled")
        self.assertEqual(first.user_input_id.deadline, T0 + timedelta(days=2))
        # the cancelled invitation does not count: closing again asks again
        second = self._close(ticket, T0 + timedelta(days=3))
        self.assertNotEqual(second, first)
        self.assertEqual(second.state, "scheduled")

    def test_one_invitation_per_resolution(self):
        ticket = self._ticket()
        self._close(ticket, T0)
        self.Invitation._cs_invite_tickets(ticket)
        self.assertEqual(len(ticket.cs_survey_invitation_ids), 1)

    def test_rule_per_team_and_kind(self):
        self.env["cs.survey.rule"].create(
            {
                "name": "CES for billing complaints",
                "trigger": "ticket_closed",
                "survey_id": self.ces.id,
                "team_ids": [(6, 0, self.other_team.ids)],
                "kind": "inquiry",
            }
        )
        billing = self._close(self._ticket(team=self.other_team), T0)
        repairs = self._close(self._ticket(partner=self.customer2), T0)
        self.assertEqual(billing.survey_id, self.ces)
        self.assertEqual(repairs.survey_id, self.csat)

    def test_no_rule_no_invitation(self):
        self.rule.active = False
        ticket = self._ticket()
        self._close(ticket, T0)
        self.assertFalse(ticket.cs_survey_invitation_ids)

    def test_no_double_asking_with_the_rating_email(self):
        """Where the closing stage sends helpdesk_mgmt_rating's rating
        e-mail, that e-mail asks and the survey is skipped. The module is
        not installed here: its template is stood in for by one with its
        external id, which is all the check reads."""
        template = self.env["mail.template"].create(
            {
                "name": "Helpdesk Ticket: Rating Request",
                "model_id": self.env.ref("helpdesk_mgmt.model_helpdesk_ticket").id,
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "helpdesk_mgmt_rating",
                "name": "rating_ticket_email_template",
                "model": "mail.template",
                "res_id": template.id,
            }
        )
        self.done_stage.mail_template_id = template
        invitation = self._close(self._ticket(), T0)
        self.assertEqual(invitation.state, "skipped")
        self.assertEqual(invitation.skip_reason, "asked by the helpdesk rating e-mail")
        # a stage with another template (or none) leaves the survey to ask
        self.done_stage.mail_template_id = self.env["mail.template"].create(
            {"name": "Closed", "model_id": template.model_id.id}
        )
        other = self._close(self._ticket(partner=self.customer2), T0)
        self.assertEqual(other.state, "scheduled")

    def test_supervisor_sends_or_cancels_agents_cannot(self):
        ticket = self._ticket()
        invitation = self._close(ticket, T0)
        with self.assertRaises(UserError):
            invitation.with_user(self.agent).action_send_now()
        with freeze_time(T0 + timedelta(hours=1)):
            invitation.with_user(self.supervisor).action_send_now()
        self.assertEqual(invitation.state, "sent")
        self.assertEqual(invitation.sent_date, T0 + timedelta(hours=1))
        with freeze_time(T0 + timedelta(hours=2)):
            invitation.with_user(self.supervisor).action_cancel()
        self.assertEqual(invitation.state, "cancelled")
        self.assertEqual(invitation.user_input_id.deadline, T0 + timedelta(hours=2))
        # agents read the invitations about their work, never write them
        with self.assertRaises(AccessError):
            invitation.with_user(self.agent).write({"channel": "sms"})
        self.assertEqual(
            invitation.with_user(self.agent).survey_url, invitation.survey_url
        )

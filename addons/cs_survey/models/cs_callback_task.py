# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CsCallbackTask(models.Model):
    _inherit = "cs.callback.task"

    cs_survey_invitation_ids = fields.One2many(
        "cs.survey.invitation", "cs_callback_task_id", string="Survey Invitations"
    )
    cs_survey_response_ids = fields.One2many(
        "survey.user_input", "cs_callback_task_id", string="Survey Answers"
    )

    def _cs_record_outcome(self, outcome):
        result = super()._cs_record_outcome(outcome)
        done = self.filtered(lambda t: t.state == "done")
        if done:
            # sudo: finishing a callback schedules the survey by the manager's
            # rules; agents cannot write invitations themselves
            self.env["cs.survey.invitation"].sudo()._cs_invite_callbacks(done.sudo())
        return result

    @api.model
    def action_next_callback(self):
        # 岗前认证: no callback queue before the onboarding certification
        self.env.user._cs_check_onboarding()
        return super().action_next_callback()

    def action_call(self):
        self.env.user._cs_check_onboarding()
        return super().action_call()

    def _cs_interview_survey(self):
        self.ensure_one()
        return self.campaign_id.cs_survey_id or self.env.ref("cs_survey.survey_csat")

    def action_cs_survey_interview(self):
        """Ask the survey by phone: the agent records the customer's answers
        in the survey form (channel phone). The agent being rated (the one
        who handled the ticket the callback follows) may not be the one who
        asks."""
        self.ensure_one()
        # sudo: the interviewer works for another team than the agent rated
        # and may not read the ticket; only its bookkeeping ids are copied
        task = self.sudo()
        about = self.env["cs.survey.invitation"]._cs_about_values(task)
        about["cs_agent_id"] = False
        source = task.source_ref
        if source and source._name == "helpdesk.ticket":
            about["cs_agent_id"] = source.user_id.id
        if about["cs_agent_id"] == self.env.uid:
            raise UserError(
                self.env._(
                    "You handled the case this survey rates: another agent must "
                    "ask the customer."
                )
            )
        # sudo: the phone survey goes through the invitation gate (throttle),
        # which agents may not write directly
        Invitation = self.env["cs.survey.invitation"].sudo()
        survey = self._cs_interview_survey()
        invitation = Invitation.search(
            [("key", "=", f"interview:{self.id}"), ("state", "=", "sent")], limit=1
        )
        if not invitation:
            invitation = Invitation._cs_schedule(
                [
                    {
                        "key": f"interview:{self.id}",
                        "trigger": "callback_done",
                        "survey": survey,
                        "partner": self.partner_id,
                        "phone": self.phone,
                        "channel": "phone",
                        "scheduled_date": fields.Datetime.now(),
                        "about": self,
                        "company_id": self.company_id.id,
                    }
                ]
            )
            if not invitation:
                raise UserError(
                    self.env._("This customer was already asked about this callback.")
                )
            if invitation.state == "skipped":
                raise UserError(
                    self.env._(
                        "Do not survey %(customer)s now: %(reason)s.",
                        customer=self.partner_id.display_name,
                        reason=invitation.skip_reason,
                    )
                )
            invitation.write(about)
            invitation._cs_send()
            invitation.user_input_id.cs_interviewer_id = self.env.user
        return {
            "type": "ir.actions.act_url",
            "url": invitation.user_input_id.get_start_url(),
            "target": "self",
        }

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.cs_helpdesk.models.helpdesk_ticket import KINDS

from ..tools.survey_math import METRICS, sentiment

CHANNELS = [
    ("email", "E-mail"),
    ("portal", "Portal"),
    ("sms", "SMS Link"),
    ("wechat", "WeChat Link"),
    ("phone", "Phone"),
]
SENTIMENTS = [
    ("detractor", "Detractor"),
    ("passive", "Passive"),
    ("promoter", "Promoter"),
]
COMMENT_TYPES = ("char_box", "text_box")


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    # -- what and whom the response is about (filled from the invitation) --------
    cs_invitation_id = fields.Many2one(
        "cs.survey.invitation",
        string="Invitation",
        readonly=True,
        index="btree_not_null",
    )
    cs_company_id = fields.Many2one("res.company", string="Company", readonly=True)
    cs_sent_date = fields.Datetime(string="Sent on", readonly=True)
    cs_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", readonly=True, index="btree_not_null"
    )
    cs_callback_task_id = fields.Many2one(
        "cs.callback.task", string="Callback", readonly=True, index="btree_not_null"
    )
    cs_call_id = fields.Many2one("cs.call", string="Call", readonly=True)
    cs_agent_id = fields.Many2one(
        "res.users", string="Rated Agent", readonly=True, index="btree_not_null"
    )
    cs_team_id = fields.Many2one(
        "helpdesk.ticket.team", string="Team", readonly=True, index="btree_not_null"
    )
    cs_department_id = fields.Many2one(
        "hr.department", string="Department", readonly=True
    )
    cs_category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Ticket Category", readonly=True
    )
    cs_ticket_kind = fields.Selection(KINDS, string="Ticket Kind", readonly=True)
    cs_channel = fields.Selection(CHANNELS, string="Survey Channel", readonly=True)
    cs_interviewer_id = fields.Many2one(
        "res.users",
        string="Interviewed by",
        readonly=True,
        help="The agent who asked the questions by phone and recorded the answers.",
    )
    # -- the score, stored when the response is done -------------------------------
    cs_metric = fields.Selection(METRICS, string="Metric", readonly=True, index=True)
    cs_score = fields.Integer(string="Score", readonly=True, aggregator="avg")
    cs_sentiment = fields.Selection(SENTIMENTS, string="Sentiment", readonly=True)
    cs_is_detractor = fields.Boolean(string="Detractor", readonly=True)
    cs_comment = fields.Text(string="Comments", readonly=True)
    cs_followup_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follow-up Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    cs_followup_stage_id = fields.Many2one(
        related="cs_followup_ticket_id.stage_id", string="Follow-up State"
    )

    @api.constrains("cs_interviewer_id", "cs_agent_id")
    def _check_cs_interviewer(self):
        for answer in self:
            if (
                answer.cs_interviewer_id
                and answer.cs_interviewer_id == answer.cs_agent_id
            ):
                raise ValidationError(
                    self.env._(
                        "%s cannot interview the customer about their own work: "
                        "another agent must do this survey.",
                        answer.cs_agent_id.name,
                    )
                )

    # -- scoring (the _mark_done hook) ------------------------------------------------
    def _mark_done(self):
        result = super()._mark_done()
        self._cs_score()
        return result

    def _cs_score(self):
        """Store the score, sentiment and comments of finished responses and
        close the loop: a detractor opens a follow-up ticket, a passive
        answer with a comment asks the team leader to look."""
        invitations = self.env["cs.survey.invitation"]
        for answer in self:
            question = answer.survey_id._cs_scored_question()
            lines = answer.user_input_line_ids
            comments = [
                line.value_char_box or line.value_text_box
                for line in lines.sorted(lambda ln: (ln.question_sequence, ln.id))
                if line.answer_type in COMMENT_TYPES and not line.skipped
            ]
            values = {"cs_comment": "\n".join(c for c in comments if c) or False}
            scored = lines.filtered(
                lambda ln, q=question: (
                    ln.question_id == q and ln.answer_type == "scale" and not ln.skipped
                )
            )[:1]
            if question and scored:
                survey = answer.survey_id
                mood = sentiment(
                    scored.value_scale, survey.cs_detractor_max, survey.cs_promoter_min
                )
                values.update(
                    cs_metric=question.cs_metric,
                    cs_score=scored.value_scale,
                    cs_sentiment=mood,
                    cs_is_detractor=mood == "detractor",
                )
            # sudo: the customer answers as the public user through the link;
            # these fields are the survey's own bookkeeping
            answer.sudo().write(values)
            invitations |= answer.cs_invitation_id
        invitations.sudo()._cs_mark_answered()
        # sudo: the loop is closed for whoever answered (customer or agent):
        # the follow-up ticket and the leader's activity are the company's
        for answer in self.sudo():
            if answer.cs_is_detractor and not answer.cs_followup_ticket_id:
                answer._cs_open_followup()
            elif answer.cs_sentiment == "passive" and answer.cs_comment:
                answer._cs_ask_team_leader()

    def _cs_followup_team(self):
        self.ensure_one()
        return (
            self.cs_team_id
            or self.cs_invitation_id.rule_id.followup_team_id
            or self._cs_company().cs_complaint_team_id
        )

    def _cs_company(self):
        self.ensure_one()
        return self.cs_invitation_id.company_id or self.env.company

    def _cs_quote_answers(self):
        """The answers as an HTML list, for the follow-up ticket."""
        self.ensure_one()
        items = Markup("").join(
            Markup("<li><b>%s</b>: %s</li>")
            % (line.question_id.title, line.display_name or "")
            for line in self.user_input_line_ids.sorted(
                lambda ln: (ln.question_sequence, ln.id)
            )
            if not line.skipped
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._(
                "%(survey)s answered on %(date)s:",
                survey=self.survey_id.title,
                date=fields.Datetime.to_string(self.end_datetime),
            ),
            items,
        )

    def _cs_open_followup(self):
        """A detractor gets a human follow-up (DOMAIN.md §6): a complaint of
        the survey channel for the team of the source ticket. Its 48-hour
        first-response target comes from the survey follow-up SLA policy."""
        self.ensure_one()
        team = self._cs_followup_team()
        customer = self.partner_id.display_name or self.email or ""
        ticket = (
            self.env["helpdesk.ticket"]
            .with_company(self._cs_company())
            .create(
                {
                    "name": self.env._("Dissatisfied survey answer: %s", customer),
                    "description": self._cs_quote_answers(),
                    "cs_kind": "complaint",
                    "channel_id": self.env.ref(
                        "cs_survey.helpdesk_ticket_channel_survey"
                    ).id,
                    "partner_id": self.partner_id.id or False,
                    "partner_email": self.email or False,
                    "team_id": team.id or False,
                    "user_id": team.user_id.id or False,
                    "priority": "2",
                    "cs_survey_response_id": self.id,
                }
            )
        )
        self.cs_followup_ticket_id = ticket
        if self.cs_ticket_id:
            self.cs_ticket_id.message_post(
                body=Markup("%s")
                % self.env._(
                    "Dissatisfied survey answer: follow-up ticket %s opened.",
                    ticket.number,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return ticket

    def _cs_ask_team_leader(self):
        self.ensure_one()
        leader = self._cs_followup_team().user_id
        if not leader:
            return
        record = self.cs_ticket_id or self
        record.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Neutral survey answer with a comment"),
            note=Markup("<p>%s</p>") % escape(self.cs_comment),
            user_id=leader.id,
        )

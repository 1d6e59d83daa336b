# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.cs_callcenter.models.cs_callback_task import OUTCOMES
from odoo.addons.cs_helpdesk.models.helpdesk_ticket import KINDS

TRIGGERS = [
    ("ticket_closed", "Ticket Closed"),
    ("callback_done", "Callback Finished"),
    ("periodic", "Periodic Survey"),
]
INVITE_CHANNELS = [("email", "E-mail"), ("sms", "SMS Link"), ("wechat", "WeChat Link")]


class CsSurveyRule(models.Model):
    """When to ask whom which survey: one rule per trigger (and team, kind or
    callback outcome). The most specific active rule of a trigger applies."""

    _name = "cs.survey.rule"
    _description = "Survey Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="ticket_closed")
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        domain="[('cs_metric', '!=', False)]",
        help="A survey with a scored (CSAT, NPS or CES) question.",
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team",
        string="Teams",
        check_company=True,
        help="Tickets of these teams only. Empty: every team.",
    )
    kind = fields.Selection(KINDS, string="Ticket Kind", help="Empty: every kind.")
    callback_outcome = fields.Selection(
        OUTCOMES, help="Callbacks finished with this outcome only. Empty: any."
    )
    delay_hours = fields.Float(
        string="Delay (h)", default=24.0, help="Hours after the trigger to send."
    )
    expiry_days = fields.Integer(
        string="Expires after (days)",
        default=7,
        help="Days after sending; an unanswered survey then expires.",
    )
    channel = fields.Selection(INVITE_CHANNELS, required=True, default="email")
    throttle_days = fields.Integer(
        string="At most once per (days)",
        default=30,
        help="A customer asked any survey in this many days before or after is "
        "not asked again: the invitation is recorded as skipped.",
    )
    followup_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Follow-up Team",
        check_company=True,
        help="Team of the follow-up ticket of a dissatisfied answer without a "
        "source ticket. Empty: the company's complaint team.",
    )

    @api.constrains("delay_hours", "expiry_days", "throttle_days")
    def _check_numbers(self):
        for rule in self:
            if rule.delay_hours < 0 or rule.expiry_days < 1 or rule.throttle_days < 0:
                raise ValidationError(
                    self.env._(
                        "%s: the delay and the period cannot be negative, and a "
                        "survey is open at least one day.",
                        rule.name,
                    )
                )

    def _cs_specificity(self):
        return bool(self.team_ids) + bool(self.kind) + bool(self.callback_outcome)

    def _cs_matches(self, record):
        """Whether the rule applies to a ticket or a callback task."""
        self.ensure_one()
        if self.company_id != record.company_id:
            return False
        if record._name == "cs.callback.task":
            if self.callback_outcome and self.callback_outcome != record.outcome:
                return False
            source = record.source_ref
            ticket = source if source and source._name == "helpdesk.ticket" else None
        else:
            ticket = record
        if self.team_ids and (not ticket or ticket.team_id not in self.team_ids):
            return False
        return not self.kind or bool(ticket and ticket.cs_kind == self.kind)

    @api.model
    def _cs_pick(self, trigger, records):
        """{record id: rule} for ``records``: one search for all of them."""
        rules = self.search(
            [("trigger", "=", trigger), ("company_id", "in", records.company_id.ids)]
        ).sorted(lambda r: (-r._cs_specificity(), r.sequence, r.id))
        result = {}
        for record in records:
            rule = next((r for r in rules if r._cs_matches(record)), None)
            if rule:
                result[record.id] = rule
        return result

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsSlaPolicy(models.Model):
    _inherit = "cs.sla.policy"

    cs_survey_followup = fields.Boolean(
        string="Survey Follow-ups Only",
        help="Applies only to follow-up tickets of dissatisfied survey answers "
        "(channel Survey), and those match it before any other policy.",
    )

    def _cs_matches(self, ticket):
        is_followup = ticket.channel_id == self.env.ref(
            "cs_survey.helpdesk_ticket_channel_survey", raise_if_not_found=False
        )
        if self.cs_survey_followup and not is_followup:
            return False
        return super()._cs_matches(ticket)

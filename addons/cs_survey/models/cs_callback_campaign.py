# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsCallbackCampaign(models.Model):
    _inherit = "cs.callback.campaign"

    cs_survey_id = fields.Many2one(
        "survey.survey",
        string="Phone Survey",
        domain="[('cs_metric', '!=', False)]",
        help="The survey agents ask by phone from a callback of this campaign. "
        "Empty: the CSAT survey.",
    )

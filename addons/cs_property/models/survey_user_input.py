# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    """The unit and estate a response is about, copied from its invitation
    (cs_survey's ``_cs_about_fields`` hook): satisfaction per estate."""

    _inherit = "survey.user_input"

    cs_unit_id = fields.Many2one(
        "cs.unit", string="Unit", readonly=True, index="btree_not_null"
    )
    cs_estate_id = fields.Many2one(
        "cs.estate", string="Estate", readonly=True, index="btree_not_null"
    )

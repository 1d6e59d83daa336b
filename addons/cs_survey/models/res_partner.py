# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cs_do_not_survey = fields.Boolean(
        string="Do Not Survey",
        help="The customer asked not to receive satisfaction surveys: every "
        "invitation is skipped.",
    )

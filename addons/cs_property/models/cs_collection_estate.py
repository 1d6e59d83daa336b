# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsEstate(models.Model):
    _inherit = "cs.estate"

    cs_fee_officer_ids = fields.Many2many(
        "res.users",
        "cs_estate_fee_officer_rel",
        "estate_id",
        "user_id",
        string="Fee Officers",
        domain="[('share', '=', False)]",
        help="They call the payers of the estate at the phone level of the "
        "collection policy (the agents of its fee-reminder campaign).",
    )

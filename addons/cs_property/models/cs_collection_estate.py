# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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

    @api.model
    def _cs_collection_demo(self):
        """Demo: the demo Fee Officer works the fee calls of the demo estate."""
        officer = self.env.ref(
            "cs_property.res_users_fee_officer_demo", raise_if_not_found=False
        )
        estates = self.search([("code", "=", "PJHY")])
        if officer and estates:
            estates.write({"cs_fee_officer_ids": [fields.Command.link(officer.id)]})

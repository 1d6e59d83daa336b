# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        # an owner who paid in full leaves the collection process at once (§4)
        moves = (partials.debit_move_id | partials.credit_move_id).move_id
        moves.filtered("cs_unit_id")._cs_collection_exit()
        return partials

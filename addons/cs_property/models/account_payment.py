# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools.amount_words import amount_to_chinese


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _cs_amount_words(self):
        """The amount in Chinese capital words (大写) for the receipt."""
        self.ensure_one()
        return amount_to_chinese(self.amount)

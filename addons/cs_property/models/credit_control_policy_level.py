# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# DOMAIN.md §7a: the collection ladder of the fee desk
STAGES = [
    ("reminder", "Reminder"),
    ("notice", "Written Notice"),
    ("phone", "Phone Call"),
    ("legal", "Legal Action"),
]


class CreditControlPolicyLevel(models.Model):
    _inherit = "credit.control.policy.level"

    cs_stage = fields.Selection(
        STAGES,
        string="Collection Stage",
        help="Phone Call: each credit line becomes a callback task of the "
        "estate's fee-reminder campaign. Legal Action: the payer's unit leaves "
        "the automated levels until a Manager releases it.",
    )

    def _cs_is_phone(self):
        """A phone level: any policy's level worked by a call (channel phone)."""
        self.ensure_one()
        return self.channel == "phone" or self.cs_stage == "phone"

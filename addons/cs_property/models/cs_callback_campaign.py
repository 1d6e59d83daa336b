# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsCallbackCampaign(models.Model):
    _inherit = "cs.callback.campaign"

    # DOMAIN.md §7a: the service centre's phone call in the collection ladder
    purpose = fields.Selection(
        selection_add=[("fee_reminder", "Fee Reminder")],
        ondelete={"fee_reminder": "set default"},
    )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

RESULTS = [
    ("delivered", "Delivered"),
    ("failed", "Not Delivered"),
]


class CsCollectionNotice(models.Model):
    """Proof of one reminder or notice sent to a payer (催告记录): each
    documented reminder interrupts the 3-year limitation period (Civil Code
    Arts. 188, 195), so it is kept as sent, never edited nor deleted."""

    _name = "cs.collection.notice"
    _description = "Proof of Notice"
    _order = "date desc, id desc"
    _check_company_auto = True

    line_id = fields.Many2one(
        "credit.control.line",
        string="Credit Line",
        required=True,
        ondelete="restrict",
        index=True,
    )
    move_id = fields.Many2one(
        related="line_id.invoice_id", string="Invoice", store=True, index=True
    )
    partner_id = fields.Many2one(
        related="line_id.commercial_partner_id", string="Payer", store=True, index=True
    )
    unit_id = fields.Many2one(
        related="line_id.cs_unit_id", string="Unit", store=True, index=True
    )
    estate_id = fields.Many2one(related="line_id.cs_estate_id", store=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    level_id = fields.Many2one(
        related="line_id.policy_level_id", string="Level", store=True
    )
    channel = fields.Selection(
        [("letter", "Letter"), ("email", "Email"), ("phone", "Phone"), ("sms", "SMS")],
        required=True,
    )
    date = fields.Date(required=True, index=True)
    content = fields.Text()
    result = fields.Selection(RESULTS, string="Delivery", required=True)

    def write(self, vals):
        # the superuser only (data fixes); users never change a proof
        if not self.env.su:
            raise UserError(self.env._("A proof of notice is kept as it was sent."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A proof of notice is kept as it was sent."))

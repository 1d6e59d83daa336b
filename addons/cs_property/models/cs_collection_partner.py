# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cs_collection_notice_ids = fields.One2many(
        "cs.collection.notice", "partner_id", string="Proofs of Notice"
    )
    cs_limitation_date = fields.Date(
        compute="_compute_cs_limitation_date",
        string="Limitation Expires",
        help="The earliest date an overdue fee of this payer would be "
        "time-barred: 3 years after its due date or its last proven notice.",
    )

    def _compute_cs_limitation_date(self):
        partners = self.filtered("id")
        limits = {}
        if partners:
            # sudo: the date alone leaves this method
            limits = dict(
                self.env["account.move"]
                .sudo()
                ._read_group(
                    [
                        ("commercial_partner_id", "in", partners.ids),
                        ("cs_unit_id", "!=", False),
                        ("state", "=", "posted"),
                        ("move_type", "=", "out_invoice"),
                        ("payment_state", "in", ("not_paid", "partial")),
                        ("cs_limitation_date", "!=", False),
                    ],
                    ["commercial_partner_id"],
                    ["cs_limitation_date:min"],
                )
            )
        for partner in self:
            partner.cs_limitation_date = limits.get(
                partner.commercial_partner_id, False
            )

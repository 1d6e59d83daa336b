# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models

from ..tools.amount_words import amount_to_chinese


class AccountMove(models.Model):
    _inherit = "account.move"

    cs_unit_id = fields.Many2one(
        "cs.unit", string="Unit", index="btree_not_null", readonly=True, copy=True
    )
    cs_estate_id = fields.Many2one(
        related="cs_unit_id.estate_id", string="Estate", store=True
    )
    cs_period_start = fields.Date(string="Billed Month", readonly=True)
    cs_billing_run_id = fields.Many2one(
        "cs.billing.run",
        string="Billing Run",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda move: move.move_type == "out_invoice" and move.cs_unit_id
        )._cs_apply_prepayments()
        return posted

    def _cs_apply_prepayments(self):
        """Offset the payers' outstanding customer payments (预存) against
        these fee invoices, oldest payment first and oldest invoice first,
        through Odoo's own reconciliation."""
        if not self:
            return
        partners = self.commercial_partner_id
        credits = self.env["account.move.line"].search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "in", self.company_id.ids),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("payment_id", "!=", False),
                ("amount_residual", "<", 0),
            ],
            order="date, id",
        )
        if not credits:
            return
        by_partner = defaultdict(list)
        for line in credits:
            by_partner[line.partner_id.commercial_partner_id].append(line)
        for invoice in self.sorted(lambda move: (move.invoice_date, move.id)):
            lines = by_partner.get(invoice.commercial_partner_id)
            while lines and not invoice.currency_id.is_zero(invoice.amount_residual):
                line = lines[0]
                if (
                    line.account_id
                    != invoice.line_ids.filtered(
                        lambda move_line: move_line.display_type == "payment_term"
                    )[:1].account_id
                ):
                    lines.pop(0)
                    continue
                invoice.js_assign_outstanding_line(line.id)
                if line.reconciled or line.currency_id.is_zero(line.amount_residual):
                    lines.pop(0)

    # -- fee notice -------------------------------------------------------------
    def _cs_amount_words(self, amount=None):
        """The amount in Chinese capital words (大写)."""
        self.ensure_one()
        return amount_to_chinese(self.amount_total if amount is None else amount)

    def _cs_previous_arrears(self):
        """What the unit still owed on other posted fee invoices dated
        before this one (arrears brought forward)."""
        self.ensure_one()
        if not self.cs_unit_id:
            return 0.0
        older = self.search(
            [
                ("cs_unit_id", "=", self.cs_unit_id.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("id", "!=", self.id),
                ("invoice_date", "<", self.invoice_date),
            ]
        )
        return sum(older.mapped("amount_residual_signed"))

    def _cs_prepayment_used(self):
        """Payments that settled this invoice without being made for it
        after the notice: those dated on or before the invoice date."""
        self.ensure_one()
        total = 0.0
        receivable = self.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )
        for partial in receivable.matched_credit_ids:
            credit = partial.credit_move_id
            if credit.payment_id and credit.date <= self.invoice_date:
                total += partial.amount
        return total

    def _cs_notice_lines(self):
        """The fee lines of the notice: item, method, quantity, unit
        price and amount (明码标价)."""
        self.ensure_one()
        methods = dict(
            self.env["cs.fee.item"]._fields["method"]._description_selection(self.env)
        )
        return [
            {
                "name": line.name,
                "method": methods.get(line.cs_fee_item_id.method, ""),
                "uom": line.cs_fee_item_id.uom_label or "",
                "quantity": line.quantity,
                "price_unit": line.price_unit,
                "amount": line.price_total,
            }
            for line in self.invoice_line_ids.filtered(
                lambda line: line.display_type == "product"
            )
        ]


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    cs_unit_id = fields.Many2one("cs.unit", string="Unit", index="btree_not_null")
    cs_fee_item_id = fields.Many2one(
        "cs.fee.item", string="Fee Item", index="btree_not_null"
    )
    cs_period_start = fields.Date(string="Billed Period")

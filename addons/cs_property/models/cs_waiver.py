# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("approved", "Approved"),
    ("refused", "Refused"),
]
# what the proposal is about: typed while the waiver is a draft, then it is
# what the Manager approves (read-only on the form from then on)
DRAFT_FIELDS = {"invoice_id", "line_ids", "mode", "percent", "amount", "reason"}


class CsWaiver(models.Model):
    """A waiver (减免) of part of a fee invoice: proposed by a Fee Officer,
    approved by a Manager, issued as a credit note linked to the invoice."""

    _name = "cs.waiver"
    _description = "Fee Waiver"
    _inherit = ["mail.thread", "cs.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # written by the buttons only: a waiver approved (credit note issued) by
    # hand, or set back to proposed to issue a second credit note, never
    _cs_protected_fields = (
        "state",
        "proposed_by_id",
        "approved_by_id",
        "credit_note_id",
    )
    _cs_draft_fields = DRAFT_FIELDS

    invoice_id = fields.Many2one(
        "account.move",
        required=True,
        domain=[
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("cs_unit_id", "!=", False),
        ],
        check_company=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="invoice_id.company_id", store=True, precompute=True
    )
    currency_id = fields.Many2one(related="invoice_id.currency_id")
    unit_id = fields.Many2one(related="invoice_id.cs_unit_id", store=True)
    partner_id = fields.Many2one(related="invoice_id.partner_id")
    line_ids = fields.Many2many(
        "account.move.line",
        string="Invoice Lines",
        domain="[('move_id', '=', invoice_id), ('display_type', '=', 'product')]",
        required=True,
    )
    mode = fields.Selection(
        [("amount", "Amount"), ("percent", "Percentage")],
        required=True,
        default="percent",
    )
    percent = fields.Float(string="Waived (%)")
    amount = fields.Monetary(string="Waived Amount", currency_field="currency_id")
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(STATES, default="draft", required=True, tracking=True)
    proposed_by_id = fields.Many2one("res.users", readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False)

    @api.constrains("mode", "percent", "amount")
    def _check_value(self):
        for waiver in self:
            if waiver.mode == "percent" and not 0 < waiver.percent <= 100:
                raise ValidationError(
                    self.env._("The waived percentage is between 0 and 100.")
                )
            if waiver.mode == "amount" and waiver.amount <= 0:
                raise ValidationError(self.env._("The waived amount must be positive."))

    @api.constrains("line_ids", "invoice_id")
    def _check_lines(self):
        for waiver in self:
            if waiver.line_ids.move_id - waiver.invoice_id:
                raise ValidationError(
                    self.env._("The waived lines must belong to the invoice.")
                )

    def _cs_base(self):
        """Waived amount before taxes, per line."""
        self.ensure_one()
        lines = self.line_ids
        total = sum(lines.mapped("price_subtotal"))
        if self.mode == "percent":
            return {line: line.price_subtotal * self.percent / 100 for line in lines}
        total_incl = sum(lines.mapped("price_total"))
        if self.currency_id.compare_amounts(self.amount, total_incl) > 0:
            raise UserError(self.env._("The waiver exceeds the waived lines' amount."))
        ratio = self.amount / total_incl if total_incl else 0.0
        return {line: total * ratio * line.price_subtotal / total for line in lines}

    def _cs_check_arrears(self):
        for waiver in self:
            if not waiver.invoice_id.cs_estate_id.waiver_without_arrears_only:
                continue
            # A late fee is reduced when excessive (民法典 Art. 585) precisely
            # for payers in arrears: the arrears rule is for fee discounts.
            if waiver.invoice_id.line_ids.cs_late_fee_source_id:
                continue
            today = self.env.context.get("cs_today") or fields.Date.context_today(self)
            # sudo: the policy looks at every invoice of the unit, whoever asks.
            late = (
                self.env["account.move"]
                .sudo()
                .search_count(
                    [
                        ("cs_unit_id", "=", waiver.unit_id.id),
                        ("id", "!=", waiver.invoice_id.id),
                        ("move_type", "=", "out_invoice"),
                        ("state", "=", "posted"),
                        ("payment_state", "in", ("not_paid", "partial")),
                        ("invoice_date_due", "<", today),
                    ]
                )
            )
            if late:
                raise UserError(
                    self.env._(
                        "Unit %(unit)s has arrears: this estate grants waivers only "
                        "to units without arrears.",
                        unit=waiver.unit_id.code,
                    )
                )

    def action_propose(self):
        self._cs_check_arrears()
        for waiver in self:
            if waiver.state != "draft":
                raise UserError(self.env._("Only a draft waiver can be proposed."))
        self._cs_workflow_write({"state": "proposed", "proposed_by_id": self.env.uid})
        return True  # a button called over XML-RPC must return something

    def _cs_check_manager(self):
        if not self.env.user.has_group("cs_callcenter.group_manager"):
            raise AccessError(self.env._("Only a Manager approves or refuses waivers."))

    def action_refuse(self):
        self._cs_check_manager()
        self.filtered(lambda waiver: waiver.state == "proposed")._cs_workflow_write(
            {"state": "refused"}
        )
        return True

    def action_approve(self):
        """Issue the credit note and match it with the invoice."""
        self._cs_check_manager()
        # sudo: a Manager approves without accounting rights; the checks
        # above and the waiver's own values decide what is issued. The user
        # stays the Manager (approved_by_id, chatter author).
        waivers = self.sudo()
        waivers._cs_check_arrears()
        for waiver in waivers:
            if waiver.state != "proposed":
                raise UserError(self.env._("Only a proposed waiver can be approved."))
            waiver._cs_issue_credit_note()
        return True

    def _cs_issue_credit_note(self):
        """Create, post and match the credit note (called under sudo by
        action_approve only)."""
        self.ensure_one()
        invoice = self.invoice_id
        if invoice.currency_id.is_zero(invoice.amount_residual):
            raise UserError(self.env._("The invoice is paid: nothing left to waive."))
        lines = [
            fields.Command.create(
                {
                    "product_id": line.product_id.id,
                    "name": self.env._("Waiver: %(line)s", line=line.name),
                    "quantity": 1,
                    "price_unit": self.currency_id.round(base),
                    "tax_ids": [fields.Command.set(line.tax_ids.ids)],
                    "account_id": line.account_id.id,
                    "cs_unit_id": line.cs_unit_id.id,
                    "cs_fee_item_id": line.cs_fee_item_id.id,
                    "cs_period_start": line.cs_period_start,
                }
            )
            for line, base in self._cs_base().items()
        ]
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "company_id": invoice.company_id.id,
                "partner_id": invoice.partner_id.id,
                "journal_id": invoice.journal_id.id,
                "invoice_date": self.env.context.get("cs_today")
                or fields.Date.context_today(self),
                "reversed_entry_id": invoice.id,
                "ref": self.env._("Waiver of %(invoice)s", invoice=invoice.name),
                "cs_unit_id": invoice.cs_unit_id.id,
                "cs_period_start": invoice.cs_period_start,
                "invoice_line_ids": lines,
            }
        )
        refund.action_post()
        receivable = (refund.line_ids | invoice.line_ids).filtered(
            lambda line: line.display_type == "payment_term" and not line.reconciled
        )
        if len(receivable.move_id) == 2:
            receivable.reconcile()
        self._cs_workflow_write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "credit_note_id": refund.id,
            }
        )
        body = self.env._(
            "Waiver approved by %(manager)s (proposed by %(officer)s): %(reason)s",
            manager=self.env.user.name,
            officer=self.proposed_by_id.name or "",
            reason=self.reason,
        )
        invoice.message_post(body=body)
        refund.message_post(body=body)
        self.message_post(body=body)

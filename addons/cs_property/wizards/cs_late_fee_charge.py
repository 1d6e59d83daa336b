# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class CsLateFeeCharge(models.TransientModel):
    """Charge late fees (收取滞纳金): a Fee Officer confirms the fees accrued
    on the chosen estates, units or invoices up to a date; the rules live in
    ``account.move._cs_charge_late_fees``."""

    _name = "cs.late.fee.charge"
    _description = "Charge Late Fees"

    as_of = fields.Date(
        string="Accrued To",
        required=True,
        default=fields.Date.context_today,
        help="Last day charged; the next charge starts the day after.",
    )
    estate_ids = fields.Many2many("cs.estate", string="Estates")
    unit_ids = fields.Many2many("cs.unit", string="Units")
    invoice_ids = fields.Many2many(
        "account.move",
        string="Fee Invoices",
        domain=[
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("cs_unit_id", "!=", False),
        ],
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    fee_total = fields.Monetary(
        string="Late Fees to Charge",
        compute="_compute_fee",
        currency_field="currency_id",
    )
    source_count = fields.Integer(string="Invoices", compute="_compute_fee")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        ids = self.env.context.get("active_ids") or []
        field = {
            "cs.estate": "estate_ids",
            "cs.unit": "unit_ids",
            "account.move": "invoice_ids",
        }.get(model)
        if field and ids and field in fields_list:
            values[field] = [fields.Command.set(ids)]
        return values

    def _cs_sources(self):
        self.ensure_one()
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("cs_unit_id", "!=", False),
        ]
        scopes = []
        if self.estate_ids:
            scopes.append([("cs_estate_id", "in", self.estate_ids.ids)])
        if self.unit_ids:
            scopes.append([("cs_unit_id", "in", self.unit_ids.ids)])
        if self.invoice_ids:
            scopes.append([("id", "in", self.invoice_ids.ids)])
        if not scopes:
            return self.env["account.move"]
        return self.env["account.move"].search(
            expression.AND([domain, expression.OR(scopes)])
        )

    @api.depends("as_of", "estate_ids", "unit_ids", "invoice_ids")
    def _compute_fee(self):
        for wizard in self:
            sources = wizard._cs_sources()
            # (on no invoice, the accrual would compute the whole company's)
            accrued = (
                sources._cs_late_fee_accrued(wizard.as_of)
                if sources and wizard.as_of
                else {}
            )
            wizard.fee_total = sum(accrued.values())
            wizard.source_count = len(accrued)

    def action_confirm(self):
        self.ensure_one()
        sources = self._cs_sources()
        if not sources:
            raise UserError(self.env._("Choose estates, units or fee invoices."))
        invoices = sources._cs_charge_late_fees(self.as_of)
        if not invoices:
            raise UserError(self.env._("No late fee to charge up to that date."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", invoices.ids)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

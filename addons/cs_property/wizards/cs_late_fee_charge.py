# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

# who confirms a late-fee charge: the fee desk, and a Manager (who has no
# accounting rights of their own, like for waivers)
CHARGERS = ("cs_callcenter.group_fee_officer", "cs_callcenter.group_manager")


class CsLateFeeCharge(models.TransientModel):
    """Charge late fees (收取滞纳金): a Fee Officer or a Manager confirms the
    fees accrued on the chosen estates, units or invoices up to a date; the
    rules live in ``account.move._cs_charge_late_fees``."""

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

    def _cs_check_charger(self):
        if not any(self.env.user.has_group(group) for group in CHARGERS):
            raise AccessError(
                self.env._("Only a Fee Officer or a Manager charges late fees.")
            )

    def _cs_sources(self):
        """The posted fee invoices in the wizard's scope, of the user's
        companies. Read under sudo: a Manager charges late fees without
        reading invoices (no accounting rights); only the caller's check
        (_cs_check_charger) lets them reach it, and the company filter
        stands for the record rules sudo skips."""
        self.ensure_one()
        self._cs_check_charger()
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("cs_unit_id", "!=", False),
            ("company_id", "in", self.env.companies.ids),
        ]
        scopes = []
        if self.estate_ids:
            scopes.append([("cs_estate_id", "in", self.estate_ids.ids)])
        if self.unit_ids:
            scopes.append([("cs_unit_id", "in", self.unit_ids.ids)])
        if self.invoice_ids:
            scopes.append([("id", "in", self.invoice_ids.ids)])
        # sudo: see the docstring (checked above; company filter in domain)
        moves = self.env["account.move"].sudo()
        if not scopes:
            return moves
        return moves.search(expression.AND([domain, expression.OR(scopes)]))

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
        """Charge the accrued fees (posted late-fee invoices). The invoices
        are created under sudo for a Manager without accounting rights; the
        user stays the caller (create_uid, chatter author) and
        ``_cs_charge_late_fees`` checks the role again."""
        self.ensure_one()
        sources = self._cs_sources()
        if not sources:
            raise UserError(self.env._("Choose estates, units or fee invoices."))
        invoices = sources._cs_charge_late_fees(self.as_of)
        if not invoices:
            raise UserError(self.env._("No late fee to charge up to that date."))
        if not self.env["account.move"].has_access("read"):
            # a Manager without accounting rights: the desk sees the invoices
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "message": self.env._(
                        "%(count)s late-fee invoices posted, %(amount)s in all.",
                        count=len(invoices),
                        amount=sum(invoices.mapped("amount_total")),
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", invoices.ids)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

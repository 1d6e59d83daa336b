# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

STATES = [("draft", "Draft"), ("posted", "Posted"), ("cancelled", "Cancelled")]


class CsCharge(models.Model):
    """The register of charges: one row per unit, fee item and billing
    period that was billed, pointing to its invoice line.

    A partial unique index on (unit, fee item, period) among live
    (not cancelled) charges makes double billing impossible, whatever runs
    at the same time; credit notes and waivers copy invoice lines, never
    charges, so they do not collide with it. A charge follows its invoice:
    cancelling the invoice frees the period for a new bill."""

    _name = "cs.charge"
    _description = "Charge"
    _order = "period_start desc, unit_id, fee_item_id"
    _rec_name = "move_line_id"

    unit_id = fields.Many2one("cs.unit", required=True, ondelete="restrict", index=True)
    fee_item_id = fields.Many2one(
        "cs.fee.item", required=True, ondelete="restrict", index=True
    )
    period_start = fields.Date(required=True, index=True)
    move_line_id = fields.Many2one(
        "account.move.line", required=True, ondelete="cascade", index=True
    )
    move_id = fields.Many2one(
        related="move_line_id.move_id", store=True, index=True, string="Invoice"
    )
    state = fields.Selection(STATES, compute="_compute_state", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Payer", index=True)
    run_id = fields.Many2one("cs.billing.run", ondelete="set null", index=True)
    quantity = fields.Float(digits=(16, 3))
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    amount = fields.Monetary(currency_field="currency_id")
    company_id = fields.Many2one(related="unit_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        # A partial unique index: _sql_constraints cannot express WHERE.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS cs_charge_live_uniq "
                "ON cs_charge (unit_id, fee_item_id, period_start) "
                "WHERE state != 'cancelled'"
            )
        )

    @api.depends("move_line_id.parent_state")
    def _compute_state(self):
        for charge in self:
            state = charge.move_line_id.parent_state
            charge.state = "cancelled" if state in ("cancel", False) else state

    @api.model
    def _cs_live_keys(self, units, fee_items, periods):
        """{(unit id, fee item id, period)} already billed (one query)."""
        if not (units and fee_items and periods):
            return set()
        # SQL: the keys only, for every company (the index is global); the
        # ORM read of these rows was the slowest part of a rerun in
        # bench/bench_billing.py.
        self.flush_model(["unit_id", "fee_item_id", "period_start", "state"])
        self.env.cr.execute(
            SQL(
                "SELECT unit_id, fee_item_id, period_start FROM cs_charge "
                "WHERE unit_id IN %s AND fee_item_id IN %s AND period_start IN %s "
                "AND state != 'cancelled'",
                tuple(units.ids),
                tuple(fee_items.ids),
                tuple(periods),
            )
        )
        return set(self.env.cr.fetchall())

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

UNIT_TYPES = [
    ("residential", "Residential"),
    ("shop", "Shop"),
    ("office", "Office"),
    ("parking", "Parking Space"),
]
UNIT_STATUSES = [
    ("vacant", "Vacant"),
    ("occupied", "Occupied"),
    ("rented", "Rented"),
    ("renovating", "Renovating"),
    ("delivered_unoccupied", "Delivered, Unoccupied"),
]
# Statuses where a fee item's vacancy rule applies.
VACANT_STATUSES = ("vacant", "delivered_unoccupied")


class CsUnit(models.Model):
    """A unit (房号) of a building: an apartment, a shop, an office or a
    parking space, with its residents' file (用户档案)."""

    _name = "cs.unit"
    _description = "Unit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "estate_id, building_id, code"
    _rec_name = "code"
    _check_company_auto = True

    code = fields.Char(required=True, index=True, tracking=True)
    building_id = fields.Many2one(
        "cs.building",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
    )
    estate_id = fields.Many2one(
        related="building_id.estate_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="building_id.company_id", store=True, index=True, precompute=True
    )
    unit_type = fields.Selection(
        UNIT_TYPES, string="Type", required=True, default="residential"
    )
    floor = fields.Integer()
    area = fields.Float(string="Floor Area (m²)", digits=(12, 2), tracking=True)
    inner_area = fields.Float(string="Inner Area (m²)", digits=(12, 2))
    status = fields.Selection(
        UNIT_STATUSES, required=True, default="occupied", tracking=True
    )
    handover_date = fields.Date()
    occupancy_ids = fields.One2many("cs.unit.occupancy", "unit_id")
    payer_id = fields.Many2one(
        "res.partner", compute="_compute_payer_id", string="Current Payer"
    )
    meter_ids = fields.One2many("cs.meter", "unit_id")
    charge_ids = fields.One2many("cs.charge", "unit_id")
    balance = fields.Monetary(
        compute="_compute_balance", currency_field="currency_id", string="Balance Due"
    )
    overdue = fields.Monetary(compute="_compute_balance", currency_field="currency_id")
    has_arrears = fields.Boolean(compute="_compute_balance")
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(company_id, code)",
            "The unit code must be unique per company.",
        ),
        ("area_positive", "CHECK(area >= 0)", "The floor area cannot be negative."),
    ]

    @api.depends("occupancy_ids.is_payer", "occupancy_ids.date_from")
    @api.depends_context("cs_date")
    def _compute_payer_id(self):
        day = self.env.context.get("cs_date") or fields.Date.context_today(self)
        payers = self.env["cs.unit.occupancy"]._cs_payers(self, day)
        for unit in self:
            unit.payer_id = payers.get(unit.id, self.env["res.partner"])

    @api.depends_context("cs_date")
    def _compute_balance(self):
        day = fields.Date.to_date(
            self.env.context.get("cs_date") or fields.Date.context_today(self)
        )
        # sudo: agents see a unit's balance without reading invoices; only
        # the sums per unit leave this method.
        moves = self.env["account.move"].sudo()
        domain = [
            ("cs_unit_id", "in", self.ids),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]
        due = dict(
            moves._read_group(domain, ["cs_unit_id"], ["amount_residual_signed:sum"])
        )
        late = dict(
            moves._read_group(
                domain + [("invoice_date_due", "<", day)],
                ["cs_unit_id"],
                ["amount_residual_signed:sum"],
            )
        )
        for unit in self:
            unit_id = unit._origin
            unit.balance = due.get(unit_id, 0.0)
            unit.overdue = late.get(unit_id, 0.0)
            unit.has_arrears = unit.currency_id.compare_amounts(unit.overdue, 0) > 0

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Units"),
                "template": "/cs_property/static/xls/cs_unit_import_template.csv",
            }
        ]

    def action_open_occupancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_property.cs_unit_occupancy_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id, "active_test": False}
        return action

    def action_move_in(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_property.cs_move_wizard_action"
        )
        action["context"] = {"default_unit_id": self.id, "default_mode": "in"}
        return action

    def action_move_out(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_property.cs_move_wizard_action"
        )
        action["context"] = {"default_unit_id": self.id, "default_mode": "out"}
        return action

    def action_open_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("cs_unit_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

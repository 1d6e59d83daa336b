# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsEstate(models.Model):
    """An estate (小区/项目) managed by the property company."""

    _name = "cs.estate"
    _description = "Estate"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    address = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    service_phone = fields.Char(string="Service Centre Phone")
    manager_id = fields.Many2one("res.users", check_company=True)
    building_ids = fields.One2many("cs.building", "estate_id")
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    payment_instructions = fields.Text(
        string="How to Pay",
        translate=True,
        help="Printed on fee notices: bank account, WeChat/Alipay, cashier desk.",
    )
    waiver_without_arrears_only = fields.Boolean(
        string="Waivers Only Without Arrears",
        default=True,
        help="Refuse waivers (减免) on units with overdue fee invoices.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(company_id, code)",
            "The estate code must be unique per company.",
        )
    ]

    def _compute_counts(self):
        buildings = dict(
            self.env["cs.building"]._read_group(
                [("estate_id", "in", self.ids)], ["estate_id"], ["__count"]
            )
        )
        units = dict(
            self.env["cs.unit"]._read_group(
                [("estate_id", "in", self.ids)], ["estate_id"], ["__count"]
            )
        )
        for estate in self:
            estate.building_count = buildings.get(estate, 0)
            estate.unit_count = units.get(estate, 0)

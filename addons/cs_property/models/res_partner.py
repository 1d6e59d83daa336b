# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cs_occupancy_ids = fields.One2many(
        "cs.unit.occupancy", "partner_id", string="Unit Occupancies"
    )
    cs_unit_count = fields.Integer(compute="_compute_cs_unit_count", string="Units")

    def _compute_cs_unit_count(self):
        counts = dict(
            self.env["cs.unit.occupancy"]._read_group(
                [("partner_id", "in", self.ids)],
                ["partner_id"],
                ["unit_id:count_distinct"],
            )
        )
        for partner in self:
            partner.cs_unit_count = counts.get(partner, 0)

    def action_cs_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_property.cs_unit_action"
        )
        action["domain"] = [("occupancy_ids.partner_id", "=", self.id)]
        return action

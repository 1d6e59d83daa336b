# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsBuilding(models.Model):
    """A building (楼栋) of an estate."""

    _name = "cs.building"
    _description = "Building"
    _order = "estate_id, name"
    _check_company_auto = True

    estate_id = fields.Many2one(
        "cs.estate", required=True, ondelete="restrict", index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    name = fields.Char(required=True)
    floors = fields.Integer()
    unit_ids = fields.One2many("cs.unit", "building_id")
    active = fields.Boolean(default=True)

    def _compute_display_name(self):
        for building in self:
            building.display_name = f"{building.estate_id.name or ''} {building.name}"

    def action_unit_grid(self):
        """The units of the building as a grid coloured by status and arrears."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_property.cs_unit_action"
        )
        action.update(
            {
                "domain": [("building_id", "=", self.id)],
                "view_mode": "kanban,list,form",
                "views": [
                    (self.env.ref("cs_property.cs_unit_view_kanban_grid").id, "kanban"),
                    (False, "list"),
                    (False, "form"),
                ],
                "context": {"default_building_id": self.id},
            }
        )
        return action

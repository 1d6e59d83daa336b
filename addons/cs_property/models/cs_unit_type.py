# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .cs_unit import UNIT_TYPES


class CsUnitType(models.Model):
    """The unit types as records, so that a fee item can list those it
    applies to (one record per value of ``cs.unit.unit_type``)."""

    _name = "cs.unit.type"
    _description = "Unit Type"
    _order = "id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(UNIT_TYPES, required=True)

    _sql_constraints = [("code_uniq", "unique(code)", "One record per unit type.")]

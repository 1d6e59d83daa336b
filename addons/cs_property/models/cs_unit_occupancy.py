# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import date
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [
    ("owner", "Owner"),
    ("tenant", "Tenant"),
    ("resident", "Resident"),
    ("emergency", "Emergency Contact"),
]
FAR_FUTURE = date(9999, 12, 31)


class CsUnitOccupancy(models.Model):
    """Who owns, rents, lives in or pays for a unit, and when (用户档案).

    Periods are kept as history: a move-out closes a period, a move-in opens
    the next one. At any date a unit has at most one payer (validated); the
    move wizards close and open payer periods together so that there is
    exactly one."""

    _name = "cs.unit.occupancy"
    _description = "Unit Occupancy"
    _order = "unit_id, date_from desc, id desc"
    _check_company_auto = True

    unit_id = fields.Many2one(
        "cs.unit", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True
    )
    role = fields.Selection(ROLES, required=True, default="owner")
    is_payer = fields.Boolean(string="Payer")
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    date_to = fields.Date()
    is_current = fields.Boolean(compute="_compute_is_current")
    phone = fields.Char(related="partner_id.phone")
    mobile = fields.Char(related="partner_id.mobile")

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_to >= date_from)",
            "An occupancy cannot end before it starts.",
        )
    ]

    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for occupancy in self:
            occupancy.is_current = occupancy.date_from <= today and (
                not occupancy.date_to or occupancy.date_to >= today
            )

    @api.constrains("is_payer", "role")
    def _check_payer_role(self):
        for occupancy in self:
            if occupancy.is_payer and occupancy.role not in ("owner", "tenant"):
                raise ValidationError(
                    self.env._(
                        "Only an owner or a tenant can pay for unit %(unit)s.",
                        unit=occupancy.unit_id.code,
                    )
                )

    @api.constrains("is_payer", "date_from", "date_to", "unit_id")
    def _check_one_payer(self):
        units = self.filtered("is_payer").unit_id
        if not units:
            return
        payers = self.search(
            [("unit_id", "in", units.ids), ("is_payer", "=", True)],
            order="unit_id, date_from, id",
        )
        periods = defaultdict(list)
        for payer in payers:
            periods[payer.unit_id].append(payer)
        for unit, rows in periods.items():
            for before, after in pairwise(rows):
                if (before.date_to or FAR_FUTURE) >= after.date_from:
                    raise ValidationError(
                        self.env._(
                            "Unit %(unit)s would have two payers from %(date)s "
                            "(%(first)s and %(second)s): close one period first.",
                            unit=unit.code,
                            date=after.date_from,
                            first=before.partner_id.name,
                            second=after.partner_id.name,
                        )
                    )

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Owners and Residents"),
                "template": "/cs_property/static/xls/"
                "cs_unit_occupancy_import_template.csv",
            }
        ]

    @api.model
    def _cs_payers(self, units, day):
        """``{unit id: payer partner}`` on ``day`` for ``units`` (one query)."""
        rows = self.search_fetch(
            [
                ("unit_id", "in", units.ids),
                ("is_payer", "=", True),
                ("date_from", "<=", day),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", day),
            ],
            ["unit_id", "partner_id"],
        )
        return {row.unit_id.id: row.partner_id for row in rows}

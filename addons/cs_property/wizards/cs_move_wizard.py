# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.cs_unit_occupancy import ROLES


class CsMoveWizard(models.TransientModel):
    """Move-in / move-out: closes the current periods of a role and opens
    the next one on the same day, so that the unit keeps exactly one payer."""

    _name = "cs.move.wizard"
    _description = "Move In / Move Out"

    unit_id = fields.Many2one("cs.unit", required=True)
    mode = fields.Selection([("in", "Move In"), ("out", "Move Out")], required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    partner_id = fields.Many2one("res.partner", string="New Occupant")
    role = fields.Selection(ROLES, default="owner")
    is_payer = fields.Boolean(string="Pays the Fees", default=True)
    leaving_ids = fields.Many2many(
        "cs.unit.occupancy",
        domain="[('unit_id', '=', unit_id), ('date_to', '=', False)]",
    )

    def action_confirm(self):
        """Close ``leaving_ids`` the day before ``date`` and open the new
        occupant's period on ``date``. A leaving payer must be replaced."""
        self.ensure_one()
        occupancies = self.env["cs.unit.occupancy"]
        payer_leaves = any(self.leaving_ids.mapped("is_payer"))
        if self.mode == "in" and not self.partner_id:
            raise UserError(self.env._("Choose who moves in."))
        if payer_leaves and not (self.partner_id and self.is_payer):
            raise UserError(
                self.env._(
                    "The payer of unit %(unit)s leaves: name the new payer.",
                    unit=self.unit_id.code,
                )
            )
        current_payer = occupancies.search(
            [
                ("unit_id", "=", self.unit_id.id),
                ("is_payer", "=", True),
                ("date_to", "=", False),
            ]
        )
        closing = self.leaving_ids
        staying = self.env["cs.unit.occupancy"]
        if self.partner_id and self.is_payer:
            # the new payer takes over; a payer who stays keeps their role
            staying = current_payer - self.leaving_ids
            closing |= current_payer
        for occupancy in closing:
            if occupancy.date_from >= self.date:
                raise UserError(
                    self.env._(
                        "%(name)s moved in on %(date)s: a move-out must come later.",
                        name=occupancy.partner_id.name,
                        date=occupancy.date_from,
                    )
                )
        closing.write({"date_to": self.date - timedelta(days=1)})
        if staying:
            occupancies.create(
                [
                    {
                        "unit_id": self.unit_id.id,
                        "partner_id": occupancy.partner_id.id,
                        "role": occupancy.role,
                        "is_payer": False,
                        "date_from": self.date,
                    }
                    for occupancy in staying
                ]
            )
        if self.partner_id:
            occupancies.create(
                {
                    "unit_id": self.unit_id.id,
                    "partner_id": self.partner_id.id,
                    "role": self.role,
                    "is_payer": self.is_payer,
                    "date_from": self.date,
                }
            )
        return {"type": "ir.actions.act_window_close"}

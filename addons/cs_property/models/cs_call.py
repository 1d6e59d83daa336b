# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

MAX_CARD_UNITS = 20


class CsCall(models.Model):
    _inherit = "cs.call"

    @api.model
    def _cs_reference_models(self):
        return super()._cs_reference_models() + ["account.move", "cs.unit"]

    @api.model
    def _cs_caller_extra(self, partners):
        """Adds ``"units": [{"id", "code", "estate", "role", "balance"}]``:
        the current units of the best-matching contact (or of its company),
        those they pay for first, at most MAX_CARD_UNITS."""
        result = super()._cs_caller_extra(partners)
        units = []
        best = partners[:1]
        if best:
            today = fields.Date.context_today(self)
            occupancies = self.env["cs.unit.occupancy"].search(
                [
                    ("partner_id", "in", (best | best.commercial_partner_id).ids),
                    ("date_from", "<=", today),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", today),
                ],
                order="is_payer desc, date_from desc, id",
                limit=MAX_CARD_UNITS,
            )
            seen = set()
            for occupancy in occupancies:
                unit = occupancy.unit_id
                if unit.id in seen:
                    continue
                seen.add(unit.id)
                units.append(
                    {
                        "id": unit.id,
                        "code": unit.code,
                        "estate": unit.estate_id.name,
                        "role": occupancy.role,
                        "balance": unit.balance,
                    }
                )
        result["units"] = units
        return result

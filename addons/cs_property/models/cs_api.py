# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CsApi(models.AbstractModel):
    _inherit = "cs.api"

    @api.model
    def unit_statement(self, unit_code, as_of=None):
        """The account of one unit (业主对账单).

        :param str unit_code: the unit's code, e.g. ``"A-1-1201"``
        :param str as_of: ISO date ``"YYYY-MM-DD"``; default today. Invoices
            dated after it and payments matched after it are ignored.
        :returns: ``{"unit": code, "estate": name, "payer": {"id", "name"},
            "billed": float, "paid": float, "balance": float,
            "prepaid": float, "overdue": {"0-30", "31-90", "91-365", "365+"},
            "late_fee": float, "invoices": [{"number", "period", "amount",
            "residual", "due_date", "state"}]}``. Only posted
            invoices count; ``billed`` is net of credit notes (waivers);
            ``overdue`` buckets the unpaid amounts by days past their due
            date; ``prepaid`` is the payer's unapplied payments;
            ``late_fee`` is the late fee (滞纳金) accrued up to ``as_of``
            under the estate's late fee policy and not yet charged (charged
            late fees are invoices, in ``billed``).
        """
        self._cs_check_caller()
        code = self._cs_require_string(unit_code, "unit_code")
        if as_of is None or as_of is False:
            day = fields.Date.context_today(self)
        else:
            if not isinstance(as_of, str):
                raise ValidationError(
                    self.env._("as_of must be a date string YYYY-MM-DD.")
                )
            try:
                day = date.fromisoformat(as_of)
            except ValueError as error:
                raise ValidationError(
                    self.env._("as_of must be a date string YYYY-MM-DD.")
                ) from error
        # sudo: integration users read no units or invoices; they get this
        # summary of the units of their own companies only.
        unit = (
            self.env["cs.unit"]
            .sudo()
            .search(
                [
                    ("code", "=", code),
                    ("company_id", "in", self.env.user.company_ids.ids),
                ],
                limit=1,
            )
        )
        if not unit:
            raise UserError(self.env._("No unit with code %s.", code))
        return unit._cs_statement(day)

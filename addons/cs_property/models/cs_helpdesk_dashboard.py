# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CsHelpdeskDashboard(models.AbstractModel):
    _inherit = "cs.helpdesk.dashboard"

    @api.model
    def get_data(self, period_days=30):
        """Adds ``fees``, the Fee Officer card: arrears by age, late fees
        accrued and not charged, and this month's collection rates of the
        reader's estates (empty for readers who are neither Fee Officer nor
        Manager)."""
        if self.env["helpdesk.ticket"].has_access("read"):
            result = super().get_data(period_days)
        else:
            # A Fee Officer without helpdesk rights opens the dashboard for
            # this card only: the ticket figures stay empty.
            result = {
                "period_days": period_days,
                "periods": [period_days],
                "since": False,
                "totals": {},
                "backlog": 0,
                "ages": [],
                "at_risk": 0,
                "breached": 0,
                "teams": [],
                "cs_fee_only": True,
            }
        result["fees"] = self._cs_fee_figures()
        return result

    @api.model
    def _cs_fee_figures(self):
        user = self.env.user
        if not (
            user.has_group("cs_callcenter.group_fee_officer")
            or user.has_group("cs_callcenter.group_manager")
        ):
            return {}
        today = fields.Date.context_today(self)
        Report = self.env["cs.arrears.report"]
        ((total, units, *ages),) = Report._read_group(
            [],
            [],
            ["amount_residual:sum", "unit_id:count_distinct"]
            + [
                f"{name}:sum"
                for name in (
                    "amount_0_30",
                    "amount_31_90",
                    "amount_91_365",
                    "amount_365",
                )
            ],
        )
        estates = self.env["cs.estate"].search([])
        month = today.replace(day=1)
        rates = self.env["cs.collection.report"]._cs_rates(estates, month, today)
        billed = sum(row["billed"] for row in rates)
        collected = sum(row["collected"] for row in rates)
        arrears = sum(row["arrears_start"] for row in rates)
        recovered = sum(row["recovered"] for row in rates)
        currency = self.env.company.currency_id
        accrued = self.env["account.move"]._cs_late_fee_accrued(today)
        return {
            "arrears": currency.round(total or 0.0),
            "units": units or 0,
            "ages": [currency.round(amount or 0.0) for amount in ages],
            "late_fee": currency.round(sum(accrued.values())),
            "month": month.strftime("%Y-%m"),
            "current_rate": round(100.0 * collected / billed, 1) if billed else 0.0,
            "recovery_rate": round(100.0 * recovered / arrears, 1) if arrears else 0.0,
        }

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import AccessError

AMOUNTS = ["amount_0_30", "amount_31_90", "amount_91_365", "amount_365"]


def check_fee_reader(env):
    """The fee reports read invoices of whole estates: Fee Officers and
    Managers only."""
    if not (
        env.user.has_group("cs_callcenter.group_fee_officer")
        or env.user.has_group("cs_callcenter.group_manager")
    ):
        raise AccessError(env._("Only Fee Officers and Managers read fee reports."))


class CsArrearsXlsx(models.AbstractModel):
    """《欠费明细表》: the arrears of each unit and payer of the estates, by
    age (0-30, 31-90, 91-365, over 365 days past due), with the late fees
    accrued and not yet charged."""

    _name = "report.cs_property.arrears_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Arrears Detail Report (Excel)"

    def _cs_rows(self, estates):
        check_fee_reader(self.env)
        Report = self.env["cs.arrears.report"]
        groups = Report._read_group(
            [("estate_id", "in", estates.ids)],
            ["estate_id", "building_id", "unit_id", "partner_id"],
            [f"{name}:sum" for name in AMOUNTS]
            + ["amount_residual:sum", "days_overdue:max", "__count"],
        )
        moves = self.env["account.move"].search(
            [
                ("cs_estate_id", "in", estates.ids),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ]
        )
        accrued = (
            moves._cs_late_fee_accrued(fields.Date.context_today(self)) if moves else {}
        )
        late = defaultdict(float)
        for move in moves.browse(list(accrued)):
            late[move.cs_unit_id.id, move.commercial_partner_id.id] += accrued[move.id]
        rows = []
        for estate, building, unit, partner, *figures in groups:
            amounts, (total, days, count) = figures[:4], figures[4:]
            rows.append(
                [estate.name, building.name, unit.code, partner.display_name]
                + [count, days]
                + list(amounts)
                + [total, round(late.get((unit.id, partner.id), 0.0), 2)]
            )
        rows.sort(key=lambda row: (row[0] or "", row[1] or "", row[2] or ""))
        return rows

    def generate_xlsx_report(self, workbook, data, estates):
        _ = self.env._
        rows = self._cs_rows(estates)
        totals = [_("Total"), False, False, False, sum(row[4] for row in rows), False]
        totals += [round(sum(row[i] for row in rows), 2) for i in range(6, 12)]
        self._cs_write_table(
            workbook,
            _("Arrears"),
            _("Arrears Detail Report"),
            [
                (_("Estate"), 16, "text"),
                (_("Building"), 10, "text"),
                (_("Unit"), 12, "text"),
                (_("Payer"), 18, "text"),
                (_("Overdue Invoices"), 10, "number"),
                (_("Max Days Overdue"), 10, "number"),
                (_("0-30 days"), 12, "float"),
                (_("31-90 days"), 12, "float"),
                (_("91-365 days"), 12, "float"),
                (_("Over 365 days"), 12, "float"),
                (_("Total Arrears"), 13, "float"),
                (_("Late Fees Accrued"), 13, "float"),
            ],
            rows,
            totals=totals,
        )

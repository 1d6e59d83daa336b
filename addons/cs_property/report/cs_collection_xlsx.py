# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .cs_arrears_xlsx import check_fee_reader


class CsCollectionXlsx(models.AbstractModel):
    """《收费率统计表》: per estate and month, the current-period collection
    rate (当期收缴率) and the arrears recovery rate (清欠率), defined in
    cs.collection.report."""

    _name = "report.cs_property.collection_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Collection Rate Report (Excel)"

    def generate_xlsx_report(self, workbook, data, estates):
        _ = self.env._
        check_fee_reader(self.env)
        Report = self.env["cs.collection.report"]
        data = data or {}
        date_from, date_to = Report._cs_default_period()
        if data.get("date_from"):
            date_from = fields.Date.to_date(data["date_from"])
        if data.get("date_to"):
            date_to = fields.Date.to_date(data["date_to"])
        self._cs_write_table(
            workbook,
            _("Collection Rates"),
            _("Collection Rate Report"),
            [
                (_("Estate"), 16, "text"),
                (_("Month"), 10, "month"),
                (_("Billed"), 13, "float"),
                (_("Collected in the Period"), 13, "float"),
                (_("Current-Period Collection Rate"), 13, "percent"),
                (_("Arrears at Start"), 13, "float"),
                (_("Arrears Recovered"), 13, "float"),
                (_("Arrears Recovery Rate"), 13, "percent"),
            ],
            [
                [
                    row["estate"].name,
                    row["month"],
                    row["billed"],
                    row["collected"],
                    row["current_rate"],
                    row["arrears_start"],
                    row["recovered"],
                    row["recovery_rate"],
                ]
                for row in Report._cs_rates(estates, date_from, date_to)
            ],
            period=(date_from, date_to),
        )

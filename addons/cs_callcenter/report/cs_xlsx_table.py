# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pytz import UnknownTimeZoneError, timezone, utc

from odoo import models


class CsXlsxTable(models.AbstractModel):
    """Shared layout of the suite's Excel registers: a title row, a bold header
    row frozen under it with filters, one typed cell per value (real dates,
    numbers), and sensible column widths. A register only lists its columns
    and rows."""

    _name = "report.cs_callcenter.xlsx_table"
    _inherit = "report.report_xlsx.abstract"
    _description = "Customer Service Excel Table"

    def get_workbook_options(self):
        # Rows go to disk as they are written, so a register of 100,000
        # complaints does not hold every cell in memory; the tables are
        # written top to bottom, which is all this mode asks.
        return {"constant_memory": True}

    def _cs_reader_timezone(self):
        name = self.env.context.get("tz") or self.env.user.tz or "UTC"
        try:
            return timezone(name)
        except UnknownTimeZoneError:
            return utc

    def _cs_write_table(self, workbook, sheet_name, title, columns, rows, count=None):
        """``columns``: [(header, width, kind)] with kind in text, date,
        datetime, month, number, float; ``rows``: lists of values (False =
        empty), a list or any iterable when ``count`` gives their number."""
        sheet = workbook.add_worksheet(sheet_name[:31])
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
            "month": workbook.add_format({"num_format": "yyyy-mm", "valign": "top"}),
            "datetime": workbook.add_format(
                {"num_format": "yyyy-mm-dd hh:mm", "valign": "top"}
            ),
            "number": workbook.add_format({"num_format": "0", "valign": "top"}),
            "float": workbook.add_format({"num_format": "#,##0.00", "valign": "top"}),
        }
        count = len(rows) if count is None else count
        zone = self._cs_reader_timezone()
        for col, (_header, width, _kind) in enumerate(columns):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(2, 0)
        sheet.autofilter(1, 0, max(count + 1, 1), len(columns) - 1)
        sheet.write(0, 0, title, formats["title"])
        for col, (header, _width, _kind) in enumerate(columns):
            sheet.write(1, col, header, formats["header"])
        for row_index, row in enumerate(rows, start=2):
            for col, value in enumerate(row):
                kind = columns[col][2]
                if value is False or value is None or value == "":
                    sheet.write_blank(row_index, col, None, formats[kind])
                elif kind == "datetime":
                    # stored in UTC: shown in the reader's timezone
                    local = utc.localize(value).astimezone(zone).replace(tzinfo=None)
                    sheet.write_datetime(row_index, col, local, formats[kind])
                elif kind in ("date", "month"):
                    sheet.write_datetime(row_index, col, value, formats[kind])
                elif kind in ("number", "float"):
                    sheet.write_number(row_index, col, value, formats[kind])
                else:
                    sheet.write_string(row_index, col, str(value), formats[kind])
        return sheet

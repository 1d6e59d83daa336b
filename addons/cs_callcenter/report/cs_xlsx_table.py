# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import namedtuple
from datetime import datetime

from pytz import UnknownTimeZoneError, timezone, utc

from odoo import fields, models

# Rows of every sheet (0-based, as xlsxwriter counts): the title, the header
# block of a Chinese 表 (统计期间 and 制表单位, then 制表人 and 制表日期), the
# column headers, the data. Tests read them 1-based (openpyxl): +1.
TITLE_ROW = 0
HEADER_BLOCK_ROWS = (1, 2)
HEADER_ROW = 3
FIRST_DATA_ROW = 4
# the cell format of each kind of column
NUMBER_FORMATS = {
    "text": {"text_wrap": True},
    "date": {"num_format": "yyyy-mm-dd"},
    "month": {"num_format": "yyyy-mm"},
    "datetime": {"num_format": "yyyy-mm-dd hh:mm"},
    "number": {"num_format": "0"},
    "float": {"num_format": "#,##0.00"},
    "percent": {"num_format": "0.0%"},
}
# A4, as Excel numbers paper sizes
PAPER_A4 = 9

# One cell whose kind differs from its column's (a summary sheet listing
# counts and rates in one "Value" column).
Cell = namedtuple("Cell", ["value", "kind"])


class CsXlsxTable(models.AbstractModel):
    """Shared layout of the suite's Excel tables (《…表》), ready to print.

    Every sheet written by ``_cs_write_table`` has:

    * the title on top, centred over the table;
    * the header block a Chinese manager expects on a printed 表:
      统计期间 (period), 制表单位 (the company), 制表人 (the user printing) and
      制表日期 (today in the user's timezone);
    * the column headers, bold, frozen and filtered, repeated on every
      printed page;
    * one typed cell per value: counts as integers, percentages in
      percentage format, dates as dates, datetimes in the reader's timezone;
    * an optional totals row, bold;
    * print settings: landscape A4, fitted to the page width, page numbers
      in the footer.

    A report only lists its columns and rows. Public API (kept backward
    compatible — new parameters come with defaults):

    ``_cs_write_table(workbook, sheet_name, title, columns, rows, count=None,
    period=None, totals=None)``

    ``columns``
        ``[(header, width, kind)]``, kind in ``text``, ``date``,
        ``datetime``, ``month``, ``number`` (an integer count), ``float``
        (two decimals), ``percent`` (a value in %, e.g. ``12.5`` for 12.5 %,
        as ``rate()`` returns it; written as the fraction 0.125 with
        Excel's percentage format).
    ``rows``
        lists of values (``False``/``None``/``""`` = blank cell); a list, or
        any iterable when ``count`` gives their number (rows are streamed to
        disk). A value may be a ``Cell(value, kind)`` to override its
        column's kind.
    ``period``
        the 统计期间: ``(start, end)`` dates or datetimes (datetimes are shown
        in the reader's timezone), a text, or None for "as of" today.
    ``totals``
        the values of the totals row (same kinds as the columns), written
        after the data; None for no totals row. ``_cs_sum_totals`` builds
        one that sums the count columns; ``_cs_period_of`` gives the period
        of selected records.

    Returns the worksheet.
    """

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

    def _cs_local(self, value):
        """A stored (UTC, naive) datetime in the reader's timezone, naive."""
        zone = self._cs_reader_timezone()
        return utc.localize(value).astimezone(zone).replace(tzinfo=None)

    def _cs_period_text(self, period):
        _ = self.env._
        if not period:
            today = self._cs_local(fields.Datetime.now()).date()
            return _("as of %s", fields.Date.to_string(today))
        if isinstance(period, str):
            return period
        start, end = period

        def text(value):
            if isinstance(value, datetime):
                value = self._cs_local(value).date()
            return fields.Date.to_string(value) if value else "…"

        return _("%(start)s to %(end)s", start=text(start), end=text(end))

    def _cs_period_of(self, model, domain, fname):
        """The 统计期间 of a report on selected records: the first and last
        value of the date or datetime field ``fname`` over the records of
        ``domain`` (None when there are none: "as of" today)."""
        [(first, last)] = model._read_group(
            domain, [], [f"{fname}:min", f"{fname}:max"]
        )
        return (first, last) if first else None

    @staticmethod
    def _cs_sum_totals(columns, rows, label):
        """A totals row for ``rows``: ``label`` in the first column, the sum
        of every ``number`` (count) column, the other columns blank (rates and
        averages are not sums: a report computes those itself)."""
        totals = [label] + [False] * (len(columns) - 1)
        for col, column in enumerate(columns[1:], start=1):
            if column[2] == "number":
                totals[col] = sum(
                    (row[col].value if isinstance(row[col], Cell) else row[col]) or 0
                    for row in rows
                )
        return totals

    def _cs_formats(self, workbook):
        def add(**options):
            return workbook.add_format(dict({"valign": "top"}, **options))

        formats = {
            "title": add(bold=True, font_size=16, align="center", valign="vcenter"),
            "block": add(),
            "header": add(bold=True, bg_color="#D9E1F2", border=1, text_wrap=True),
        }
        # each kind, and bold with a rule above for the totals row
        for kind, options in NUMBER_FORMATS.items():
            formats[kind] = add(**options)
            formats[f"total_{kind}"] = add(bold=True, top=1, **options)
        return formats

    def _cs_write_cell(self, sheet, row, col, value, kind, formats, prefix=""):
        if isinstance(value, Cell):
            value, kind = value
        cell_format = formats[prefix + kind]
        if value is False or value is None or value == "":
            sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, str):
            # a label in a numeric column (the totals row's "Total")
            sheet.write_string(row, col, value, cell_format)
        elif kind == "datetime":
            # stored in UTC: shown in the reader's timezone
            sheet.write_datetime(row, col, self._cs_local(value), cell_format)
        elif kind in ("date", "month"):
            sheet.write_datetime(row, col, value, cell_format)
        elif kind == "number":
            sheet.write_number(row, col, round(value), cell_format)
        elif kind == "percent":
            # a fraction for Excel; rounded so that 93.3 % is 0.933, not 0.93299..
            sheet.write_number(row, col, round(value / 100.0, 6), cell_format)
        elif kind == "float":
            sheet.write_number(row, col, value, cell_format)
        else:
            sheet.write_string(row, col, str(value), cell_format)

    def _cs_print_setup(self, sheet, last_col):
        _ = self.env._
        sheet.set_landscape()
        sheet.set_paper(PAPER_A4)
        # as wide as the page, as many pages down as it takes
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(HEADER_ROW)
        sheet.center_horizontally()
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        # &P / &N: Excel's page number and page count
        sheet.set_footer("&C" + _("Page &P of &N"))

    def _cs_write_header_block(self, sheet, title, last_col, period, formats):
        _ = self.env._
        today = self._cs_local(fields.Datetime.now()).date()
        # the right half of the block starts in the middle of the table
        right = max((last_col + 1) // 2, 1)
        if last_col:
            sheet.merge_range(
                TITLE_ROW, 0, TITLE_ROW, last_col, title, formats["title"]
            )
        else:
            sheet.write(TITLE_ROW, 0, title, formats["title"])
        sheet.set_row(TITLE_ROW, 24)
        block = (
            (
                _("Statistics Period: %s", self._cs_period_text(period)),
                _("Issuing Unit: %s", self.env.company.name),
            ),
            (
                _("Prepared by: %s", self.env.user.name),
                _("Prepared on: %s", fields.Date.to_string(today)),
            ),
        )
        for row, (left_text, right_text) in zip(HEADER_BLOCK_ROWS, block, strict=True):
            sheet.write_string(row, 0, left_text, formats["block"])
            sheet.write_string(row, right, right_text, formats["block"])

    def _cs_write_table(
        self,
        workbook,
        sheet_name,
        title,
        columns,
        rows,
        count=None,
        period=None,
        totals=None,
    ):
        """See the class docstring."""
        sheet = workbook.add_worksheet(sheet_name[:31])
        formats = self._cs_formats(workbook)
        count = len(rows) if count is None else count
        last_col = len(columns) - 1
        for col, (_header, width, *_rest) in enumerate(columns):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(FIRST_DATA_ROW, 0)
        sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + max(count, 1), last_col)
        self._cs_print_setup(sheet, last_col)
        self._cs_write_header_block(sheet, title, last_col, period, formats)
        for col, (header, *_rest) in enumerate(columns):
            sheet.write(HEADER_ROW, col, header, formats["header"])
        row_index = FIRST_DATA_ROW
        for row in rows:
            for col, value in enumerate(row):
                self._cs_write_cell(
                    sheet, row_index, col, value, columns[col][2], formats
                )
            row_index += 1
        if totals is not None:
            for col, value in enumerate(totals):
                self._cs_write_cell(
                    sheet, row_index, col, value, columns[col][2], formats, "total_"
                )
        return sheet

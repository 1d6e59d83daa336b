# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def report_action(self, docids, data=None, config=True):
        """An Excel workbook has no letterhead: never offer to set up the PDF
        document layout (logo, address, fonts) before one, as Odoo does for an
        administrator whose company has none yet."""
        if self.report_type == "xlsx":
            config = False
        return super().report_action(docids, data=data, config=config)

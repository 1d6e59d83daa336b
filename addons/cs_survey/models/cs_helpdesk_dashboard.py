# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CsHelpdeskDashboard(models.AbstractModel):
    _inherit = "cs.helpdesk.dashboard"

    @api.model
    def get_data(self, period_days=30):
        """Adds ``survey``: the satisfaction figures of the answers of the
        period (the reader's teams for a supervisor; empty for readers of
        the dashboard without access to the statistics)."""
        result = super().get_data(period_days)
        Report = self.env["cs.survey.report"]
        figures = {}
        if Report.has_access("read"):
            since = fields.Datetime.to_datetime(result["since"])
            rows = Report._cs_table([("date", ">=", since)])
            figures = rows[0][1] if rows else {}
        result["survey"] = figures
        return result

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

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

    @api.model
    def get_chart_data(self, period_days=30):
        """Adds ``csat``: the CSAT % per bucket of the period (None where
        nobody answered), the same figure as the survey statistics."""
        result = super().get_chart_data(period_days)
        result["csat"] = []
        Report = self.env["cs.survey.report"]
        if not Report.has_access("read"):
            return result
        since = fields.Datetime.now() - timedelta(days=period_days)
        stats = Report._cs_stats(
            [("date", ">=", since)], [f"date:{result['granularity']}"]
        )
        scores = {}
        for (start,), raw in stats.items():
            if not start:
                continue
            day = start.date() if hasattr(start, "date") else start
            figure = Report._cs_figures(raw)["csat"]
            scores[fields.Date.to_string(day)] = (
                figure["score"] if figure["n"] else None
            )
        result["csat"] = [
            {
                "key": "csat",
                "label": self.env._("CSAT %"),
                "data": [scores.get(bucket) for bucket in result["buckets"]],
            }
        ]
        return result

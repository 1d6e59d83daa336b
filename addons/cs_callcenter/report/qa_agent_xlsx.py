# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools.stats import grouped_stats

# name: (extra domain, aggregate) for grouped_stats
MEASURES = {
    "reviews": ([], "__count"),
    "score": ([], "score:avg"),
    "failed": ([("failed", "=", True)], "__count"),
    "acknowledged": ([("state", "=", "acknowledged")], "__count"),
    "mystery": ([("mystery", "=", True)], "__count"),
}


class QaAgentXlsx(models.AbstractModel):
    """Agent quality per month: reviews, average score, failed reviews (a
    fatal item), how many the agent acknowledged, mystery-caller visits."""

    _name = "report.cs_callcenter.qa_agent_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Agent Quality Report (Excel)"

    def generate_xlsx_report(self, workbook, data, reviews):
        _ = self.env._
        Review = self.env["cs.qa.review"]
        domain = [("id", "in", reviews.ids), ("state", "!=", "draft")]
        stats = grouped_stats(Review, domain, ["agent_id", "date:month"], MEASURES)
        overall = grouped_stats(Review, domain, [], MEASURES).get(())
        rows = [
            [
                agent.name,
                month,
                values["reviews"],
                round(values["score"], 1),
                values["failed"],
                values["acknowledged"],
                values["mystery"],
            ]
            for (agent, month), values in sorted(
                stats.items(), key=lambda item: (item[0][0].name or "", item[0][1])
            )
        ]
        self._cs_write_table(
            workbook,
            _("Agent Quality"),
            _("Agent Quality Report"),
            [
                (_("Agent"), 20, "text"),
                (_("Month"), 10, "month"),
                (_("Reviews"), 9, "number"),
                (_("Average Score (%)"), 12, "percent"),
                (_("Failed"), 9, "number"),
                (_("Acknowledged"), 12, "number"),
                (_("Mystery Caller"), 12, "number"),
            ],
            rows,
            period=self._cs_period_of(Review, domain, "date"),
            totals=[
                _("Total"),
                False,
                overall["reviews"],
                round(overall["score"], 1),
                overall["failed"],
                overall["acknowledged"],
                overall["mystery"],
            ]
            if overall
            else None,
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.cs_callcenter.tools.stats import grouped_stats, rate

# name: (extra domain, aggregate) for cs_callcenter's grouped_stats
MEASURES = {
    "complaints": ([], "__count"),
    "founded": ([("cs_founded", "=", "founded")], "__count"),
    # the average over the resolved complaints (helpdesk_ticket_kpi's
    # KPI_AVERAGES) and their number: none resolved, blank
    "resolved": ([], "cs_resolved_date:count"),
    "avg_resolution": ([], "cs_resolution_hours:avg"),
}


class ComplaintClassificationXlsx(models.AbstractModel):
    """《顾客投诉分类统计表》: complaints per cause category, responsible
    department and month, with the founded rate and the average resolution
    time — the figures the supervisor's review drives improvements with."""

    _name = "report.cs_helpdesk.complaint_classification_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Complaint Classification Statistics (Excel)"

    def _get_objs_for_report(self, docids, data):
        ids = docids or (data or {}).get("ticket_ids") or []
        return self.env["helpdesk.ticket"].browse(ids)

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        Ticket = self.env["helpdesk.ticket"]
        domain = [("id", "in", objs.ids), ("cs_kind", "=", "complaint")]
        stats = grouped_stats(
            Ticket,
            domain,
            ["create_date:month", "cs_cause", "cs_department_id"],
            MEASURES,
        )
        overall = grouped_stats(Ticket, domain, [], MEASURES).get((), {})
        causes = dict(Ticket._fields["cs_cause"]._description_selection(self.env))
        rows = []
        for (month, cause, department), values in sorted(
            stats.items(),
            key=lambda item: (
                item[0][0],
                causes.get(item[0][1]) or "",
                item[0][2].display_name or "",
            ),
        ):
            rows.append(
                [
                    month,
                    causes.get(cause) or _("Not classified"),
                    department.display_name or _("No department"),
                    values["complaints"],
                    values["founded"],
                    rate(values["founded"], values["complaints"]),
                    # blank, not 0, while none of them is resolved
                    round(values["avg_resolution"], 2) if values["resolved"] else False,
                ]
            )
        totals = [
            False,
            _("Total"),
            False,
            overall.get("complaints", 0),
            overall.get("founded", 0),
            rate(overall.get("founded", 0), overall.get("complaints", 0)),
            round(overall["avg_resolution"], 2) if overall.get("resolved") else False,
        ]
        self._cs_write_table(
            workbook,
            _("Classification"),
            _("Customer Complaint Classification Statistics"),
            [
                (_("Month"), 10, "month"),
                (_("Cause Category"), 18, "text"),
                (_("Responsible Department"), 20, "text"),
                (_("Complaints"), 11, "number"),
                (_("Founded"), 10, "number"),
                (_("Founded Rate (%)"), 12, "percent"),
                (_("Average Resolution Time (h)"), 14, "float"),
            ],
            rows,
            period=self._cs_period_of(Ticket, domain, "create_date"),
            totals=totals,
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class TicketKpiXlsx(models.AbstractModel):
    """The KPIs of docs/DOMAIN.md §8 per team and per agent, one sheet each, from
    the same figures as the supervisor dashboard (cs.helpdesk.dashboard's
    ``_cs_kpis``), with the whole selection as the totals row."""

    _name = "report.cs_helpdesk.ticket_kpi_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Ticket KPIs per Team and Agent (Excel)"

    def _get_objs_for_report(self, docids, data):
        ids = docids or (data or {}).get("ticket_ids") or []
        return self.env["helpdesk.ticket"].browse(ids)

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        dashboard = self.env["cs.helpdesk.dashboard"]
        domain = [("id", "in", objs.ids)]
        figures = [
            (_("Tickets"), 9, "number", "tickets"),
            (_("Closed"), 9, "number", "closed"),
            (_("Open"), 9, "number", "backlog"),
            (_("Average Response (working h)"), 14, "float", "art"),
            (_("First-Contact Resolution (%)"), 14, "percent", "fcr_rate"),
            (_("Resolved within SLA (%)"), 14, "percent", "sla_rate"),
            (_("Average Resolution (h)"), 14, "float", "avg_resolution"),
            (_("Reopen Rate (%)"), 12, "percent", "reopen_rate"),
        ]
        period = self._cs_period_of(self.env["helpdesk.ticket"], domain, "create_date")
        all_figures = dict(dashboard._cs_kpis(domain, [])).get(())
        totals = (
            [_("Total")] + [all_figures[key] for _h, _w, _k, key in figures]
            if all_figures
            else None
        )
        for field, header, sheet, title, empty in (
            (
                "team_id",
                _("Team"),
                _("By Team"),
                _("Ticket KPIs by Team"),
                _("No team"),
            ),
            (
                "user_id",
                _("Agent"),
                _("By Agent"),
                _("Ticket KPIs by Agent"),
                _("Unassigned"),
            ),
        ):
            rows = [
                [record.display_name or empty]
                + [values[key] for _h, _w, _k, key in figures]
                for (record,), values in dashboard._cs_kpis(domain, [field])
            ]
            rows.sort(key=lambda row: row[0])
            self._cs_write_table(
                workbook,
                sheet,
                title,
                [(header, 24, "text")] + [f[:3] for f in figures],
                rows,
                period=period,
                totals=totals,
            )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.cs_callcenter.tools.stats import grouped_stats, rate

CLOSED = [("stage_id.closed", "=", True)]
OPEN = [("stage_id.closed", "=", False)]
# name: (extra domain, aggregate) for cs_callcenter's grouped_stats
KPI_MEASURES = {
    "tickets": ([], "__count"),
    "closed": (CLOSED, "__count"),
    "fcr": (CLOSED, "cs_fcr_count:sum"),
    "reopened": (CLOSED, "cs_reopened_count:sum"),
    "avg_resolution": (CLOSED, "cs_resolution_hours:avg"),
    "sla_closed": (CLOSED + [("cs_sla_policy_id", "!=", False)], "__count"),
    "sla_met": (CLOSED + [("cs_sla_policy_id", "!=", False)], "cs_sla_met_count:sum"),
    "art": ([("cs_first_response_date", "!=", False)], "cs_response_hours:avg"),
    "backlog": (OPEN, "__count"),
}
BACKLOG_AGES = [(0, 1), (1, 3), (3, 7), (7, None)]  # days open
PERIODS = (7, 30, 90, 365)


class CsHelpdeskDashboard(models.AbstractModel):
    """The figures of the supervisor dashboard and of the KPI workbook
    (docs/DOMAIN.md §8), computed by the database with the reader's access rights."""

    _name = "cs.helpdesk.dashboard"
    _description = "Helpdesk KPI Dashboard"

    @api.model
    def _cs_kpis(self, domain, groupby):
        """[(group key, figures)] with rates in % and averages in hours."""
        stats = grouped_stats(
            self.env["helpdesk.ticket"], domain, groupby, KPI_MEASURES
        )
        rows = []
        for key, raw in stats.items():
            rows.append(
                (
                    key,
                    {
                        "tickets": raw["tickets"],
                        "closed": raw["closed"],
                        "backlog": raw["backlog"],
                        "art": round(raw["art"], 2),
                        "avg_resolution": round(raw["avg_resolution"], 2),
                        "fcr_rate": rate(raw["fcr"], raw["closed"]),
                        "sla_rate": rate(raw["sla_met"], raw["sla_closed"]),
                        "reopen_rate": rate(raw["reopened"], raw["closed"]),
                    },
                )
            )
        return rows

    @api.model
    def get_data(self, period_days=30):
        """Everything the dashboard shows, for tickets registered in the
        last ``period_days`` days (backlog and SLA alerts: all open tickets)."""
        if period_days not in PERIODS:
            raise UserError(
                self.env._(
                    "The period is one of %s days.", ", ".join(map(str, PERIODS))
                )
            )
        Ticket = self.env["helpdesk.ticket"]
        now = fields.Datetime.now()
        since = now - timedelta(days=period_days)
        domain = [("create_date", ">=", since)]
        totals = dict(self._cs_kpis(domain, [])).get((), {})
        ages = []
        for low, high in BACKLOG_AGES:
            age_domain = OPEN + [("create_date", "<=", now - timedelta(days=low))]
            if high:
                age_domain.append(("create_date", ">", now - timedelta(days=high)))
            ages.append(
                {
                    "label": f"{low}-{high}" if high else f"{low}+",
                    "count": Ticket.search_count(age_domain),
                    "domain": age_domain,
                }
            )
        teams = []
        for (team,), figures in self._cs_kpis(domain, ["team_id"]):
            teams.append(
                {
                    "id": team.id,
                    "name": team.display_name or self.env._("No team"),
                    **figures,
                }
            )
        teams.sort(key=lambda t: -t["tickets"])
        alerts = {
            status: Ticket.search_count(OPEN + [("cs_sla_status", "=", status)])
            for status in ("at_risk", "breached")
        }
        return {
            "period_days": period_days,
            "periods": list(PERIODS),
            "since": fields.Datetime.to_string(since),
            "totals": totals,
            "backlog": sum(a["count"] for a in ages),
            "ages": ages,
            "at_risk": alerts["at_risk"],
            "breached": alerts["breached"],
            "teams": teams,
        }

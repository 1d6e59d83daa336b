# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import get_lang

from odoo.addons.cs_callcenter.tools.stats import grouped_stats, rate

CLOSED = [("stage_id.closed", "=", True)]
OPEN = [("stage_id.closed", "=", False)]
# name: (extra domain, aggregate) for cs_callcenter's grouped_stats
KPI_MEASURES = {
    "tickets": ([], "__count"),
    "closed": (CLOSED, "__count"),
    "fcr": (CLOSED, "cs_fcr_count:sum"),
    "reopened": (CLOSED, "cs_reopened_count:sum"),
    # the averages of helpdesk_ticket_kpi.KPI_AVERAGES (over the tickets they
    # apply to) and the number of those tickets (no ticket: blank, not 0)
    "avg_resolution": ([], "cs_resolution_hours:avg"),
    "resolved": ([], "cs_resolved_date:count"),
    "sla_closed": (CLOSED + [("cs_sla_policy_id", "!=", False)], "__count"),
    "sla_met": (CLOSED + [("cs_sla_policy_id", "!=", False)], "cs_sla_met_count:sum"),
    "art": ([], "cs_response_hours:avg"),
    "responded": ([], "cs_first_response_date:count"),
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
        """[(group key, figures)] with rates in % and averages in hours
        (False when no ticket of the group has the time: blank, not 0).
        The one place the ticket KPIs are put together: the dashboard, the
        KPI workbook and cs.api's ticket_kpis read them here."""
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
                        "art": round(raw["art"], 2) if raw["responded"] else False,
                        "avg_resolution": round(raw["avg_resolution"], 2)
                        if raw["resolved"]
                        else False,
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

    # -- charts (issue 15 §8): data for the dashboard's own charts ---------------
    @api.model
    def _cs_chart_buckets(self, since, granularity):
        """The start dates of the days, weeks (starting on the first day of
        the week of the user's language, as ``_read_group`` groups them) or
        months from ``since`` to today in the user's timezone: the x axis,
        without holes for periods without records."""
        first = fields.Datetime.context_timestamp(self, since).date()
        last = fields.Datetime.context_timestamp(self, fields.Datetime.now()).date()
        if granularity == "week":
            first_week_day = int(get_lang(self.env).week_start) - 1  # 0: Monday
            first -= timedelta(days=(first.weekday() - first_week_day) % 7)
        elif granularity == "month":
            first = first.replace(day=1)
        buckets = []
        day = first
        while day <= last:
            buckets.append(day)
            if granularity == "day":
                day += timedelta(days=1)
            elif granularity == "week":
                day += timedelta(days=7)
            else:
                day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return buckets

    @api.model
    def _cs_chart_series(self, model, domain, date_field, granularity, buckets, by):
        """{value of ``by``: [count per bucket of ``date_field``]} for the
        records of ``model`` in ``domain``, in one grouped query."""
        series = {}
        groups = model._read_group(
            domain, [f"{date_field}:{granularity}", by], ["__count"]
        )
        for start, value, count in groups:
            if not start:
                continue
            day = start.date() if hasattr(start, "date") else start
            counts = series.setdefault(value, dict.fromkeys(buckets, 0))
            counts[day] = counts.get(day, 0) + count
        return {
            value: [counts.get(bucket, 0) for bucket in buckets]
            for value, counts in series.items()
        }

    @api.model
    def get_chart_data(self, period_days=30):
        """The series of the dashboard's charts for the last ``period_days``
        days, per day (7 and 30 days), week (90) or month (365), read with
        the user's access rights: tickets registered by SLA status and the
        callbacks due with those called and reached in time. Modules add
        series (cs_survey: the CSAT trend)."""
        if period_days not in PERIODS:
            raise UserError(
                self.env._(
                    "The period is one of %s days.", ", ".join(map(str, PERIODS))
                )
            )
        granularity = (
            "day" if period_days <= 30 else "week" if period_days <= 90 else "month"
        )
        since = fields.Datetime.now() - timedelta(days=period_days)
        buckets = self._cs_chart_buckets(since, granularity)
        Ticket = self.env["helpdesk.ticket"]
        registered = [("create_date", ">=", since)]
        labels = dict(Ticket._fields["cs_sla_status"]._description_selection(self.env))
        statuses = [
            (status, status, labels[status])
            for status in ("on_track", "at_risk", "breached", "met")
        ] + [("none", False, self.env._("No SLA"))]
        zero = [0] * len(buckets)
        by_status = self._cs_chart_series(
            Ticket, registered, "create_date", granularity, buckets, "cs_sla_status"
        )
        tickets = [
            {"key": key, "label": label, "data": by_status.get(value, zero)}
            for key, value, label in statuses
        ]
        callbacks = []
        Task = self.env["cs.callback.task"]
        if Task.has_access("read"):
            due = [
                ("due_date", ">=", since),
                ("due_date", "<=", fields.Datetime.now()),
            ]
            by_call = self._cs_chart_series(
                Task, due, "due_date", granularity, buckets, "called_in_time"
            )
            by_reach = self._cs_chart_series(
                Task, due, "due_date", granularity, buckets, "reached_in_time"
            )
            called = by_call.get(True, zero)
            callbacks = [
                {
                    "key": "due",
                    "label": self.env._("Due"),
                    "data": [
                        a + b
                        for a, b in zip(called, by_call.get(False, zero), strict=True)
                    ],
                },
                {
                    "key": "called",
                    "label": self.env._("Called in time"),
                    "data": called,
                },
                {
                    "key": "reached",
                    "label": self.env._("Reached in time"),
                    "data": by_reach.get(True, zero),
                },
            ]
        return {
            "period_days": period_days,
            "granularity": granularity,
            "buckets": [fields.Date.to_string(bucket) for bucket in buckets],
            "tickets": tickets,
            "callbacks": callbacks,
        }

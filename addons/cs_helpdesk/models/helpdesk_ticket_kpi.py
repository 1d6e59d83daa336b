# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The KPIs of docs/DOMAIN.md §8 stored on every ticket: first response and
response count (ART), reopens, first-contact resolution, resolution time, so
that the dashboard and the workbook are grouped queries.

One definition per KPI, here: the pivot, the dashboard, the Excel workbook
and the API all read the averages through ``_read_group`` with the aggregates
of ``KPI_AVERAGES`` (``_read_group_select`` below), never recomputing them.
"""

from odoo import api, fields, models
from odoo.tools import SQL

# The averages over the tickets a time applies to, not over every ticket: a
# ticket without a response has no response time (its stored 0 would drag
# ART down), an open ticket no resolution time. {aggregate: (value field,
# field that is set on the tickets the time applies to)}
KPI_AVERAGES = {
    "cs_response_hours:avg": ("cs_response_hours", "cs_first_response_date"),
    "cs_resolution_hours:avg": ("cs_resolution_hours", "cs_resolved_date"),
}


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cs_first_response_date = fields.Datetime(
        string="First Response", readonly=True, copy=False, index=True
    )
    cs_response_count = fields.Integer(
        string="Responses",
        readonly=True,
        copy=False,
        help="Messages sent to the customer by staff.",
    )
    cs_reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False)
    cs_last_reopen_date = fields.Datetime(
        string="Last Reopened", readonly=True, copy=False
    )
    cs_response_hours = fields.Float(
        string="Response Time (working h)",
        compute="_compute_cs_kpis",
        store=True,
        aggregator="avg",
    )
    cs_resolution_hours = fields.Float(
        string="Resolution Time (h)",
        compute="_compute_cs_kpis",
        store=True,
        aggregator="avg",
        help="From registration to closing; none while the ticket is open "
        "(averages count closed tickets only).",
    )
    cs_resolved_date = fields.Datetime(
        string="Resolved on",
        compute="_compute_cs_kpis",
        store=True,
        help="When the ticket was closed; empty while it is open.",
    )
    cs_fcr = fields.Boolean(
        string="First-Contact Resolution",
        compute="_compute_cs_kpis",
        store=True,
        help="Closed without reopening and with at most one response.",
    )
    cs_fcr_count = fields.Integer(
        string="Resolved at First Contact", compute="_compute_cs_kpis", store=True
    )
    cs_closed_count = fields.Integer(
        string="Closed Tickets", compute="_compute_cs_kpis", store=True
    )
    cs_reopened_count = fields.Integer(
        string="Reopened Tickets",
        compute="_compute_cs_kpis",
        store=True,
        help="1 when the ticket was reopened at least once (for reopen rates).",
    )

    @api.model
    def _cs_workflow_fields(self):
        return super()._cs_workflow_fields() | {
            "cs_first_response_date",
            "cs_response_count",
            "cs_reopen_count",
            "cs_last_reopen_date",
        }

    @api.depends(
        "create_date",
        "cs_sla_start",
        "cs_sla_policy_id",
        "cs_first_response_date",
        "closed_date",
        "stage_id.closed",
        "cs_reopen_count",
        "cs_response_count",
    )
    def _compute_cs_kpis(self):
        for ticket in self:
            start = ticket.cs_sla_start or ticket.create_date
            first = ticket.cs_first_response_date
            closed = bool(ticket.stage_id.closed)
            # ART counts business hours (docs/DOMAIN.md §8)
            ticket.cs_response_hours = (
                ticket._cs_work_hours(start, first) if start and first else 0.0
            )
            resolved = closed and start and ticket.closed_date
            ticket.cs_resolved_date = ticket.closed_date if resolved else False
            ticket.cs_resolution_hours = (
                (ticket.closed_date - start).total_seconds() / 3600 if resolved else 0.0
            )
            ticket.cs_fcr = (
                closed and not ticket.cs_reopen_count and ticket.cs_response_count <= 1
            )
            ticket.cs_fcr_count = 1 if ticket.cs_fcr else 0
            ticket.cs_closed_count = 1 if closed else 0
            ticket.cs_reopened_count = 1 if ticket.cs_reopen_count else 0

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """ART and the average resolution time over the tickets they apply
        to (KPI_AVERAGES), for every reader of grouped figures (pivot,
        dashboard, Excel, API)."""
        if aggregate_spec not in KPI_AVERAGES:
            return super()._read_group_select(aggregate_spec, query)
        value, applies = KPI_AVERAGES[aggregate_spec]
        return SQL(
            "AVG(%(value)s) FILTER (WHERE %(applies)s IS NOT NULL)",
            value=self._field_to_sql(self._table, value, query),
            applies=self._field_to_sql(self._table, applies, query),
        )

    def _cs_kpi_values(self):
        """The KPIs of one ticket as the API and the registers show them:
        the times are False (blank) when they do not apply."""
        self.ensure_one()
        return {
            "response_hours": round(self.cs_response_hours, 2)
            if self.cs_first_response_date
            else False,
            "resolution_hours": round(self.cs_resolution_hours, 2)
            if self.cs_resolved_date
            else False,
            "fcr": self.cs_fcr,
            "reopen_count": self.cs_reopen_count,
        }

    def _cs_count_response(self):
        """A staff message reached the customer: the first one is the first
        response."""
        now = fields.Datetime.now()
        # sudo: posting may need only read access to the ticket; the KPI
        # is kept whoever answers (workflow path, see the write guard).
        for ticket in self.sudo():
            values = {"cs_response_count": ticket.cs_response_count + 1}
            if not ticket.cs_first_response_date:
                values["cs_first_response_date"] = now
            ticket._cs_workflow_write(values)

    # -- reopens (hooks of the ticket's write) ------------------------------------
    def _cs_reopening(self, vals):
        """The tickets this write moves from a closed stage to an open one."""
        if not vals.get("stage_id"):
            return self.browse()
        stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        if stage.closed:
            return self.browse()
        return self.filtered(lambda t: t.stage_id.closed)

    def _cs_count_reopen(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket._cs_workflow_write(
                {
                    "cs_reopen_count": ticket.cs_reopen_count + 1,
                    "cs_last_reopen_date": now,
                }
            )

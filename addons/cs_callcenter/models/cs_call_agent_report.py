# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

# {aggregate: SQL of the figure over many rows from the rows' sums}: the same
# definitions as the view's columns below, summed before dividing
WEIGHTED_AVERAGES = {
    # inbound calls answered in time, in % of inbound calls
    "service_level:avg": "100.0 * SUM(%(in_time)s) / NULLIF(SUM(%(inbound)s), 0)",
    # average wait of the inbound calls
    "avg_wait:avg": "SUM(%(wait)s * %(inbound)s) / NULLIF(SUM(%(inbound)s), 0)",
    # average talk time of the answered calls
    "aht:avg": "SUM(%(aht)s * %(answered)s) / NULLIF(SUM(%(answered)s), 0)",
}
WEIGHTED_FIELDS = {
    "in_time": "service_level_count",
    "inbound": "inbound_count",
    "wait": "avg_wait",
    "aht": "aht",
    "answered": "answered_count",
}


class CsCallAgentReport(models.Model):
    """Call figures per agent and day (a database view over cs.call).

    Answered and in-time figures are sums of the stored 0/1 fields of
    cs.call: the rules are defined there once, never again in SQL.

    The rates and averages of a row hold for that agent and day; over
    several rows (a pivot's agent total, a month) they are weighted by the
    calls they count (``WEIGHTED_AVERAGES``), not averaged row by row: an
    agent who answered 1 call of 1 in time and one who answered none of 99
    make a service level of 1 %, not 50 %."""

    _name = "cs.call.agent.report"
    _description = "Calls per Agent and Day"
    _auto = False
    _order = "date desc, user_id"

    date = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    inbound_count = fields.Integer(string="Inbound", readonly=True)
    outbound_count = fields.Integer(string="Outbound", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    missed_count = fields.Integer(string="Missed", readonly=True)
    abandoned_count = fields.Integer(string="Abandoned", readonly=True)
    service_level_count = fields.Integer(string="Answered in Time", readonly=True)
    service_level = fields.Float(
        string="Service Level (%)",
        readonly=True,
        aggregator="avg",
        help="Inbound calls answered in time (cs.call's service level: within "
        "15 seconds unless the system parameter "
        "cs_callcenter.service_level_seconds says otherwise), in % of inbound "
        "calls.",
    )
    avg_wait = fields.Float(string="Average Wait (s)", readonly=True, aggregator="avg")
    aht = fields.Float(
        string="AHT (s)",
        readonly=True,
        aggregator="avg",
        help="Average handle time: average talk time of the answered calls.",
    )

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """The weighted figures of WEIGHTED_AVERAGES for every grouped read
        (pivot, graph, list totals, reports)."""
        if aggregate_spec not in WEIGHTED_AVERAGES:
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            WEIGHTED_AVERAGES[aggregate_spec],
            **{
                key: self._field_to_sql(self._table, fname, query)
                for key, fname in WEIGHTED_FIELDS.items()
            },
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(table)s AS (
                SELECT
                    min(c.id) AS id,
                    (c.ring_date AT TIME ZONE 'UTC')::date AS date,
                    c.user_id,
                    c.company_id,
                    count(*) FILTER (WHERE c.direction = 'inbound') AS inbound_count,
                    count(*) FILTER (WHERE c.direction = 'outbound') AS outbound_count,
                    sum(c.answered_count) AS answered_count,
                    count(*) FILTER (WHERE c.state = 'done'
                                       AND c.disposition != 'answered') AS missed_count,
                    count(*) FILTER (WHERE c.disposition = 'abandoned')
                        AS abandoned_count,
                    sum(c.service_level_count) AS service_level_count,
                    COALESCE(100.0 * sum(c.service_level_count)
                        / NULLIF(count(*) FILTER (WHERE c.direction = 'inbound'), 0),
                        0) AS service_level,
                    COALESCE(avg(c.wait_seconds) FILTER (
                        WHERE c.direction = 'inbound'), 0) AS avg_wait,
                    COALESCE(avg(c.talk_seconds) FILTER (
                        WHERE c.answer_date IS NOT NULL), 0) AS aht
                FROM cs_call c
                WHERE c.user_id IS NOT NULL
                GROUP BY (c.ring_date AT TIME ZONE 'UTC')::date, c.user_id, c.company_id
            )""",
                table=SQL.identifier(self._table),
            )
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CsCallAgentReport(models.Model):
    """Call figures per agent and day (a database view over cs.call).

    Answered and in-time figures are sums of the stored 0/1 fields of
    cs.call: the rules are defined there once, never again in SQL."""

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

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .cs_call import SERVICE_LEVEL_SECONDS


class CsCallAgentReport(models.Model):
    """Call figures per agent and day (a database view over cs.call)."""

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
        help="Inbound calls answered within 15 seconds, in % of inbound calls.",
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
                    count(*) FILTER (WHERE c.answer_date IS NOT NULL) AS answered_count,
                    count(*) FILTER (WHERE c.state = 'done'
                                       AND c.disposition != 'answered') AS missed_count,
                    count(*) FILTER (WHERE c.disposition = 'abandoned')
                        AS abandoned_count,
                    count(*) FILTER (WHERE c.direction = 'inbound'
                                       AND c.answer_date IS NOT NULL
                                       AND c.wait_seconds <= %(sl)s)
                        AS service_level_count,
                    COALESCE(100.0 * count(*) FILTER (
                        WHERE c.direction = 'inbound' AND c.answer_date IS NOT NULL
                          AND c.wait_seconds <= %(sl)s)
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
                sl=SERVICE_LEVEL_SECONDS,
            )
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Satisfaction statistics: one row per survey response (every invitation
sent creates one, answered or not), with the figures as columns that sum or
average into CSAT, NPS and CES. The scores were stored on the response when
it was done, so this is one scan of survey_user_input, never of the answer
lines (measured in bench/bench_surveys.py)."""

from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.cs_helpdesk.models.helpdesk_ticket import KINDS

from ..tools.survey_math import METRICS, ces, csat, nps, one_decimal, rate
from .survey_user_input import CHANNELS

# name: aggregate, for _read_group
MEASURES = {
    "invited": "invited:sum",
    "answered": "answered:sum",
    "answered_invited": "answered_invited:sum",
    "csat_n": "csat_n:sum",
    "csat_satisfied": "csat_satisfied:sum",
    "nps_n": "nps_n:sum",
    "nps_promoters": "nps_promoters:sum",
    "nps_passives": "nps_passives:sum",
    "nps_detractors": "nps_detractors:sum",
    "ces_n": "ces_n:sum",
    "ces_total": "ces_total:sum",
    "followup_open": "followup_open:sum",
    "followup_closed": "followup_closed:sum",
}


class CsSurveyReport(models.Model):
    _name = "cs.survey.report"
    _description = "Satisfaction Statistics"
    _auto = False
    _order = "date desc"
    _rec_name = "survey_id"
    # flushed before the view is read
    _depends = {
        "survey.user_input": [
            "survey_id",
            "state",
            "end_datetime",
            "cs_sent_date",
            "test_entry",
            "cs_company_id",
            "cs_metric",
            "cs_score",
            "cs_channel",
            "cs_team_id",
            "cs_agent_id",
            "cs_department_id",
            "cs_category_id",
            "cs_ticket_kind",
            "cs_invitation_id",
            "cs_is_detractor",
            "cs_followup_ticket_id",
        ],
        "survey.survey": ["cs_metric"],
        "helpdesk.ticket": [
            "stage_id",
            "cs_first_response_date",
            "cs_survey_response_id",
        ],
        "helpdesk.ticket.stage": ["closed"],
    }

    user_input_id = fields.Many2one(
        "survey.user_input", string="Response", readonly=True
    )
    survey_id = fields.Many2one("survey.survey", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True, help="Answered on, else sent on.")
    metric = fields.Selection(METRICS, readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    agent_id = fields.Many2one("res.users", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Ticket Category", readonly=True
    )
    ticket_kind = fields.Selection(KINDS, readonly=True)
    score = fields.Integer(readonly=True, aggregator="avg")
    invited = fields.Integer(readonly=True)
    answered = fields.Integer(readonly=True)
    answered_invited = fields.Integer(string="Answered Invitations", readonly=True)
    csat_n = fields.Integer(string="CSAT Answers", readonly=True)
    csat_satisfied = fields.Integer(string="Satisfied (4-5)", readonly=True)
    csat_value = fields.Float(string="CSAT %", readonly=True, aggregator="avg")
    nps_n = fields.Integer(string="NPS Answers", readonly=True)
    nps_promoters = fields.Integer(string="Promoters", readonly=True)
    nps_passives = fields.Integer(string="Passives", readonly=True)
    nps_detractors = fields.Integer(string="Detractors", readonly=True)
    nps_value = fields.Float(string="NPS", readonly=True, aggregator="avg")
    ces_n = fields.Integer(string="CES Answers", readonly=True)
    ces_total = fields.Integer(string="CES Total", readonly=True)
    ces_value = fields.Float(string="CES", readonly=True, aggregator="avg")
    detractor = fields.Integer(string="Dissatisfied", readonly=True)
    followup_ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    followup_open = fields.Integer(string="Follow-ups Open", readonly=True)
    followup_closed = fields.Integer(string="Follow-ups Closed", readonly=True)
    followup_hours = fields.Float(
        string="Hours to Follow-up",
        readonly=True,
        aggregator="avg",
        help="From the answer to the first response on the follow-up ticket.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE VIEW %(table)s AS (
SELECT ui.id AS id,
       ui.id AS user_input_id,
       ui.survey_id,
       ui.cs_company_id AS company_id,
       coalesce(ui.end_datetime, ui.cs_sent_date, ui.create_date) AS date,
       coalesce(ui.cs_metric, s.cs_metric) AS metric,
       ui.cs_channel AS channel,
       ui.cs_team_id AS team_id,
       ui.cs_agent_id AS agent_id,
       ui.cs_department_id AS department_id,
       ui.cs_category_id AS category_id,
       ui.cs_ticket_kind AS ticket_kind,
       CASE WHEN ui.cs_metric IS NOT NULL THEN ui.cs_score END AS score,
       (ui.cs_invitation_id IS NOT NULL)::int AS invited,
       (ui.state = 'done')::int AS answered,
       (ui.state = 'done' AND ui.cs_invitation_id IS NOT NULL)::int AS answered_invited,
       (ui.cs_metric = 'csat')::int AS csat_n,
       (ui.cs_metric = 'csat' AND ui.cs_score >= 4)::int AS csat_satisfied,
       CASE WHEN ui.cs_metric = 'csat'
            THEN CASE WHEN ui.cs_score >= 4 THEN 100.0 ELSE 0.0 END END AS csat_value,
       (ui.cs_metric = 'nps')::int AS nps_n,
       (ui.cs_metric = 'nps' AND ui.cs_score >= 9)::int AS nps_promoters,
       (ui.cs_metric = 'nps' AND ui.cs_score BETWEEN 7 AND 8)::int AS nps_passives,
       (ui.cs_metric = 'nps' AND ui.cs_score <= 6)::int AS nps_detractors,
       CASE WHEN ui.cs_metric = 'nps'
            THEN CASE WHEN ui.cs_score >= 9 THEN 100.0
                      WHEN ui.cs_score <= 6 THEN -100.0 ELSE 0.0 END END AS nps_value,
       (ui.cs_metric = 'ces')::int AS ces_n,
       CASE WHEN ui.cs_metric = 'ces' THEN ui.cs_score ELSE 0 END AS ces_total,
       CASE WHEN ui.cs_metric = 'ces' THEN ui.cs_score END AS ces_value,
       coalesce(ui.cs_is_detractor, false)::int AS detractor,
       ui.cs_followup_ticket_id AS followup_ticket_id,
       (ui.cs_followup_ticket_id IS NOT NULL
        AND NOT coalesce(t.closed, false))::int AS followup_open,
       coalesce(t.closed, false)::int AS followup_closed,
       extract(epoch FROM t.cs_first_response_date - ui.end_datetime) / 3600.0
           AS followup_hours
  FROM survey_user_input ui
  JOIN survey_survey s ON s.id = ui.survey_id
  -- follow-up tickets only (they point back at their answer): the join
  -- hashes a few rows, not every ticket of the helpdesk
  LEFT JOIN (
        SELECT ft.id, ft.cs_first_response_date, fst.closed
          FROM helpdesk_ticket ft
          LEFT JOIN helpdesk_ticket_stage fst ON fst.id = ft.stage_id
         WHERE ft.cs_survey_response_id IS NOT NULL
       ) t ON t.id = ui.cs_followup_ticket_id
 WHERE ui.cs_invitation_id IS NOT NULL
    OR (ui.cs_metric IS NOT NULL AND ui.state = 'done' AND NOT ui.test_entry)
)""",
                table=SQL.identifier(self._table),
            )
        )

    # -- figures --------------------------------------------------------------------
    @api.model
    def _cs_figures(self, raw):
        """The published figures from the summed columns of ``MEASURES``."""
        return {
            "invited": raw["invited"],
            "answered": raw["answered"],
            "response_rate": rate(raw["answered_invited"], raw["invited"]),
            "csat": {
                "n": raw["csat_n"],
                "score": csat(raw["csat_satisfied"], raw["csat_n"]),
            },
            "nps": {
                "n": raw["nps_n"],
                "score": nps(raw["nps_promoters"], raw["nps_detractors"], raw["nps_n"]),
                "promoters": raw["nps_promoters"],
                "passives": raw["nps_passives"],
                "detractors": raw["nps_detractors"],
            },
            "ces": {"n": raw["ces_n"], "score": ces(raw["ces_total"], raw["ces_n"])},
        }

    @api.model
    def _cs_stats(self, domain, groupby=()):
        """{group key tuple: raw sums} with the reader's access rights."""
        result = {}
        names = list(MEASURES)
        for row in self._read_group(domain, list(groupby), list(MEASURES.values())):
            key = row[: len(groupby)]
            result[key] = {
                name: value or 0
                for name, value in zip(names, row[len(groupby) :], strict=True)
            }
        return result

    @api.model
    def _cs_median_followup_hours(self, domain, groupby=None):
        """Median hours from a dissatisfied answer to the first response on
        its follow-up ticket (follow-ups answered only), per value of
        ``groupby`` (a many2one or ``date:month``; ``None`` for all):
        {key: hours}, the key as ``_cs_group_value`` gives it. A median is
        not a sum of parts, so it is one more grouped query, over the same
        rows (the reader's access rules apply)."""
        query = self._search(domain + [("followup_hours", "!=", False)])
        median = SQL(
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY %s)",
            SQL.identifier(self._table, "followup_hours"),
        )
        if groupby:
            # the grouping expression _read_group uses (month in the
            # reader's timezone), so the keys match its groups
            column = self._read_group_groupby(groupby, query)
            sql = SQL("%s GROUP BY %s", query.select(column, median), column)
        else:
            sql = query.select(SQL("NULL"), median)
        return {
            self._cs_group_value(groupby, key): one_decimal(value)
            for key, value in self.env.execute_query(sql)
            if value is not None
        }

    @api.model
    def _cs_group_value(self, groupby, value):
        """A comparable key of a group value: the id of a record, the month
        as YYYY-MM, None without grouping."""
        if not groupby or not value:
            return None
        if isinstance(value, models.BaseModel):
            return value.id
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m")
        return value

    @api.model
    def _cs_table(self, domain, groupby=None):
        """[(group record or None, figures)] — the published figures plus the
        follow-ups (open, closed, median hours to the first response): the
        rows of the Excel workbook and of the dashboard card."""
        stats = self._cs_stats(domain, [groupby] if groupby else [])
        medians = self._cs_median_followup_hours(domain, groupby)
        rows = []
        for key, raw in stats.items():
            group = key[0] if groupby else None
            figures = self._cs_figures(raw)
            figures.update(
                followup_open=raw["followup_open"],
                followup_closed=raw["followup_closed"],
                followup_median_hours=medians.get(
                    self._cs_group_value(groupby, group), False
                ),
            )
            rows.append((group, figures))
        return rows

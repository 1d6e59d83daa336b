# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta

from odoo import models
from odoo.exceptions import UserError


class SurveyStatisticsXlsx(models.AbstractModel):
    """《满意度调查统计表》: the figures of a period for the whole desk, per
    team and per agent, and the customers' comments word for word."""

    _name = "report.cs_survey.survey_statistics_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Satisfaction Survey Statistics (Excel)"

    def _cs_columns(self, first):
        _ = self.env._
        return [
            (first, 22, "text"),
            (_("Invited"), 9, "number"),
            (_("Answered"), 9, "number"),
            (_("Response Rate (%)"), 10, "percent"),
            (_("CSAT Answers"), 9, "number"),
            (_("CSAT (%)"), 9, "percent"),
            (_("NPS Answers"), 9, "number"),
            (_("Promoters"), 9, "number"),
            (_("Passives"), 9, "number"),
            (_("Detractors"), 9, "number"),
            (_("NPS"), 9, "float"),
            (_("CES Answers"), 9, "number"),
            (_("CES (1-7)"), 9, "float"),
            (_("Follow-ups Open"), 10, "number"),
            (_("Follow-ups Closed"), 10, "number"),
            (_("Median Hours to Follow-up"), 12, "float"),
        ]

    def _cs_row(self, label, f):
        return [
            label,
            f["invited"],
            f["answered"],
            f["response_rate"],
            f["csat"]["n"],
            f["csat"]["score"],
            f["nps"]["n"],
            f["nps"]["promoters"],
            f["nps"]["passives"],
            f["nps"]["detractors"],
            f["nps"]["score"],
            f["ces"]["n"],
            f["ces"]["score"],
            f["followup_open"],
            f["followup_closed"],
            f["followup_median_hours"],
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        try:
            start = date.fromisoformat(data["date_from"])
            end = date.fromisoformat(data["date_to"])
        except (KeyError, TypeError, ValueError) as error:
            raise UserError(_("Give the period: date_from and date_to.")) from error
        domain = [
            ("date", ">=", datetime.combine(start, time.min)),
            ("date", "<", datetime.combine(end + timedelta(days=1), time.min)),
        ]
        Report = self.env["cs.survey.report"]
        title = _(
            "Satisfaction Survey Statistics %(start)s – %(end)s",
            start=data["date_from"],
            end=data["date_to"],
        )
        period = (start, end)
        total = Report._cs_table(domain)
        # the whole desk's figures: the Summary sheet and the totals row of
        # the sheets per team and per agent
        totals = [self._cs_row(_("Total"), f) for _g, f in total]
        self._cs_write_table(
            workbook,
            _("Summary"),
            title,
            self._cs_columns(_("Period")),
            [
                self._cs_row(f"{data['date_from']} – {data['date_to']}", f)
                for _g, f in total
            ],
            period=period,
        )
        for sheet, header, groupby, empty in [
            (_("By Team"), _("Team"), "team_id", _("No team")),
            (_("By Agent"), _("Agent"), "agent_id", _("No agent")),
        ]:
            rows = sorted(
                (
                    self._cs_row(group.display_name if group else empty, f)
                    for group, f in Report._cs_table(domain, groupby)
                ),
                key=lambda row: row[0],
            )
            self._cs_write_table(
                workbook,
                sheet,
                f"{title} — {sheet}",
                self._cs_columns(header),
                rows,
                period=period,
                totals=totals[0] if totals else None,
            )
        answers = self.env["survey.user_input"].search(
            [
                ("state", "=", "done"),
                ("cs_comment", "!=", False),
                ("end_datetime", ">=", datetime.combine(start, time.min)),
                (
                    "end_datetime",
                    "<",
                    datetime.combine(end + timedelta(days=1), time.min),
                ),
            ],
            order="end_datetime, id",
        )
        self._cs_write_table(
            workbook,
            _("Comments"),
            _("What Customers Said"),
            [
                (_("Answered on"), 16, "datetime"),
                (_("Survey"), 22, "text"),
                (_("Score"), 7, "number"),
                (_("Team"), 16, "text"),
                (_("Agent"), 16, "text"),
                (_("Customer"), 20, "text"),
                (_("Ticket"), 12, "text"),
                (_("Comment"), 60, "text"),
            ],
            [
                [
                    a.end_datetime,
                    a.survey_id.title,
                    a.cs_score if a.cs_metric else False,
                    a.cs_team_id.display_name or False,
                    a.cs_agent_id.name or False,
                    a.partner_id.display_name or a.email or False,
                    a.cs_ticket_id.number or False,
                    a.cs_comment,
                ]
                for a in answers
            ],
            period=period,
            totals=[_("Total: %s", len(answers))] + [False] * 7,
        )

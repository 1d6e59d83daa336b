# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import models

from odoo.addons.cs_callcenter.report.qa_agent_xlsx import MEASURES
from odoo.addons.cs_callcenter.tools.stats import grouped_stats


def _month(value):
    """The first day of the month of a date or datetime group value."""
    return date(value.year, value.month, 1)


class QaAgentXlsx(models.AbstractModel):
    """The agent quality workbook gets a sheet *Training*: per agent and
    month, the QA average next to the training quizzes taken, their average
    score and how many were passed (培训考核)."""

    _inherit = "report.cs_callcenter.qa_agent_xlsx"

    def generate_xlsx_report(self, workbook, data, reviews):
        result = super().generate_xlsx_report(workbook, data, reviews)
        self._cs_write_training(workbook, reviews)
        return result

    def _cs_write_training(self, workbook, reviews):
        _ = self.env._
        qa = {
            (agent, _month(month)): values
            for (agent, month), values in grouped_stats(
                self.env["cs.qa.review"],
                [("id", "in", reviews.ids), ("state", "!=", "draft")],
                ["agent_id", "date:month"],
                MEASURES,
            ).items()
        }
        quizzes = {}
        dates = [d for d in reviews.mapped("date") if d]
        if dates:
            start = _month(min(dates))
            end = _month(max(dates)) + relativedelta(months=1)
            quizzes = {
                (agent, _month(month)): values
                for (agent, month), values in self.env["cs.quiz.assignment"]
                ._cs_scores(
                    [
                        ("user_id", "in", reviews.agent_id.ids),
                        (
                            "done_date",
                            ">=",
                            datetime.combine(start, datetime.min.time()),
                        ),
                        ("done_date", "<", datetime.combine(end, datetime.min.time())),
                    ],
                    ["user_id", "done_date:month"],
                )
                .items()
            }
        rows = []
        for agent, month in sorted(
            set(qa) | set(quizzes), key=lambda key: (key[0].name or "", key[1])
        ):
            review = qa.get((agent, month))
            quiz = quizzes.get((agent, month))
            rows.append(
                [
                    agent.name,
                    month,
                    review["reviews"] if review else 0,
                    round(review["score"], 1) if review else False,
                    quiz["quizzes"] if quiz else 0,
                    round(quiz["score"], 1) if quiz else False,
                    quiz["passed"] if quiz else 0,
                ]
            )
        self._cs_write_table(
            workbook,
            _("Training"),
            _("Training Quizzes and Quality"),
            [
                (_("Agent"), 20, "text"),
                (_("Month"), 10, "month"),
                (_("Reviews"), 9, "number"),
                (_("Average Score (%)"), 12, "float"),
                (_("Quizzes Taken"), 10, "number"),
                (_("Quiz Average Score (%)"), 12, "float"),
                (_("Quizzes Passed"), 10, "number"),
            ],
            rows,
        )

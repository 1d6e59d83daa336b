# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..models.cs_callback_task import PROGRESS_MEASURES
from ..tools.stats import grouped_stats, rate
from .cs_xlsx_table import Cell


class CallbackSummaryXlsx(models.AbstractModel):
    """《回访总结报告》: how the campaign went — coverage and reach within the
    due time, outcomes, satisfaction, per agent, and what customers suggested."""

    _name = "report.cs_callcenter.callback_summary_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Callback Summary Report (Excel)"

    def generate_xlsx_report(self, workbook, data, campaigns):
        _ = self.env._
        Task = self.env["cs.callback.task"]
        domain = [("campaign_id", "in", campaigns.ids)]
        figures = grouped_stats(Task, domain, [], PROGRESS_MEASURES)[()]
        total = figures["targets"]
        period = self._cs_period_of(Task, domain, "due_date")

        def count(value):
            return Cell(value, "number")

        def percent(value):
            return Cell(value, "percent")

        self._cs_write_table(
            workbook,
            _("Summary"),
            _("Callback Summary Report: %s", ", ".join(campaigns.mapped("name"))),
            [(_("Figure"), 36, "text"), (_("Value"), 14, "float")],
            [
                [_("Targets"), count(total)],
                [_("Called within the due time"), count(figures["called"])],
                [_("Coverage (%)"), percent(rate(figures["called"], total))],
                [_("Reached within the due time"), count(figures["reached"])],
                [_("Reach Rate (%)"), percent(rate(figures["reached"], total))],
                [_("Still to call"), count(figures["open"])],
                [
                    _("Skipped: do not call"),
                    count(sum(campaigns.mapped("skipped_dnc_count"))),
                ],
                [
                    _("Skipped: no number"),
                    count(sum(campaigns.mapped("skipped_no_phone_count"))),
                ],
                [
                    _("Average Satisfaction (1-5)"),
                    round(figures["satisfaction"], 2) or False,
                ],
            ],
            period=period,
        )
        outcomes = dict(Task._fields["outcome"]._description_selection(self.env))
        counted = dict(Task._read_group(domain, ["outcome"], ["__count"]))
        not_called = counted.get(False, 0)
        self._cs_write_table(
            workbook,
            _("Outcomes"),
            _("Outcomes"),
            [(_("Outcome"), 20, "text"), (_("Tasks"), 10, "number")]
            + [(_("Share (%)"), 10, "percent")],
            [
                [label, counted.get(code, 0), rate(counted.get(code, 0), total)]
                for code, label in outcomes.items()
            ]
            + [[_("Not called yet"), not_called, rate(not_called, total)]],
            period=period,
            totals=[_("Total"), total, 100.0 if total else 0.0],
        )
        scores = dict(Task._read_group(domain, ["satisfaction"], ["__count"]))
        scored = sum(v for k, v in scores.items() if k)
        labels = dict(Task._fields["satisfaction"]._description_selection(self.env))
        self._cs_write_table(
            workbook,
            _("Satisfaction"),
            _("Satisfaction"),
            [(_("Score"), 8, "number"), (_("Meaning"), 20, "text")]
            + [(_("Answers"), 10, "number"), (_("Share (%)"), 10, "percent")],
            [
                [int(code), labels[code], answers, rate(answers, scored)]
                for code, answers in ((c, scores.get(c, 0)) for c in sorted(labels))
            ],
            period=period,
            totals=[_("Total"), False, scored, 100.0 if scored else 0.0],
        )
        agents = grouped_stats(Task, domain, ["user_id"], PROGRESS_MEASURES)
        self._cs_write_table(
            workbook,
            _("By Agent"),
            _("By Agent"),
            [
                (_("Agent"), 20, "text"),
                (_("Targets"), 9, "number"),
                (_("Finished"), 9, "number"),
                (_("Coverage (%)"), 11, "percent"),
                (_("Reach Rate (%)"), 11, "percent"),
                (_("Unsatisfied"), 11, "number"),
                (_("Average Satisfaction (1-5)"), 12, "float"),
            ],
            sorted(
                [
                    user.name or _("Unassigned"),
                    values["targets"],
                    values["targets"] - values["open"],
                    rate(values["called"], values["targets"]),
                    rate(values["reached"], values["targets"]),
                    values["unsatisfied"],
                    round(values["satisfaction"], 2) or False,
                ]
                for (user,), values in agents.items()
            ),
            period=period,
            totals=[
                _("Total"),
                total,
                total - figures["open"],
                rate(figures["called"], total),
                rate(figures["reached"], total),
                figures["unsatisfied"],
                round(figures["satisfaction"], 2) or False,
            ],
        )
        with_words = Task.search(
            domain + ["|", ("suggestion", "!=", False), ("comment", "!=", False)],
            order="campaign_id, id",
        )
        self._cs_write_table(
            workbook,
            _("Suggestions"),
            _("What Customers Said"),
            [
                (_("Customer"), 22, "text"),
                (_("Agent"), 16, "text"),
                (_("Outcome"), 12, "text"),
                (_("Satisfaction (1-5)"), 10, "number"),
                (_("Suggestions"), 40, "text"),
                (_("Comments"), 40, "text"),
            ],
            [
                [
                    task.partner_id.display_name,
                    task.user_id.name,
                    outcomes.get(task.outcome),
                    task.satisfaction_value or False,
                    task.suggestion,
                    task.comment,
                ]
                for task in with_words
            ],
            period=period,
            totals=[_("Total: %s", len(with_words))] + [False] * 5,
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .cs_xlsx_table import Cell


class CallbackRecordXlsx(models.AbstractModel):
    """《回访记录表》: every task of the campaigns with its result."""

    _name = "report.cs_callcenter.callback_record_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Callback Record (Excel)"

    def generate_xlsx_report(self, workbook, data, campaigns):
        _ = self.env._
        Task = self.env["cs.callback.task"]
        outcomes = dict(Task._fields["outcome"]._description_selection(self.env))
        states = dict(Task._fields["state"]._description_selection(self.env))
        columns = [
            (_("Campaign"), 20, "text"),
            (_("Customer"), 22, "text"),
            (_("Number"), 16, "text"),
            (_("Agent"), 16, "text"),
            (_("Due"), 17, "datetime"),
            (_("Attempts"), 9, "number"),
            (_("Last Attempt"), 17, "datetime"),
            (_("Status"), 10, "text"),
            (_("Outcome"), 12, "text"),
            (_("Satisfaction (1-5)"), 10, "number"),
            (_("Comments"), 36, "text"),
            (_("Suggestions"), 36, "text"),
            (_("Finished on"), 17, "datetime"),
        ]
        tasks = Task.search(
            [("campaign_id", "in", campaigns.ids)], order="campaign_id, due_date, id"
        )
        rows = [
            [
                task.campaign_id.name,
                task.partner_id.display_name,
                task.phone,
                task.user_id.name,
                task.due_date,
                task.attempt_count,
                task.last_attempt_date,
                states.get(task.state),
                outcomes.get(task.outcome),
                task.satisfaction_value or False,
                task.comment,
                task.suggestion,
                task.done_date,
            ]
            for task in tasks
        ]
        scores = [row[9] for row in rows if row[9]]
        totals = [_("Total: %s", len(rows))] + [False] * (len(columns) - 1)
        totals[5] = sum(task.attempt_count for task in tasks)
        # the average score, not a sum
        totals[9] = (
            Cell(round(sum(scores) / len(scores), 2), "float") if scores else False
        )
        self._cs_write_table(
            workbook,
            _("Callback Record"),
            _("Callback Record"),
            columns,
            rows,
            period=self._cs_period_of(Task, [("id", "in", tasks.ids)], "due_date"),
            totals=totals,
        )

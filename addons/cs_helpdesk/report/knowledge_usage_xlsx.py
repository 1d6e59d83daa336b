# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError


class KnowledgeUsageXlsx(models.AbstractModel):
    """《知识库使用统计表》: usage of the selected articles (views, tickets
    they answered) and, on a second sheet, those past their review date."""

    _name = "report.cs_helpdesk.knowledge_usage_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
    _description = "Knowledge Base Usage (Excel)"

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        # the print menu is for Supervisors; the server refuses others too
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise AccessError(_("Only Supervisors print the knowledge base usage."))
        articles = objs.filtered(lambda p: p.type == "content").sorted(
            lambda p: (-p.cs_answer_count, -p.cs_view_count, p.name)
        )
        states = dict(objs._fields["cs_state"]._description_selection(self.env))
        columns = [
            (_("Article"), 30, "text"),
            (_("Category"), 14, "text"),
            (_("Article State"), 10, "text"),
            (_("Owner"), 14, "text"),
            (_("Views"), 9, "number"),
            (_("Answered Tickets"), 11, "number"),
            (_("Review Date"), 12, "date"),
            (_("Last Changed"), 16, "datetime"),
        ]

        def row(page):
            return [
                page.name,
                page.parent_id.name or False,
                states.get(page.cs_state, False),
                page.cs_owner_id.name or False,
                page.cs_view_count,
                page.cs_answer_count,
                page.cs_review_date or False,
                page.content_date or False,
            ]

        # the counts are as of today (统计期间: "as of")
        for sheet, title, pages in (
            (_("Usage"), _("Knowledge Base Usage"), articles),
            (
                _("Past Review Date"),
                _("Articles Past Their Review Date"),
                articles.filtered("cs_review_due"),
            ),
        ):
            rows = [row(page) for page in pages]
            self._cs_write_table(
                workbook,
                sheet,
                title,
                columns,
                rows,
                totals=self._cs_sum_totals(columns, rows, _("Total: %s", len(rows))),
            )

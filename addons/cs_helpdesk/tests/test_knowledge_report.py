# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""《知识库使用统计表》 checked cell by cell."""

import io
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_knowledge import KnowledgeCase, article_vals


@tagged("post_install", "-at_install")
class TestKnowledgeReport(KnowledgeCase):
    def _book(self, pages, user):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="en_US")
            ._render_xlsx("cs_helpdesk.knowledge_usage_xlsx", pages.ids, None)
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    @freeze_time("2026-06-01 08:00:00")
    def test_usage_and_past_review_date(self):
        used = self.Page.create(
            article_vals(
                "停车费缴纳方式",
                cs_state="approved",
                cs_review_date=date(2026, 5, 1),
                cs_owner_id=self.supervisor.id,
            )
        )
        quiet = self.Page.create(
            article_vals(
                "快递代收", cs_state="approved", cs_review_date=date(2026, 7, 1)
            )
        )
        tickets = self.env["helpdesk.ticket"].create(
            [{"name": f"停车 {i}", "description": "<p>x</p>"} for i in range(3)]
        )
        tickets.write({"cs_article_ids": [(4, used.id)]})
        used.with_user(self.agent).action_cs_show()
        book = self._book(used | quiet, self.supervisor)
        usage, due = book.worksheets
        rows = [[c.value for c in row] for row in usage.iter_rows(min_row=5)]
        self.assertEqual(usage["A1"].value, "Knowledge Base Usage")
        self.assertEqual(
            [r[:6] for r in rows],
            [
                ["停车费缴纳方式", None, "Approved", self.supervisor.name, 1, 3],
                ["快递代收", None, "Approved", self.env.user.name, 0, 0],
                ["Total: 2", None, None, None, 1, 3],
            ],
        )
        self.assertEqual(rows[0][6].date(), date(2026, 5, 1))
        self.assertEqual(
            [row[0].value for row in due.iter_rows(min_row=5)],
            ["停车费缴纳方式", "Total: 1"],
        )

    def test_supervisors_only(self):
        page = self.Page.create(article_vals("门禁卡", cs_state="approved"))
        with self.assertRaises(AccessError):
            self._book(page, self.agent)

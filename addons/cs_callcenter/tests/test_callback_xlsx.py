# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""《回访记录表》 and 《回访总结报告》 opened with openpyxl, cell by cell."""

import io
from datetime import datetime, timedelta

from openpyxl import load_workbook

from odoo.tests import freeze_time, new_test_user, tagged

from .common import CsRolesCase, contact_by_visit


def cst(*args):
    return datetime(*args) - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestCallbackWorkbooks(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent2 = new_test_user(
            cls.env,
            login="cs_cbx_agent2",
            name="Agent Two",
            groups="cs_callcenter.group_agent",
        )
        partners = cls.env["res.partner"].create(
            [
                {
                    "name": f"Owner {letter}",
                    "mobile": f"+86 139 0000 50{i}0",
                    "tz": "Asia/Shanghai",
                }
                for i, letter in enumerate("ABCD")
            ]
        )
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            cls.campaign = cls.env["cs.callback.campaign"].create(
                {
                    "name": "Lift repairs",
                    "partner_domain": f"[('id', 'in', {partners.ids})]",
                    "agent_ids": [(6, 0, (cls.agent | cls.agent2).ids)],
                    "tz": "Asia/Shanghai",
                    "max_attempts": 1,
                }
            )
            cls.campaign.action_generate()
            contact_by_visit(cls.campaign.task_ids)
            tasks = cls.campaign.task_ids.sorted(lambda t: t.partner_id.name)
            cls.a, cls.b, cls.c, cls.d = tasks
            cls.a.write({"satisfaction": "5", "suggestion": "Paint the lift"})
            cls.a.action_satisfied()
            cls.b.write({"satisfaction": "2", "comment": "Still noisy"})
            cls.b.action_unsatisfied()
            cls.c.action_unreachable()
        cls.tz_env = cls.env(context={"tz": "Asia/Shanghai", "lang": "en_US"})

    def _book(self, report):
        content, kind = self.tz_env["ir.actions.report"]._render_xlsx(
            report, self.campaign.ids, None
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    def test_callback_record_cell_by_cell(self):
        sheet = self._book("cs_callcenter.callback_record_xlsx").active
        self.assertEqual(sheet["A1"].value, "Callback Record")
        self.assertEqual(sheet.freeze_panes, "A5")
        self.assertEqual(sheet.auto_filter.ref, "A4:M8")
        self.assertEqual(
            [c.value for c in sheet[4]][:6],
            ["Campaign", "Customer", "Number", "Agent", "Due", "Attempts"],
        )
        rows = {
            row[1]: row
            for row in ([c.value for c in r] for r in sheet.iter_rows(min_row=5))
        }
        a = rows["Owner A"]
        self.assertEqual(a[0], "Lift repairs")
        self.assertEqual(a[2], "+86 139 0000 5000")
        self.assertEqual(a[3], self.a.user_id.name)
        # due three days later, shown in Shanghai time
        self.assertEqual(a[4], datetime(2026, 11, 26, 9, 0))
        self.assertEqual(
            a[5:10], [1, datetime(2026, 11, 23, 9, 0), "Finished", "Satisfied", 5]
        )
        self.assertEqual(a[11], "Paint the lift")
        self.assertEqual(rows["Owner B"][8:11], ["Unsatisfied", 2, "Still noisy"])
        self.assertEqual(rows["Owner C"][8], "Unreachable")
        d = rows["Owner D"]
        self.assertEqual(
            (d[5], d[6], d[7], d[8], d[12]), (0, None, "To Call", None, None)
        )
        # the totals row: the tasks, their attempts, the average score
        total = [c.value for c in sheet[9]]
        self.assertEqual((total[0], total[5], total[9]), ("Total: 4", 3, 3.5))

    def test_summary_report_cell_by_cell(self):
        book = self._book("cs_callcenter.callback_summary_xlsx")
        self.assertEqual(
            book.sheetnames,
            ["Summary", "Outcomes", "Satisfaction", "By Agent", "Suggestions"],
        )
        summary = {r[0].value: r[1] for r in book["Summary"].iter_rows(min_row=5)}
        self.assertEqual(summary["Targets"].value, 4)
        self.assertEqual(summary["Targets"].number_format, "0")
        self.assertEqual(summary["Called within the due time"].value, 3)
        self.assertEqual(summary["Coverage (%)"].value, 0.75)
        self.assertEqual(summary["Coverage (%)"].number_format, "0.0%")
        self.assertEqual(summary["Reached within the due time"].value, 2)
        self.assertEqual(summary["Reach Rate (%)"].value, 0.5)
        summary = {name: cell.value for name, cell in summary.items()}
        self.assertEqual(summary["Still to call"], 1)
        self.assertEqual(summary["Average Satisfaction (1-5)"], 3.5)
        outcomes = {
            r[0].value: (r[1].value, r[2].value)
            for r in book["Outcomes"].iter_rows(min_row=5)
        }
        self.assertEqual(outcomes["Satisfied"], (1, 0.25))
        self.assertEqual(outcomes["Wrong Number"], (0, 0))
        self.assertEqual(outcomes["Not called yet"], (1, 0.25))
        self.assertEqual(outcomes["Total"], (4, 1))
        scores = [
            [c.value for c in r] for r in book["Satisfaction"].iter_rows(min_row=5)
        ]
        self.assertEqual(scores[1], [2, "Dissatisfied", 1, 0.5])
        self.assertEqual(scores[4], [5, "Very Satisfied", 1, 0.5])
        self.assertEqual(scores[5], ["Total", None, 2, 1])
        agents = [[c.value for c in r] for r in book["By Agent"].iter_rows(min_row=5)]
        *agents, total = agents
        self.assertEqual(sum(row[1] for row in agents), 4)
        self.assertEqual(total, ["Total", 4, 3, 0.75, 0.5, 1, 3.5])
        self.assertEqual({row[0] for row in agents}, {self.agent.name, "Agent Two"})
        words = [[c.value for c in r] for r in book["Suggestions"].iter_rows(min_row=5)]
        self.assertEqual(words.pop()[0], "Total: 2")
        self.assertEqual(
            sorted((w[0], w[4], w[5]) for w in words),
            [("Owner A", "Paint the lift", None), ("Owner B", None, "Still noisy")],
        )

    def test_workbooks_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cs_callcenter"], ["zh_CN"])
        zh = self.tz_env(context=dict(self.tz_env.context, lang="zh_CN"))
        content, _kind = zh["ir.actions.report"]._render_xlsx(
            "cs_callcenter.callback_record_xlsx", self.campaign.ids, None
        )
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, "回访记录表")
        self.assertEqual(sheet["I4"].value, "结果")
        outcomes = {c.value for c in sheet["I"][4:]}
        self.assertIn("满意", outcomes)
        content, _kind = zh["ir.actions.report"]._render_xlsx(
            "cs_callcenter.callback_summary_xlsx", self.campaign.ids, None
        )
        book = load_workbook(io.BytesIO(content))
        self.assertEqual(book["汇总"]["A1"].value, "回访总结报告：Lift repairs")

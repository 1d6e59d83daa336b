# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""helpdesk_mgmt ships no Chinese: cs_helpdesk's i18n_extra/zh_CN.po carries its
model terms (keyed by helpdesk_mgmt's xml ids) and Odoo loads them with
cs_helpdesk's translations."""

import re

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

EXTRA_PO = "i18n_extra/zh_CN.po"
MODEL_OCCURRENCE = re.compile(r"model:([\w.]+),(\w+):(helpdesk_mgmt\.\S+)$")


@tagged("post_install", "-at_install")
class TestHelpdeskMgmtChinese(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("helpdesk_mgmt", "cs_helpdesk"))]
        )._update_translations("zh_CN")
        cls.env.registry.clear_cache()
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.en = cls.env(context=dict(cls.env.context, lang="en_US"))

    def assertChinese(self, xmlid, expected, field="name"):
        self.assertEqual(self.zh.ref(f"helpdesk_mgmt.{xmlid}")[field], expected, xmlid)

    def test_field_labels_and_selections(self):
        fields = self.zh["helpdesk.ticket"].fields_get(
            ["name", "stage_id", "channel_id", "team_id", "category_id", "user_id"]
            + ["priority"],
            ["string", "selection"],
        )
        labels = {name: desc["string"] for name, desc in fields.items()}
        self.assertEqual(labels["name"], "标题")
        self.assertEqual(labels["stage_id"], "阶段")
        self.assertEqual(labels["channel_id"], "渠道")
        self.assertEqual(labels["team_id"], "团队")
        self.assertEqual(labels["category_id"], "类别")
        self.assertEqual(labels["user_id"], "处理人")
        self.assertEqual(labels["priority"], "优先级")
        self.assertEqual(
            dict(fields["priority"]["selection"]),
            {"0": "低", "1": "中", "2": "高", "3": "很高"},
        )
        # the same fields stay English in English: the labels come from the language
        en = self.en["helpdesk.ticket"].fields_get(["stage_id"], ["string"])
        self.assertEqual(en["stage_id"]["string"], "Stage")

    def test_menus_stages_channels_groups(self):
        self.assertChinese("helpdesk_ticket_main_menu", "服务台")
        self.assertChinese("helpdesk_own_ticket_menu", "我的工单")
        self.assertChinese("helpdesk_all_ticket_menu", "全部工单")
        self.assertChinese("helpdesk_ticket_channel_menu", "渠道")
        stages = {
            "new": "新建",
            "in_progress": "处理中",
            "awaiting": "等待中",
            "done": "已完成",
            "cancelled": "已取消",
            "rejected": "已拒绝",
        }
        for key, name in stages.items():
            self.assertChinese(f"helpdesk_ticket_stage_{key}", name)
        channels = {"web": "网页", "email": "电子邮件", "phone": "电话"}
        channels["other"] = "其他"
        for key, name in channels.items():
            self.assertChinese(f"helpdesk_ticket_channel_{key}", name)
        self.assertChinese("group_helpdesk_manager", "服务台经理")
        self.assertChinese("helpdesk_ticket_stage_new", "新建")
        new = self.en.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        self.assertEqual(new.name, "New")

    def test_views(self):
        search = self.zh["helpdesk.ticket"].get_views([(False, "search")])
        arch = search["views"]["search"]["arch"]
        self.assertIn("我关注的工单", arch)
        self.assertIn('string="未分配"', arch)
        self.assertNotIn("My Followed Tickets", arch)

    def test_every_model_term_of_the_file_is_loaded(self):
        """Each record term of helpdesk_mgmt in the file reads in Chinese, unless
        the record also belongs to another module whose Chinese came first
        (e.g. the ir.model of res.company, translated by base)."""
        path = f"{get_module_path('cs_helpdesk')}/{EXTRA_PO}"
        checked = []
        for entry in polib.pofile(path):
            for occurrence, _line in entry.occurrences:
                found = MODEL_OCCURRENCE.match(occurrence)
                if not found:
                    continue
                model, field, xmlid = found.groups()
                record = self.zh.ref(xmlid, raise_if_not_found=False)
                if not record or record._name != model:
                    continue
                owners = self.env["ir.model.data"].search_count(
                    [
                        ("model", "=", model),
                        ("res_id", "=", record.id),
                        ("module", "!=", "helpdesk_mgmt"),
                    ]
                )
                if owners:
                    continue
                checked.append(xmlid)
                self.assertEqual(
                    record[field].strip(),
                    entry.msgstr.strip(),
                    f"{xmlid}.{field} in zh_CN",
                )
        self.assertGreater(len(checked), 250)

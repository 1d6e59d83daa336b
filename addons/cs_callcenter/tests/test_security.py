# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CsRolesCase


@tagged("post_install", "-at_install")
class TestSecurity(CsRolesCase):
    def test_roles_imply_each_other(self):
        self.assertTrue(self.manager.has_group("cs_callcenter.group_supervisor"))
        self.assertTrue(self.manager.has_group("cs_callcenter.group_agent"))
        self.assertTrue(self.supervisor.has_group("cs_callcenter.group_agent"))
        self.assertFalse(self.supervisor.has_group("cs_callcenter.group_manager"))
        self.assertFalse(self.agent.has_group("cs_callcenter.group_supervisor"))
        self.assertFalse(self.fee_officer.has_group("cs_callcenter.group_agent"))

    def test_groups_share_one_category(self):
        category = self.env.ref("cs_callcenter.module_category_customer_service")
        names = {
            "group_agent",
            "group_supervisor",
            "group_manager",
            "group_fee_officer",
            "group_integration",
        }
        for name in names:
            group = self.env.ref(f"cs_callcenter.{name}")
            self.assertEqual(group.category_id, category, name)

    def test_app_menu(self):
        root = self.env.ref("cs_callcenter.menu_root")
        self.assertFalse(root.parent_id)
        self.assertEqual(root.web_icon, "cs_callcenter,static/description/icon.png")
        self.assertMenuVisible(self.agent, "cs_callcenter.menu_root")
        employee = new_test_user(self.env, login="plain_employee")
        self.assertMenuHidden(employee, "cs_callcenter.menu_root")

    def test_agent_menus(self):
        self.assertCanOpen(self.agent, "cs_callcenter.res_partner_menu_customers")
        self.assertMenuHidden(self.agent, "cs_callcenter.menu_configuration")
        self.assertMenuHidden(self.agent, "cs_callcenter.res_users_menu_staff")
        self.assertMenuHidden(self.agent, "cs_callcenter.menu_reporting")

    def test_manager_menus(self):
        self.assertCanOpen(self.manager, "cs_callcenter.res_users_menu_staff")
        self.assertCanOpen(self.manager, "cs_callcenter.res_partner_menu_customers")
        self.assertMenuHidden(self.supervisor, "cs_callcenter.res_users_menu_staff")

    def test_staff_action_lists_service_users_only(self):
        action = self.env.ref("cs_callcenter.res_users_action_staff")
        staff = (
            self.env["res.users"]
            .with_user(self.manager)
            .search(self.action_domain(action))
        )
        self.assertIn(self.agent, staff)
        self.assertIn(self.fee_officer, staff)
        self.assertNotIn(self.env.ref("base.public_user"), staff)

    def test_chinese_terms_load(self):
        """zh_CN.po loads through Odoo's importer and names the app 客服中心."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["cs_callcenter"], ["zh_CN"])
        root = self.env.ref("cs_callcenter.menu_root").with_context(lang="zh_CN")
        self.assertEqual(root.name, "客服中心")
        agent = self.env.ref("cs_callcenter.group_agent").with_context(lang="zh_CN")
        self.assertEqual(agent.name, "坐席")

    def test_callback_and_quality_menus(self):
        self.assertMenuVisible(self.agent, "cs_callcenter.cs_callback_task_menu_my")
        self.assertMenuVisible(self.agent, "cs_callcenter.cs_callback_task_menu_next")
        self.assertCanOpen(self.agent, "cs_callcenter.cs_qa_review_menu")
        self.assertMenuHidden(self.agent, "cs_callcenter.cs_callback_campaign_menu")
        self.assertMenuHidden(self.agent, "cs_callcenter.cs_qa_sample_menu")
        self.assertCanOpen(self.supervisor, "cs_callcenter.cs_callback_campaign_menu")
        self.assertCanOpen(self.supervisor, "cs_callcenter.cs_callback_task_menu_all")
        self.assertCanOpen(self.supervisor, "cs_callcenter.cs_qa_scorecard_menu")
        self.assertCanOpen(self.supervisor, "cs_callcenter.cs_qa_review_menu_report")
        self.assertMenuHidden(self.fee_officer, "cs_callcenter.menu_callbacks")
        # the agent's queue opens through its server action
        action = (
            self.env["cs.callback.task"].with_user(self.agent).action_my_callbacks()
        )
        self.assertEqual(action["res_model"], "cs.callback.task")


@tagged("post_install", "-at_install")
class TestMultiCompany(CsRolesCase):
    """Company rules on every company-bound model of the call center, and
    no relation across companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "CS Company B"})
        cls.user_b = new_test_user(
            cls.env,
            login="cs_mc_manager_b",
            groups="cs_callcenter.group_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.agent_b = new_test_user(
            cls.env,
            login="cs_mc_agent_b",
            groups="cs_callcenter.group_agent",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        partner = cls.env["res.partner"].create(
            {"name": "MC Customer", "mobile": "+86 139 0000 3000"}
        )
        cls.call = cls.env["cs.call"].create(
            {"number": "13900003000", "partner_id": partner.id, "user_id": cls.agent.id}
        )
        cls.campaign = cls.env["cs.callback.campaign"].create(
            {"name": "MC Campaign", "agent_ids": [Command.set(cls.agent.ids)]}
        )
        cls.task = cls.env["cs.callback.task"].create(
            {
                "campaign_id": cls.campaign.id,
                "company_id": cls.company_a.id,
                "partner_id": partner.id,
                "phone": partner.mobile,
                "target_key": "mc",
                "user_id": cls.agent.id,
                "due_date": datetime(2026, 11, 30),
            }
        )
        cls.scorecard = cls.env["cs.qa.scorecard"].create(
            {
                "name": "MC Card",
                "criterion_ids": [Command.create({"name": "Polite", "weight": 1})],
            }
        )
        cls.review = cls.env["cs.qa.review"].create(
            {"scorecard_id": cls.scorecard.id, "call_id": cls.call.id}
        )

    def test_company_rules_on_every_model(self):
        records = {
            "cs.call": self.call,
            "cs.callback.campaign": self.campaign,
            "cs.callback.window": self.campaign.window_ids,
            "cs.callback.task": self.task,
            "cs.qa.scorecard": self.scorecard,
            "cs.qa.criterion": self.scorecard.criterion_ids,
            "cs.qa.review": self.review,
            "cs.qa.review.line": self.review.line_ids,
        }
        for model, mine in records.items():
            self.assertTrue(mine, model)
            with self.subTest(model=model):
                seen = self.env[model].with_user(self.user_b).search([])
                self.assertFalse(seen & mine)
                with self.assertRaises(AccessError):
                    mine.with_user(self.user_b).read(["id"])
                # seen by the users of company A
                self.assertEqual(
                    self.env[model]
                    .with_user(self.supervisor)
                    .search([("id", "in", mine.ids)]),
                    mine,
                )

    def test_no_relation_across_companies(self):
        with self.assertRaises(UserError):
            self.env["cs.callback.task"].create(
                {
                    "campaign_id": self.campaign.id,
                    "company_id": self.company_b.id,
                    "partner_id": self.task.partner_id.id,
                    "phone": "13900003000",
                    "target_key": "mc-b",
                    "due_date": datetime(2026, 11, 30),
                }
            )
        with self.assertRaises(UserError):
            self.task.user_id = self.agent_b
        with self.assertRaises(UserError):
            self.campaign.agent_ids = self.agent_b
        with self.assertRaises(UserError):
            self.review.agent_id = self.agent_b
        partner_b = self.env["res.partner"].create(
            {"name": "MC B", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self.task.partner_id = partner_b

    def test_campaign_targets_only_its_company_contacts(self):
        self.env["res.partner"].create(
            [
                {"name": "MC Target A", "mobile": "+86 139 0000 3001"},
                {
                    "name": "MC Target B",
                    "mobile": "+86 139 0000 3002",
                    "company_id": self.company_b.id,
                },
            ]
        )
        self.campaign.partner_domain = "[('name', 'like', 'MC Target')]"
        targets = self.campaign._cs_targets()
        self.assertEqual([p.name for p, _source, _start in targets], ["MC Target A"])

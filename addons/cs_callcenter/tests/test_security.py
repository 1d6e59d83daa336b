# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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

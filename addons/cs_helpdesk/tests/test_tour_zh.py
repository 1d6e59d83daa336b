# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 15 §9: tours in zh_CN (an agent's home, a complaint form, the
dashboard) asserting Chinese labels on screen; and the staff's landing
screen per role (§4)."""

from odoo.tests import HttpCase, new_test_user, tagged

MODULES = ("helpdesk_mgmt", "cs_callcenter", "cs_helpdesk")


@tagged("post_install", "-at_install")
class TestChineseTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", MODULES)]
        )._update_translations("zh_CN")
        cls.agent = new_test_user(
            cls.env,
            login="cs_zh_agent",
            name="王坐席",
            groups="cs_callcenter.group_agent",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.supervisor = new_test_user(
            cls.env,
            login="cs_zh_supervisor",
            name="李主管",
            groups="cs_callcenter.group_supervisor",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )

    def test_staff_land_in_the_customer_service_app(self):
        home = self.env.ref("cs_callcenter.cs_home_server_action")
        for user in (self.agent, self.supervisor):
            self.authenticate(user.login, user.login)
            info = self.make_jsonrpc_request("/web/session/get_session_info")
            self.assertEqual(info["home_action_id"], home.id, user.login)
        # a home chosen in the preferences wins
        own = self.env.ref("cs_helpdesk.helpdesk_ticket_action_my_open")
        self.agent.action_id = self.env["ir.actions.actions"].browse(own.id)
        self.authenticate(self.agent.login, self.agent.login)
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["home_action_id"], own.id)

    def test_agent_home_in_chinese(self):
        self.env["helpdesk.ticket"].create(
            {
                "name": "电梯夜间噪音",
                "description": "<p>每晚都响</p>",
                "user_id": self.agent.id,
            }
        )
        self.start_tour("/odoo", "cs_zh_agent_home", login=self.agent.login)

    def test_complaint_form_in_chinese(self):
        self.start_tour(
            "/odoo/helpdesk.ticket/new", "cs_zh_complaint_form", login=self.agent.login
        )
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "电梯夜间噪音")])
        self.assertEqual(ticket.cs_kind, "complaint")
        self.assertEqual(ticket.cs_step, "register")
        self.assertIn("业主反映每晚电梯异响", ticket.description)

    def test_dashboard_in_chinese(self):
        self.env["helpdesk.ticket"].create(
            {"name": "电梯夜间噪音", "description": "<p>每晚都响</p>"}
        )
        self.start_tour("/odoo", "cs_zh_dashboard", login=self.supervisor.login)

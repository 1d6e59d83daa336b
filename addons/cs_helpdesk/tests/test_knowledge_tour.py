# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKnowledgeTour(HttpCase):
    def test_agent_finds_the_answer_from_the_ticket(self):
        Page = self.env["document.page"]
        Page.with_context(active_test=False).search([]).unlink()
        agent = new_test_user(
            self.env,
            login="cs_tour_kb_agent",
            name="Knowledge Agent",
            groups="cs_callcenter.group_agent",
        )
        vals = {"draft_name": "1.0", "draft_summary": "初版", "cs_state": "approved"}
        article = Page.create(
            {
                **vals,
                "name": "停车费缴纳方式",
                "cs_question": "停车月卡怎么续费？",
                "content": "<p>停车月卡可在业主APP续费，临时停车出场时扫码支付。</p>",
                "cs_script": "临时停车出口扫码就能付。",
                "cs_keywords": "停车费 月卡 怎么交",
            }
        )
        Page.create(
            {**vals, "name": "装修施工时间规定", "content": "<p>工作日施工</p>"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "停车费怎么交",
                "description": "<p>业主来电询问</p>",
                "user_id": agent.id,
            }
        )
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "cs_helpdesk_knowledge_answer",
            login=agent.login,
        )
        self.assertEqual(ticket.cs_article_ids, article)
        self.assertEqual(article.cs_answer_count, 1)
        self.assertEqual(article.cs_view_count, 1)

    def test_caller_card_opens_the_suggested_article(self):
        """The caller card lists the article matching the caller's open
        ticket; the agent opens it from the card during the call."""
        self.env.company.country_id = self.env.ref("base.cn")
        Page = self.env["document.page"]
        Page.with_context(active_test=False).search([]).unlink()
        agent = new_test_user(
            self.env,
            login="cs_tour_card_kb",
            name="Card Knowledge Agent",
            groups="cs_callcenter.group_agent",
        )
        vals = {"draft_name": "1.0", "draft_summary": "初版", "cs_state": "approved"}
        Page.create(
            {
                **vals,
                "name": "停车费缴纳方式",
                "content": "<p>停车月卡可在业主APP续费。</p>",
                "cs_script": "临时停车出口扫码就能付。",
                "cs_keywords": "停车费 月卡",
                "cs_public": True,
            }
        )
        caller = self.env["res.partner"].create(
            {"name": "钱七", "mobile": "+86 139 1234 5671"}
        )
        self.env["helpdesk.ticket"].create(
            {
                "name": "停车费怎么交",
                "description": "<p>业主来电询问</p>",
                "partner_id": caller.id,
                "user_id": agent.id,
            }
        )
        self.env["cs.call"].create(
            {
                "number": "13912345671",
                "partner_id": caller.id,
                "user_id": agent.id,
                "direction": "inbound",
            }
        )
        self.start_tour("/odoo", "cs_helpdesk_caller_card_knowledge", login=agent.login)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


def article_vals(name, **vals):
    return {
        "name": name,
        "cs_question": vals.pop("question", f"{name}？"),
        "content": vals.pop("content", f"<p>{name}的答案</p>"),
        "draft_name": "1.0",
        "draft_summary": "初版",
        **vals,
    }


@tagged("post_install", "-at_install")
class KnowledgeCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Page = cls.env["document.page"]
        # The tests own the knowledge base: no demo article competes.
        cls.Page.with_context(active_test=False).search([]).unlink()
        cls.agent = new_test_user(
            cls.env, "kb_agent", groups="cs_callcenter.group_agent"
        )
        cls.supervisor = new_test_user(
            cls.env, "kb_supervisor", groups="cs_callcenter.group_supervisor"
        )
        cls.editor = new_test_user(
            cls.env, "kb_editor", groups="document_page.group_document_editor"
        )


class TestKnowledgeArticle(KnowledgeCase):
    def test_new_article_is_a_draft_that_agents_cannot_read(self):
        article = self.Page.with_user(self.supervisor).create(
            article_vals("门禁卡补办")
        )
        self.assertEqual(article.cs_state, "draft")
        self.assertTrue(article.cs_public)
        self.assertEqual(article.cs_owner_id, self.supervisor)
        as_agent = self.Page.with_user(self.agent)
        self.assertFalse(as_agent.search([("id", "=", article.id)]))
        with self.assertRaises(AccessError):
            as_agent.browse(article.id).read(["name"])
        article.with_user(self.supervisor).action_cs_approve()
        self.assertEqual(article.cs_state, "approved")
        self.assertEqual(article.cs_approved_uid, self.supervisor)
        self.assertTrue(article.cs_approved_date)
        self.assertEqual(as_agent.search([("id", "=", article.id)]), article)
        self.assertIn("门禁卡补办的答案", as_agent.browse(article.id).content)
        article.with_user(self.supervisor).action_cs_retire()
        self.assertFalse(as_agent.search([("id", "=", article.id)]))

    def test_agents_read_only(self):
        article = self.Page.create(article_vals("停车费", cs_state="approved"))
        as_agent = article.with_user(self.agent)
        with self.assertRaises(AccessError):
            as_agent.write({"cs_script": "改话术"})
        with self.assertRaises(AccessError):
            as_agent.write({"cs_state": "retired"})
        with self.assertRaises(AccessError):
            self.Page.with_user(self.agent).create(article_vals("新文章"))
        with self.assertRaises(AccessError):
            as_agent.action_cs_retire()
        self.assertEqual(article.cs_state, "approved")

    def test_only_supervisors_set_the_state(self):
        """A document editor outside the Supervisor role edits text but
        neither approves nor creates approved articles."""
        article = self.Page.with_user(self.editor).create(article_vals("装修审批"))
        article.with_user(self.editor).write({"cs_script": "请带好材料"})
        for action in ("action_cs_approve", "action_cs_retire"):
            with self.assertRaises(AccessError):
                getattr(article.with_user(self.editor), action)()
        with self.assertRaises(AccessError):
            article.with_user(self.editor).write({"cs_state": "approved"})
        with self.assertRaises(AccessError):
            self.Page.with_user(self.editor).create(
                article_vals("已批准", cs_state="approved")
            )
        self.assertEqual(article.cs_state, "draft")
        direct = self.Page.with_user(self.supervisor).create(
            article_vals("主管直接发布", cs_state="approved")
        )
        self.assertEqual(direct.cs_approved_uid, self.supervisor)
        self.assertTrue(direct.cs_approved_date)

    def test_history_and_diff_come_from_document_page(self):
        article = self.Page.create(article_vals("物业费构成"))
        article.with_user(self.supervisor).write(
            {"content": "<p>新的答案</p>", "draft_name": "2.0", "draft_summary": "改"}
        )
        first, second = article.history_ids.sorted("id")
        self.assertEqual(article.history_head, second)
        diff = second._get_diff(first.id, second.id)
        self.assertIn("新的答案", diff)
        self.assertIn("物业费构成的答案", diff)

    def test_review_due(self):
        article = self.Page.create(
            article_vals("报修流程", cs_review_date=date(2026, 3, 1))
        )
        with freeze_time("2026-03-01 10:00:00"):
            article.invalidate_recordset(["cs_review_due"])
            self.assertFalse(article.cs_review_due)
            self.assertFalse(self.Page.search([("cs_review_due", "=", True)]))
        with freeze_time("2026-03-02 10:00:00"):
            article.invalidate_recordset(["cs_review_due"])
            self.assertTrue(article.cs_review_due)
            self.assertEqual(self.Page.search([("cs_review_due", "=", True)]), article)
            self.assertNotIn(article, self.Page.search([("cs_review_due", "=", False)]))

    def test_links_to_ticket_kinds_and_categories(self):
        category = self.env["helpdesk.ticket.category"].create({"name": "停车"})
        article = self.Page.create(
            article_vals(
                "停车费缴纳",
                cs_ticket_kind="inquiry",
                cs_category_ids=[Command.set(category.ids)],
            )
        )
        self.assertEqual(article.cs_category_ids, category)
        kinds = dict(
            self.Page._fields["cs_ticket_kind"]._description_selection(self.env)
        )
        self.assertEqual(
            set(kinds), {"inquiry", "complaint", "repair", "suggestion", "praise"}
        )


class TestKnowledgeTicket(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parking = cls.Page.create(
            article_vals(
                "停车费缴纳方式",
                question="停车月卡怎么续费？",
                cs_keywords="停车费 月卡 怎么交",
                cs_state="approved",
            )
        )
        cls.noise = cls.Page.create(
            article_vals(
                "装修施工时间规定",
                cs_keywords="吵 噪音 扰民",
                cs_state="approved",
            )
        )
        cls.draft = cls.Page.create(article_vals("停车场草稿", cs_keywords="停车费"))
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "停车费怎么交",
                "description": "<p>业主来电问停车费怎么交</p>",
                "user_id": cls.agent.id,
            }
        )

    def test_suggestions_from_subject_and_request(self):
        ticket = self.ticket.with_user(self.agent)
        self.assertEqual(ticket.cs_suggested_article_ids[:1], self.parking)
        self.assertNotIn(self.draft, ticket.cs_suggested_article_ids)
        ticket.write({"name": "楼上装修太吵", "description": "<p>晚上还在施工</p>"})
        self.assertEqual(ticket.cs_suggested_article_ids[:1], self.noise)

    def test_answered_it_links_and_counts(self):
        ticket = self.ticket.with_user(self.agent)
        self.assertFalse(ticket.cs_answered_by_article)
        self.parking.with_user(self.agent).with_context(
            cs_ticket_id=ticket.id
        ).action_cs_answered_it()
        self.assertEqual(ticket.cs_article_ids, self.parking)
        self.assertTrue(ticket.cs_answered_by_article)
        self.assertEqual(self.parking.cs_answer_count, 1)
        self.assertNotIn(self.parking, ticket.cs_suggested_article_ids)
        # FCR analysis: tickets resolved with an article vs without
        groups = self.env["helpdesk.ticket"]._read_group(
            [("id", "=", ticket.id)], ["cs_answered_by_article"], ["__count"]
        )
        self.assertEqual(groups, [(True, 1)])
        with self.assertRaises(AccessError):
            self.draft.with_user(self.agent).with_context(
                cs_ticket_id=ticket.id
            ).action_cs_answered_it()
        with self.assertRaises(UserError):
            self.parking.with_user(self.agent).action_cs_answered_it()

    def test_show_counts_a_view(self):
        action = self.parking.with_user(self.agent).action_cs_show()
        self.assertEqual(action["res_id"], self.parking.id)
        self.assertEqual(self.parking.cs_view_count, 1)
        with self.assertRaises(AccessError):
            self.draft.with_user(self.agent).action_cs_show()

    def test_propose_an_article_from_a_closed_ticket(self):
        ticket = self.ticket.with_user(self.agent)
        with self.assertRaises(UserError):
            ticket.action_cs_propose_article()
        closed = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        self.ticket.write(
            {
                "stage_id": closed.id,
                "description": "<p>想知道停车月卡能不能线上续费</p>",
                "cs_actions_taken": "告知业主在APP停车缴费中续费",
                "cs_typical_case": True,
            }
        )
        ticket.action_cs_propose_article()
        article = self.Page.search([("cs_source_ticket_id", "=", ticket.id)])
        self.assertEqual(article.cs_state, "draft")
        self.assertEqual(article.name, "停车费怎么交")
        self.assertEqual(article.cs_question, "想知道停车月卡能不能线上续费")
        self.assertIn("APP停车缴费", article.content)
        self.assertEqual(article.cs_owner_id, self.agent)
        self.assertFalse(article.cs_public)
        # a draft: the agent does not see it, a Supervisor approves it
        self.assertFalse(
            self.Page.with_user(self.agent).search([("id", "=", article.id)])
        )
        article.with_user(self.supervisor).action_cs_approve()
        with self.assertRaises(UserError):
            ticket.action_cs_propose_article()
        self.assertTrue(self.ticket.cs_typical_case)

    def test_caller_card_suggests_articles_for_open_tickets(self):
        self.env.company.country_id = self.env.ref("base.cn")
        caller = self.env["res.partner"].create(
            {"name": "Zhao Liu", "mobile": "13912345670"}
        )
        self.ticket.partner_id = caller
        self.Page.create(
            article_vals(
                "停车场内部流程",
                cs_keywords="停车费",
                cs_state="approved",
                cs_public=False,
            )
        )
        result = self.env["cs.api"].with_user(self.agent).lookup_caller("13912345670")
        self.assertEqual(
            [a["id"] for a in result["knowledge_articles"]], [self.parking.id]
        )
        self.assertEqual(result["knowledge_articles"][0]["title"], "停车费缴纳方式")
        self.ticket.stage_id = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        result = self.env["cs.api"].with_user(self.agent).lookup_caller("13912345670")
        self.assertEqual(result["knowledge_articles"], [])

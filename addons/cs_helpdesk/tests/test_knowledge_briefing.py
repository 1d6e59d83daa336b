# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_knowledge import KnowledgeCase, article_vals


@tagged("post_install", "-at_install")
class TestKnowledgeBriefing(KnowledgeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "早班", "user_ids": [(6, 0, [cls.agent.id, cls.supervisor.id])]}
        )
        cls.other_agent = cls.env["res.users"].create(
            {
                "name": "Other agent",
                "login": "kb_other_agent",
                "groups_id": [(6, 0, [cls.env.ref("cs_callcenter.group_agent").id])],
            }
        )
        Page = cls.Page
        cls.new = Page.create(article_vals("新文章", cs_state="approved"))
        cls.new.cs_approved_date = datetime(2026, 5, 9, 15, 0)
        cls.old = Page.create(article_vals("旧文章", cs_state="approved"))
        cls.old.cs_approved_date = datetime(2026, 5, 1, 9, 0)
        cls.draft = Page.create(article_vals("草稿文章"))
        # content_date (last change) is the history head's creation: past
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE document_page SET content_date = %s WHERE id IN %s",
            [datetime(2026, 5, 1), tuple((cls.new | cls.old | cls.draft).ids)],
        )
        Page.invalidate_model()
        Ticket = cls.env["helpdesk.ticket"]
        cls.typical = Ticket.create(
            {
                "name": "典型",
                "description": "<p>x</p>",
                "team_id": cls.team.id,
                "cs_typical_case": True,
            }
        )
        cls.plain = Ticket.create(
            {"name": "普通", "description": "<p>x</p>", "team_id": cls.team.id}
        )
        cls.typical_old = Ticket.create(
            {
                "name": "旧典型",
                "description": "<p>x</p>",
                "team_id": cls.team.id,
                "cs_typical_case": True,
            }
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id IN %s",
            [datetime(2026, 5, 9, 10, 0), (cls.typical.id, cls.plain.id)],
        )
        cls.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            [datetime(2026, 5, 2, 10, 0), cls.typical_old.id],
        )
        Ticket.invalidate_model()

    def test_briefing_lists_new_articles_and_yesterdays_typical_cases(self):
        briefing = (
            self.env["cs.knowledge.briefing"]
            .with_user(self.supervisor)
            .create({"team_id": self.team.id, "date": date(2026, 5, 10)})
        )
        self.assertEqual(briefing.since, datetime(2026, 5, 9))
        self.assertEqual(briefing.article_ids, self.new)
        self.assertEqual(briefing.ticket_ids, self.typical)
        # the next day starts from this briefing
        self.old.with_user(self.supervisor).write(
            {"content": "<p>改了</p>", "draft_name": "2", "draft_summary": "改"}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE document_page SET content_date = %s WHERE id = %s",
            [datetime(2026, 5, 10, 18, 0), self.old.id],
        )
        self.old.invalidate_recordset()
        later = self.env["cs.knowledge.briefing"].create(
            {"team_id": self.team.id, "date": date(2026, 5, 12)}
        )
        self.assertEqual(later.since, datetime(2026, 5, 10))
        self.assertEqual(later.article_ids, self.old)

    def test_agents_acknowledge_and_supervisors_see_who_read(self):
        briefing = self.env["cs.knowledge.briefing"].create(
            {"team_id": self.team.id, "date": date(2026, 5, 10)}
        )
        as_agent = briefing.with_user(self.agent)
        self.assertFalse(as_agent.acknowledged)
        as_agent.action_cs_acknowledge()
        self.assertTrue(as_agent.acknowledged)
        with self.assertRaises(UserError):
            as_agent.action_cs_acknowledge()
        as_supervisor = briefing.with_user(self.supervisor)
        self.assertEqual(as_supervisor.ack_ids.user_id, self.agent)
        self.assertTrue(as_supervisor.ack_ids.date)
        self.assertEqual((as_supervisor.ack_count, as_supervisor.member_count), (1, 2))
        # an agent outside the team sees neither the briefing nor others' reads
        with self.assertRaises(AccessError):
            briefing.with_user(self.other_agent).action_cs_acknowledge()
        with self.assertRaises(AccessError):
            self.env["cs.knowledge.briefing.ack"].with_user(self.agent).create(
                {"briefing_id": briefing.id, "user_id": self.supervisor.id}
            )
        with self.assertRaises(AccessError):
            as_agent.write({"note": "<p>改</p>"})

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestForbiddenPhrases(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Feng Yu", "email": "feng@example.com"}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Parking",
                "description": "<p>x</p>",
                "partner_id": cls.customer.id,
            }
        )

    def _reply(self, user, body, note=False):
        return self.ticket.with_user(user).message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note" if note else "mail.mt_comment",
        )

    def test_reply_to_the_customer_is_refused_with_the_preferred_wording(self):
        messages = len(self.ticket.message_ids)
        with self.assertRaises(UserError) as error:
            self._reply(self.agent, "<p>抱歉，这个问题我们公司不能给您解决。</p>")
        text = str(error.exception)
        self.assertIn("这个问题我们公司不能给您解决", text)
        self.assertIn("我们能为您做的是", text)
        self.assertEqual(len(self.ticket.message_ids), messages)

    def test_customers_are_not_blocked(self):
        portal = new_test_user(
            self.env, login="cs_portal_customer", groups="base.group_portal"
        )
        self.ticket.partner_id = portal.partner_id
        message = (
            self.ticket.with_user(portal)
            .sudo(False)
            .message_post(
                body="<p>这样不行！</p>",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )
        self.assertTrue(message)

    def test_internal_notes_are_not_blocked(self):
        message = self._reply(self.agent, "<p>客户说：你们不行</p>", note=True)
        self.assertTrue(message)

    def test_clean_reply_passes(self):
        self.assertTrue(
            self._reply(self.agent, "<p>我很愿意为您做，我们明天上门。</p>")
        )

    def test_supervisor_may_override_and_it_is_logged(self):
        self._reply(self.supervisor, "<p>周末不可以施工。</p>")
        log = self.ticket.message_ids[0]
        self.assertIn("不可以", log.body)
        self.assertIn("supervisor", log.body)

    def test_archived_phrase_no_longer_blocks(self):
        self.env.ref("cs_helpdesk.cs_forbidden_phrase_dont_know").active = False
        self.assertTrue(self._reply(self.agent, "<p>我不知道具体时间。</p>"))

    def test_latin_phrases_match_case_insensitively(self):
        self.env["cs.forbidden.phrase"].create(
            {"name": "Not my problem", "preferred": "Let me see what we can do"}
        )
        with self.assertRaisesRegex(UserError, "Let me see what we can do"):
            self._reply(self.agent, "<p>That is NOT MY PROBLEM, sorry.</p>")

    def test_call_notes_are_flagged(self):
        call = self.env["cs.call"].create(
            {"number": "110", "note": "<p>我不会处理</p>"}
        )
        self.assertIn("我不会", call.cs_forbidden_phrases)
        call.note = "<p>已为客户登记报修</p>"
        self.assertFalse(call.cs_forbidden_phrases)

    def test_supervisors_maintain_the_list(self):
        Phrase = self.env["cs.forbidden.phrase"]
        with self.assertRaises(AccessError):
            Phrase.with_user(self.agent).create({"name": "没办法"})
        phrase = Phrase.with_user(self.supervisor).create({"name": "没办法"})
        self.assertTrue(Phrase.with_user(self.agent).search([("id", "=", phrase.id)]))

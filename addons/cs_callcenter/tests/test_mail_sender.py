# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestStaffWithoutEmail(TransactionCase):
    """Call-center staff often have no mailbox: they must still post and notify."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="cs_no_mail",
            groups="cs_callcenter.group_agent,base.group_partner_manager",
        )
        cls.agent.partner_id.email = False
        cls.customer = cls.env["res.partner"].create({"name": "Customer"})
        cls.env.company.email = "service@company.example"

    def test_note_by_user_without_email(self):
        message = self.customer.with_user(self.agent).message_post(
            body="Called back", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(message.author_id, self.agent.partner_id)
        self.assertIn("service@company.example", message.email_from)

    def test_notify_by_user_without_email(self):
        message = (
            self.env["mail.thread"]
            .with_user(self.agent)
            .message_notify(
                partner_ids=self.customer.ids,
                body="Your complaint was dispatched",
                subject="Dispatch",
            )
        )
        self.assertEqual(message.author_id, self.agent.partner_id)

    def test_odoobot_address_when_company_has_none(self):
        self.env.company.email = False
        self.env.company.alias_domain_id = False
        message = self.customer.with_user(self.agent).message_post(
            body="Note", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertIn(self.env.ref("base.partner_root").email, message.email_from)

    def test_external_author_without_email_still_refused(self):
        stranger = self.env["res.partner"].create({"name": "No mail"})
        with self.assertRaises(UserError):
            self.customer.with_user(self.agent).message_post(
                body="x", author_id=stranger.id
            )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import formataddr


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_compute_author(
        self, author_id=None, email_from=None, raise_on_email=True
    ):
        """Let staff without an e-mail address post and notify.

        Many call-center agents have no mailbox, and Odoo refuses every
        ``message_post``/``message_notify`` by a user without one ("configure
        the sender's email address"): dispatching a complaint, submitting a
        review or a chatter note would fail for them. For an internal user the
        message keeps its author and is sent from the company's address
        (alias domain's default sender, else the company's e-mail), so replies
        reach the company (OdooBot's address when the company has
        none). Other authors keep Odoo's refusal.
        """
        author_id, email_from = super()._message_compute_author(
            author_id=author_id, email_from=email_from, raise_on_email=False
        )
        if not email_from and author_id:
            email_from = self._cs_staff_email_from(author_id)
        if not email_from and raise_on_email:
            # Same refusal, same message as upstream for everybody else.
            return super()._message_compute_author(
                author_id=author_id, email_from=email_from, raise_on_email=True
            )
        return author_id, email_from

    @api.model
    def _cs_staff_email_from(self, author_id):
        """``"Name" <company address>`` for an internal user's partner, else ''."""
        # sudo: the author's users and company are read to choose a sender
        # address only; nothing of them is returned but that address.
        author = self.env["res.partner"].sudo().browse(author_id)
        users = author.user_ids.filtered(lambda u: not u.share)
        if not users:
            return ""
        company = users[0].company_id
        address = (
            company.alias_domain_id.default_from_email
            or company.email
            or self.env.ref("base.partner_root").sudo().email
        )
        return formataddr((author.name, address)) if address else ""

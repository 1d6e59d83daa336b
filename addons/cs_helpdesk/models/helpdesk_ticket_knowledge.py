# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, plaintext2html

SUGGESTIONS = 5
QUERY_LENGTH = 500  # characters of subject + request + description searched


class HelpdeskTicket(models.Model):
    """The knowledge base at the ticket: suggested articles, "This answered
    it", "Propose an article" (经验沉淀) and the typical case flag (典型案例)."""

    _inherit = "helpdesk.ticket"

    cs_article_ids = fields.Many2many(
        "document.page",
        "cs_helpdesk_ticket_document_page_rel",
        "ticket_id",
        "page_id",
        string="Answered by Articles",
        copy=False,
        help='Articles an agent marked with "This answered it".',
    )
    cs_answered_by_article = fields.Boolean(
        string="Resolved With an Article",
        compute="_compute_cs_answered_by_article",
        store=True,
        help="For the FCR analysis: tickets resolved with an article vs without.",
    )
    cs_suggested_article_ids = fields.Many2many(
        "document.page",
        string="Suggested Articles",
        compute="_compute_cs_suggested_article_ids",
    )
    cs_typical_case = fields.Boolean(
        string="Typical Case",
        tracking=True,
        copy=False,
        help="A case worth reviewing at the pre-shift briefing (典型案例).",
    )
    cs_proposed_article_ids = fields.One2many(
        "document.page", "cs_source_ticket_id", string="Proposed Articles"
    )

    @api.model
    def _cs_workflow_fields(self):
        # linked by "This answered it" only (an approved article the agent
        # may read): the first-contact resolution figures count them
        return super()._cs_workflow_fields() | {"cs_article_ids"}

    @api.depends("cs_article_ids")
    def _compute_cs_answered_by_article(self):
        for ticket in self:
            ticket.cs_answered_by_article = bool(ticket.cs_article_ids)

    def _cs_knowledge_query(self):
        self.ensure_one()
        text = " ".join(
            filter(
                None,
                [
                    self.name,
                    self.cs_request,
                    html2plaintext(self.description or ""),
                ],
            )
        )
        return text[:QUERY_LENGTH]

    @api.depends("name", "cs_request", "description")
    def _compute_cs_suggested_article_ids(self):
        Page = self.env["document.page"]
        # One ranking query per ticket: computed for the ticket on screen only.
        for ticket in self:
            query = ticket._cs_knowledge_query()
            articles = Page.cs_search_articles(query, SUGGESTIONS) if query else Page
            ticket.cs_suggested_article_ids = articles - ticket.cs_article_ids

    def action_cs_article_answered(self, article):
        """Link ``article`` (a document.page the user may read) to the
        ticket: "This answered it"."""
        self.ensure_one()
        article.check_access("read")
        if article.cs_state != "approved":
            raise UserError(self.env._("Only approved articles answer tickets."))
        self._cs_workflow_write({"cs_article_ids": [fields.Command.link(article.id)]})
        return True

    def action_cs_propose_article(self):
        """经验沉淀: draft an article from a closed ticket's request and
        resolution, for a Supervisor to review and approve."""
        self.ensure_one()
        self.check_access("write")
        if not self.stage_id.closed:
            raise UserError(self.env._("Propose an article from a closed ticket."))
        Page = self.env["document.page"].sudo().with_context(active_test=False)
        if Page.search_count([("cs_source_ticket_id", "=", self.id)]):
            raise UserError(
                self.env._(
                    "An article was proposed from ticket %s already.", self.number
                )
            )
        question = self.cs_request or html2plaintext(self.description or "")
        resolution = self.cs_actions_taken or self.cs_customer_reply or ""
        content = plaintext2html(resolution) if resolution else Markup("<p></p>")
        # sudo: agents may not create articles; a proposal is a draft, seen
        # and approved only by Supervisors (record rules), and carries its
        # source ticket and the proposing agent as owner.
        article = Page.create(
            {
                "name": self.name,
                "cs_question": question,
                "content": content,
                "draft_name": "1.0",
                "draft_summary": self.env._("Proposed from ticket %s", self.number),
                "cs_ticket_kind": self.cs_kind,
                "cs_category_ids": [fields.Command.set(self.category_id.ids)],
                "cs_owner_id": self.env.uid,
                "cs_source_ticket_id": self.id,
                "cs_public": False,
            }
        )
        self.message_post(
            body=self.env._("Article proposed for approval: %s", article.name)
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "The article is a draft now; a Supervisor reviews and approves it."
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

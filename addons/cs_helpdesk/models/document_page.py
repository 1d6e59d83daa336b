# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, html2plaintext

from ..tools import knowledge_text

STATES = [("draft", "Draft"), ("approved", "Approved"), ("retired", "Retired")]
# Fields whose text is indexed for search (content: the history head's).
INDEXED = {"name", "cs_question", "content", "cs_script", "cs_keywords"}
# Index fields whose change adds an article to the index or removes it.
LISTED = {"cs_state", "active", "type"}
# Postings read per query token, best weights first: a token in more articles
# than this (怎么, 物业) counts with the idf of this many, and only in the
# articles where it weighs most (title, keywords); rarer tokens are exact.
POSTINGS_CAP = 500
EXACT_COUNT = 5000
# Fields only a Supervisor sets (by the approval buttons or directly).
APPROVAL_FIELDS = {"cs_state", "cs_approved_uid", "cs_approved_date"}


class DocumentPage(models.Model):
    """A knowledge article (知识库): an OCA document page with a question, the
    answer (the page's ``content``, history and diff from document_page), the
    script to read to the customer, and an approval state. Agents read
    approved articles only (record rules); Supervisors write and approve."""

    _inherit = "document.page"

    cs_state = fields.Selection(
        STATES,
        string="Article State",
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    cs_question = fields.Text(
        string="Question", help="The customer's question this article answers."
    )
    cs_script = fields.Text(
        string="Script", help="What the agent reads to the customer (话术)."
    )
    cs_keywords = fields.Char(
        string="Keywords and Synonyms",
        help="Words customers use for this topic, separated by commas or "
        "spaces (e.g. 吵, 噪音, 扰民); they weigh like the title in search.",
    )
    cs_ticket_kind = fields.Selection(
        selection="_selection_cs_ticket_kind",
        string="Ticket Kind",
        index=True,
        help="The kind of ticket this article serves; empty for every kind.",
    )
    cs_category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        "cs_document_page_ticket_category_rel",
        "page_id",
        "category_id",
        string="Ticket Categories",
    )
    cs_owner_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        help="Who keeps this article right and reviews it.",
    )
    cs_review_date = fields.Date(
        string="Review Date", tracking=True, help="Review the article by this date."
    )
    cs_review_due = fields.Boolean(
        string="Review Due",
        compute="_compute_cs_review_due",
        search="_search_cs_review_due",
        help="The review date has passed.",
    )
    cs_public = fields.Boolean(
        string="Public",
        default=True,
        help="Partner systems (website FAQ, chat bot) may show it through "
        "the API; clear it for internal-only articles.",
    )
    cs_approved_uid = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    cs_approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False)
    cs_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "cs_helpdesk_ticket_document_page_rel",
        "page_id",
        "ticket_id",
        string="Tickets Answered",
        readonly=True,
        copy=False,
    )
    cs_answer_count = fields.Integer(
        string="Answered Tickets",
        compute="_compute_cs_answer_count",
        store=True,
        help="Tickets an agent marked as answered by this article.",
    )
    cs_view_count = fields.Integer(string="Views", readonly=True, copy=False, default=0)
    cs_source_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Proposed From",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    cs_answer_text = fields.Text(
        string="Answer (Text)", compute="_compute_cs_answer_text"
    )

    @api.model
    def _selection_cs_ticket_kind(self):
        return (
            self.env["helpdesk.ticket"]
            ._fields["cs_kind"]
            ._description_selection(self.env)
        )

    @api.depends("cs_review_date")
    def _compute_cs_review_due(self):
        today = fields.Date.context_today(self)
        for page in self:
            page.cs_review_due = bool(
                page.cs_review_date and page.cs_review_date < today
            )

    def _search_cs_review_due(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on Review Due."))
        today = fields.Date.context_today(self)
        due = [("cs_review_date", "<", today)]
        if (operator == "=") == bool(value):
            return due
        return ["|", ("cs_review_date", "=", False), ("cs_review_date", ">=", today)]

    @api.depends("cs_ticket_ids")
    def _compute_cs_answer_count(self):
        for page in self:
            page.cs_answer_count = len(page.cs_ticket_ids)

    @api.depends("content")
    def _compute_cs_answer_text(self):
        for page in self:
            page.cs_answer_text = (
                html2plaintext(page.content or "").strip()
                if page.type == "content"
                else ""
            )

    def _create_history(self, vals):
        history = super()._create_history(vals)
        # document_page takes the head as history_ids[0] (newest first by
        # _order), but a cached one2many gets the new revision appended at
        # its end: read it again so the head (and the content indexed for
        # search) is the new revision within this transaction too.
        self.invalidate_recordset(["history_ids"])
        return history

    # -- approval (Supervisors) -------------------------------------------------
    def _cs_check_approver(self):
        if not (
            self.env.su or self.env.user.has_group("cs_callcenter.group_supervisor")
        ):
            raise AccessError(
                self.env._("Only a Supervisor may approve, retire or reopen articles.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        # A new article is a draft unless a Supervisor creates it otherwise.
        if any(
            vals.get("cs_state", "draft") != "draft"
            or vals.get("cs_approved_uid")
            or vals.get("cs_approved_date")
            for vals in vals_list
        ):
            self._cs_check_approver()
        now = fields.Datetime.now()
        vals_list = [
            dict(vals, cs_approved_uid=self.env.uid, cs_approved_date=now)
            if vals.get("cs_state") == "approved"
            else vals
            for vals in vals_list
        ]
        pages = super().create(vals_list)
        pages._cs_reindex()
        return pages

    def write(self, vals):
        if APPROVAL_FIELDS & set(vals):
            self._cs_check_approver()
        if vals.get("cs_state") == "approved":
            vals = dict(
                vals,
                cs_approved_uid=self.env.uid,
                cs_approved_date=fields.Datetime.now(),
            )
        result = super().write(vals)
        if (INDEXED | LISTED) & set(vals):
            self._cs_reindex()
        return result

    def action_cs_approve(self):
        self._cs_check_approver()
        articles = self.filtered(lambda p: p.type == "content")
        if articles.filtered(lambda p: p.cs_state == "approved"):
            raise UserError(self.env._("The article is approved already."))
        articles.write({"cs_state": "approved"})

    def action_cs_retire(self):
        self._cs_check_approver()
        self.write({"cs_state": "retired"})

    def action_cs_reset_draft(self):
        self._cs_check_approver()
        self.write({"cs_state": "draft"})

    # -- usage ------------------------------------------------------------------
    def action_cs_show(self):
        """Open the article (answer and script) in a dialog; counts a view."""
        self.ensure_one()
        self.check_access("read")
        self._cs_count_view()
        return {
            "type": "ir.actions.act_window",
            "res_model": "document.page",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("cs_helpdesk.document_page_view_form_answer").id, "form")
            ],
            "target": "new",
            "name": self.name,
            "context": {"cs_ticket_id": self.env.context.get("cs_ticket_id")},
        }

    def _cs_count_view(self):
        # sudo: agents read articles but may not write them; the view counter
        # is the only field they move, by this private method.
        self.sudo().write({"cs_view_count": self.cs_view_count + 1})

    def action_cs_answered_it(self):
        """ "This answered it": link the article to the ticket of the context
        (``cs_ticket_id``); the ticket's rights apply."""
        self.ensure_one()
        ticket = (
            self.env["helpdesk.ticket"]
            .browse(self.env.context.get("cs_ticket_id"))
            .exists()
        )
        if not ticket:
            raise UserError(self.env._("Open the article from a ticket."))
        ticket.action_cs_article_answered(self)
        return True

    # -- search -----------------------------------------------------------------
    def _cs_index_text(self):
        """The texts indexed for the article: title, question, body (answer
        and script) and keywords."""
        self.ensure_one()
        body = html2plaintext(self.content or "") if self.type == "content" else ""
        return {
            "title": self.name or "",
            "question": self.cs_question or "",
            "body": f"{body}\n{self.cs_script or ''}",
            "keyword_text": self.cs_keywords or "",
        }

    def _cs_reindex(self):
        """Rebuild the search tokens of these articles: only approved, active
        articles are indexed (categories, drafts and retired ones are not)."""
        Token = self.env["cs.knowledge.token"].sudo()  # sudo: the index is internal
        Token.search([("page_id", "in", self.ids)]).unlink()
        rows = []
        for page in self.sudo().filtered(
            lambda p: p.type == "content" and p.cs_state == "approved" and p.active
        ):
            weights = knowledge_text.document_tokens(**page._cs_index_text())
            rows.extend(
                {"page_id": page.id, "token": token, "weight": weight}
                for token, weight in weights.items()
            )
        Token.create(rows)

    @api.model
    def _cs_knowledge_rank(self, query, limit=5, extra=None):
        """Approved, active articles best matching ``query``, best first:
        ``[(page_id, score)]``. Each shared token counts its field weight
        times its rarity (idf); usage ("This answered it") adds a little.
        Index-only scans read at most ``POSTINGS_CAP`` postings per token.
        ``extra``: an SQL condition on ``p`` (document_page) to add, e.g.
        ``cs_public``. Access rights are NOT applied here: callers filter the
        ids through the ORM."""
        tokens = sorted(knowledge_text.query_tokens(query))
        if not tokens:
            return []
        self.flush_model(
            ["cs_state", "active", "type", "company_id", "cs_public", "cs_answer_count"]
        )
        self.env["cs.knowledge.token"].flush_model()
        self.env.cr.execute(self._cs_knowledge_rank_sql(tokens, limit, extra))
        return self.env.cr.fetchall()

    @api.model
    def _cs_knowledge_rank_sql(self, tokens, limit, extra=None):
        condition = SQL(
            "p.cs_state = 'approved' AND p.active AND p.type = 'content'"
            " AND (p.company_id IS NULL OR p.company_id = ANY(%s))",
            self.env.companies.ids,
        )
        if extra:
            condition = SQL("%s AND %s", condition, extra)
        return SQL(
            """
            WITH total AS MATERIALIZED (
                -- approved articles: counted up to EXACT_COUNT, else the
                -- planner's row estimate of the table (idf needs no more)
                SELECT greatest(
                    (SELECT count(*) FROM (
                        SELECT 1 FROM document_page
                         WHERE cs_state = 'approved' LIMIT %(exact)s
                    ) capped),
                    (SELECT reltuples FROM pg_class
                      WHERE oid = 'document_page'::regclass)
                ) AS n
            ), frequency AS MATERIALIZED (
                SELECT q.token,
                       (SELECT count(*) FROM (
                            SELECT 1 FROM cs_knowledge_token t
                             WHERE t.token = q.token LIMIT %(cap)s
                       ) capped) AS df
                  FROM unnest(%(tokens)s::varchar[]) AS q(token)
            ), scores AS (
                SELECT posting.page_id,
                       sum(posting.weight * ln(1 + total.n::float / f.df)) AS relevance
                  FROM frequency f
                 CROSS JOIN total
                 CROSS JOIN LATERAL (
                        SELECT t.page_id, t.weight FROM cs_knowledge_token t
                         WHERE t.token = f.token
                      ORDER BY t.weight DESC
                         LIMIT %(cap)s
                       ) posting
                 WHERE f.df > 0
              GROUP BY posting.page_id
              ORDER BY relevance DESC
                 LIMIT %(candidates)s
            )
            SELECT p.id,
                   scores.relevance
                   + %(usage)s * ln(1 + p.cs_answer_count) AS score
              FROM scores
              JOIN document_page p ON p.id = scores.page_id
             WHERE %(condition)s
          ORDER BY score DESC, p.id
             LIMIT %(limit)s
            """,
            tokens=tokens,
            cap=POSTINGS_CAP,
            exact=EXACT_COUNT,
            candidates=max(limit * 10, 50),
            usage=knowledge_text.USAGE_WEIGHT,
            condition=condition,
            limit=limit,
        )

    @api.model
    def cs_search_articles(self, query, limit=5):
        """Articles the current user may read that best match ``query``,
        best first (a recordset)."""
        ranked = self._cs_knowledge_rank(query, limit=limit * 3)
        allowed = set(self.search([("id", "in", [r[0] for r in ranked])]).ids)
        return self.browse([r[0] for r in ranked if r[0] in allowed][:limit])

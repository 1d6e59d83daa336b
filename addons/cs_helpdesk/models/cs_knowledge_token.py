# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import create_index


class CsKnowledgeToken(models.Model):
    """The search index of knowledge articles: one row per distinct token
    (Chinese bigram, keyword, Latin word) of an article with its weight
    (tools/knowledge_text.py). Written only by ``document.page._cs_reindex``."""

    _name = "cs.knowledge.token"
    _description = "Knowledge Search Token"
    _log_access = False

    page_id = fields.Many2one(
        "document.page", required=True, ondelete="cascade", index=True
    )
    token = fields.Char(required=True)
    weight = fields.Integer(required=True)

    @api.model
    def _auto_init(self):
        result = super()._auto_init()
        # Posting lists read by token, heaviest first, covering the page:
        # the ranking query reads them by index-only scans (EXPLAIN test).
        create_index(
            self.env.cr,
            "cs_knowledge_token_token_weight_page_idx",
            self._table,
            ["token", "weight", "page_id"],
        )
        return result

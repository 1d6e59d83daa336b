# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL

# the same limit as a partner system's search_knowledge query
from .cs_api_knowledge import QUERY_LENGTH

CARD_ARTICLES = 3


class CsCall(models.Model):
    _inherit = "cs.call"

    @api.model
    def _cs_caller_extra(self, partners):
        """``knowledge_articles``: ``[{"id", "title", "score"}]``, the public
        approved articles best matching the subjects of the caller's open
        tickets (public only: the card is also
        ``cs.api.lookup_caller``'s answer to partner systems)."""
        result = super()._cs_caller_extra(partners)
        subjects = " ".join(t["name"] or "" for t in result.get("open_tickets", []))
        ranked = (
            self.env["document.page"]._cs_knowledge_rank(
                subjects[:QUERY_LENGTH], CARD_ARTICLES, extra=SQL("p.cs_public")
            )
            if subjects.strip()
            else []
        )
        # sudo: the card shows the titles of these public approved articles
        # to whoever may call lookup_caller.
        pages = self.env["document.page"].sudo().browse([r[0] for r in ranked])
        result["knowledge_articles"] = [
            {"id": page.id, "title": page.name, "score": round(score, 3)}
            for page, (_page_id, score) in zip(pages, ranked, strict=True)
        ]
        return result

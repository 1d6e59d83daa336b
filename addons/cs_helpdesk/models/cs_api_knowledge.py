# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

MAX_LIMIT = 20
QUERY_LENGTH = 200


class CsApi(models.AbstractModel):
    _inherit = "cs.api"

    @api.model
    def search_knowledge(self, query, limit=5):
        """Knowledge articles answering ``query``, for partner systems (a
        website FAQ, a chat bot): approved articles marked public only.

        :param str query: the question in the customer's words (Chinese or
            not), at most 200 characters
        :param int limit: how many articles at most, 1 to 20 (default 5)
        :returns: ``[{"id": int, "title": str, "answer_text": str,
            "score": float}]``, best first; ``answer_text`` is the answer as
            plain text
        """
        user = self.env.user
        if not (
            user.has_group("cs_callcenter.group_agent")
            or user.has_group("cs_callcenter.group_integration")
            or user.has_group("base.group_portal")
        ):
            raise AccessError(
                self.env._(
                    "Only agents, integration and portal users may search the "
                    "knowledge base."
                )
            )
        query = self._cs_require_string(query, "query", QUERY_LENGTH)
        if (
            not isinstance(limit, int)
            or isinstance(limit, bool)
            or not (1 <= limit <= MAX_LIMIT)
        ):
            raise ValidationError(
                self.env._("limit must be an integer from 1 to %s.", MAX_LIMIT)
            )
        Page = self.env["document.page"]
        ranked = Page._cs_knowledge_rank(query, limit, extra=SQL("p.cs_public"))
        # sudo: integration and portal users have no access to articles; they
        # get the approved public ones the ranking returned, these fields only.
        pages = Page.sudo().browse([page_id for page_id, _score in ranked])
        return [
            {
                "id": page.id,
                "title": page.name,
                "answer_text": page.cs_answer_text,
                "score": round(score, 3),
            }
            for page, (_page_id, score) in zip(pages, ranked, strict=True)
        ]

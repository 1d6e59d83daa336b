# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import html2plaintext


class CsForbiddenPhrase(models.Model):
    """A phrase staff must not say or write to customers (禁忌语, docs/DOMAIN.md §3),
    with the wording to use instead. Supervisors maintain the list."""

    _name = "cs.forbidden.phrase"
    _description = "Forbidden Phrase"
    _order = "sequence, id"

    name = fields.Char(string="Phrase", required=True)
    preferred = fields.Char(
        string="Preferred Wording", help="What to say instead, shown to the agent."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        (
            "name_company_unique",
            "unique(name, company_id)",
            "This phrase is already in the list.",
        )
    ]

    @api.model
    def _cs_find(self, text):
        """The active phrases ``text`` (plain or HTML) contains, case-insensitive."""
        if not text:
            return self.browse()
        plain = html2plaintext(str(text)).casefold()
        phrases = self.search([("company_id", "in", [False, self.env.company.id])])
        return phrases.filtered(lambda p: p.name.strip().casefold() in plain)

    def _cs_describe(self):
        """'"我不能" (say: 我们能为您做的是……)' for each phrase."""
        return "; ".join(
            f"“{p.name}”" + (f" → “{p.preferred}”" if p.preferred else "") for p in self
        )

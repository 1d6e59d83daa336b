# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CsQaScorecard(models.Model):
    """What a call is scored on (品质控制, DOMAIN.md §5), and how many calls
    are sampled per agent and period."""

    _name = "cs.qa.scorecard"
    _description = "Quality Scorecard"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    criterion_ids = fields.One2many(
        "cs.qa.criterion", "scorecard_id", string="Criteria", copy=True
    )
    reviewer_id = fields.Many2one(
        "res.users",
        string="Default Reviewer",
        domain="[('share', '=', False)]",
        check_company=True,
        help="Gets the reviews of sampled calls.",
    )
    sample_count = fields.Integer(
        string="Calls per Agent", default=5, help="Sampled per agent and period."
    )
    sample_percent = fields.Float(
        string="or Share of Calls (%)",
        help="When set, this share of each agent's answered calls is sampled "
        "instead (at least one).",
    )
    auto_sample = fields.Boolean(
        string="Sample Monthly",
        help="On the first of each month, sample last month's calls.",
    )

    @api.constrains("sample_count", "sample_percent")
    def _check_sampling(self):
        for card in self:
            if card.sample_count < 0 or not 0 <= card.sample_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "%s: sample a positive number of calls or a percentage.",
                        card.name,
                    )
                )

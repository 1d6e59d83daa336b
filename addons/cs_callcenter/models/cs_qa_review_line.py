# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

POINTS = {"pass": 100.0, "partial": 50.0, "fail": 0.0}


class CsQaReviewLine(models.Model):
    _name = "cs.qa.review.line"
    _description = "Quality Review Line"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "cs.qa.review", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one("cs.qa.criterion", required=True)
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(related="criterion_id.weight", store=True)
    fatal = fields.Boolean(related="criterion_id.fatal", store=True)
    result = fields.Selection(
        [("pass", "Pass"), ("partial", "Partly"), ("fail", "Fail")],
        help="Pass scores the full weight, partly half, fail nothing.",
    )
    points = fields.Float(compute="_compute_points", store=True)
    comment = fields.Char()

    @api.depends("result")
    def _compute_points(self):
        for line in self:
            line.points = POINTS.get(line.result, 0.0)

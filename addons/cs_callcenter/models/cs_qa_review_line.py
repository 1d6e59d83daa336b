# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

POINTS = {"pass": 100.0, "partial": 50.0, "fail": 0.0}


class CsQaReviewLine(models.Model):
    _name = "cs.qa.review.line"
    _inherit = ["cs.workflow.mixin"]
    _description = "Quality Review Line"
    # the points follow the result and the weights are the criterion's when
    # it was scored: nobody writes them by hand
    _cs_protected_fields = ("points", "weight", "fatal")
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "cs.qa.review", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one("cs.qa.criterion", required=True)
    # copied from the criterion when the line is made, not related: a
    # scorecard changed later does not re-score the reviews already made
    sequence = fields.Integer(compute="_compute_from_criterion", store=True)
    weight = fields.Float(compute="_compute_from_criterion", store=True)
    fatal = fields.Boolean(compute="_compute_from_criterion", store=True)
    result = fields.Selection(
        [("pass", "Pass"), ("partial", "Partly"), ("fail", "Fail")],
        help="Pass scores the full weight, partly half, fail nothing.",
    )
    points = fields.Float(compute="_compute_points", store=True)
    comment = fields.Char()

    @api.depends("criterion_id")
    def _compute_from_criterion(self):
        for line in self:
            criterion = line.criterion_id
            line.sequence = criterion.sequence
            line.weight = criterion.weight
            line.fatal = criterion.fatal

    @api.depends("result")
    def _compute_points(self):
        for line in self:
            line.points = POINTS.get(line.result, 0.0)

    def write(self, vals):
        if not self._cs_guard_applies():
            return super().write(vals)
        self.check_access("write")
        if self.review_id.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._(
                    "A submitted review keeps its scores: put it back to review first."
                )
            )
        return super().write(vals)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CsQaCriterion(models.Model):
    """One measurable item of a scorecard; a fatal item failed fails the
    whole review, whatever the score."""

    _name = "cs.qa.criterion"
    _description = "Quality Criterion"
    _order = "scorecard_id, sequence, id"

    scorecard_id = fields.Many2one(
        "cs.qa.scorecard", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    category = fields.Selection(
        [
            ("behaviour", "Behaviour"),
            ("communication", "Communication"),
            ("resolution", "Resolution"),
            ("process", "Process"),
        ],
        required=True,
        default="behaviour",
    )
    weight = fields.Float(default=1.0)
    fatal = fields.Boolean(help="Failing it fails the review.")

    @api.constrains("weight")
    def _check_weight(self):
        for criterion in self:
            if criterion.weight <= 0:
                raise ValidationError(
                    self.env._("%s: the weight is positive.", criterion.name)
                )

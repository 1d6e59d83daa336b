# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.survey_math import METRICS


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    cs_metric = fields.Selection(
        METRICS,
        string="Scored as",
        help="The answer to this scale question is the response's CSAT, NPS or "
        "CES score (one scored question per survey).",
    )

    cs_article_id = fields.Many2one(
        "document.page",
        string="Knowledge Article",
        domain="[('type', '=', 'content')]",
        help="The knowledge article this question (or section) of a training "
        "quiz tests.",
    )

    @api.constrains("cs_metric", "question_type", "survey_id")
    def _check_cs_metric(self):
        for question in self.filtered("cs_metric"):
            if question.question_type != "scale":
                raise ValidationError(
                    self.env._(
                        "%s: only a scale question can be scored as CSAT, NPS or CES.",
                        question.title,
                    )
                )
            scored = question.survey_id.question_ids.filtered("cs_metric")
            if len(scored) > 1:
                raise ValidationError(
                    self.env._(
                        "%s: a survey has one scored question.",
                        question.survey_id.title,
                    )
                )

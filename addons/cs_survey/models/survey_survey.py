# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.survey_math import DEFAULT_THRESHOLDS, METRICS


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    cs_metric = fields.Selection(
        METRICS,
        string="Metric",
        compute="_compute_cs_metric",
        store=True,
        help="The metric of the survey's scored question.",
    )
    cs_detractor_max = fields.Integer(
        string="Detractor up to",
        compute="_compute_cs_thresholds",
        store=True,
        readonly=False,
        help="A score at or below this is a detractor: a follow-up ticket is "
        "opened at once.",
    )
    cs_promoter_min = fields.Integer(
        string="Promoter / Satisfied from",
        compute="_compute_cs_thresholds",
        store=True,
        readonly=False,
        help="Between the two thresholds an answer is passive (neutral): with "
        "a comment, the team leader gets an activity.",
    )

    @api.depends("question_and_page_ids.cs_metric")
    def _compute_cs_metric(self):
        for survey in self:
            scored = survey.question_and_page_ids.filtered("cs_metric")[:1]
            survey.cs_metric = scored.cs_metric

    @api.depends("cs_metric")
    def _compute_cs_thresholds(self):
        for survey in self:
            low, high = DEFAULT_THRESHOLDS.get(survey.cs_metric, (0, 0))
            survey.cs_detractor_max, survey.cs_promoter_min = low, high

    @api.constrains("cs_detractor_max", "cs_promoter_min", "cs_metric")
    def _check_cs_thresholds(self):
        for survey in self.filtered("cs_metric"):
            if survey.cs_detractor_max >= survey.cs_promoter_min:
                raise ValidationError(
                    self.env._(
                        "%s: the detractor threshold must be below the promoter "
                        "threshold.",
                        survey.title,
                    )
                )

    def _cs_scored_question(self):
        self.ensure_one()
        return self.question_ids.filtered("cs_metric")[:1]

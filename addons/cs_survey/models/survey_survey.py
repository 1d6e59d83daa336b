# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

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

    # -- 培训考核: training quizzes (issue 16 §6) -------------------------------------
    cs_training = fields.Boolean(
        string="Training Quiz",
        index=True,
        help="A quiz for agents (培训考核), built from knowledge articles and "
        "assigned with a deadline; scores appear in the agent quality report.",
    )
    cs_article_ids = fields.Many2many(
        "document.page",
        "cs_survey_document_page_rel",
        "survey_id",
        "page_id",
        string="Knowledge Articles",
        domain="[('type', '=', 'content')]",
        help="The articles this quiz tests.",
    )
    cs_onboarding = fields.Boolean(
        string="Onboarding Certification (岗前认证)",
        help="Agents take calls (callbacks, click-to-call) only after passing "
        "this certification. Supervisors and managers are not held.",
    )
    cs_assignment_ids = fields.One2many(
        "cs.quiz.assignment", "survey_id", string="Assignments"
    )
    cs_assignment_count = fields.Integer(compute="_compute_cs_assignment_count")

    def _compute_cs_assignment_count(self):
        counts = dict(
            self.env["cs.quiz.assignment"]._read_group(
                [("survey_id", "in", self.ids)], ["survey_id"], ["__count"]
            )
        )
        for survey in self:
            survey.cs_assignment_count = counts.get(survey, 0)

    @api.constrains("cs_onboarding", "cs_training", "certification")
    def _check_cs_onboarding(self):
        for survey in self.filtered("cs_onboarding"):
            if not (survey.cs_training and survey.certification):
                raise ValidationError(
                    self.env._(
                        "%s: an onboarding certification is a training quiz in "
                        "certification mode.",
                        survey.title,
                    )
                )

    @api.model
    def _cs_create_quiz(self, articles, title=None):
        """A training quiz on ``articles`` (approved knowledge articles): a
        certification scored without showing the answers, taken signed in
        from each agent's own link, with one section per article for the
        Supervisor to write the questions in."""
        articles = articles.filtered(lambda a: a.type == "content")
        if not articles:
            raise UserError(self.env._("Pick the knowledge articles of the quiz."))
        not_approved = articles.filtered(lambda a: a.cs_state != "approved")
        if not_approved:
            raise UserError(
                self.env._(
                    "Quizzes test approved articles only: %s is not approved.",
                    ", ".join(not_approved.mapped("name")),
                )
            )
        return self.create(
            {
                "title": title
                or self.env._("Quiz: %s", ", ".join(articles[:3].mapped("name"))),
                "cs_training": True,
                "survey_type": "assessment",
                "access_mode": "token",
                "users_login_required": True,
                "scoring_type": "scoring_without_answers",
                "certification": True,
                "scoring_success_min": 80.0,
                "cs_article_ids": [Command.set(articles.ids)],
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": article.name,
                            "is_page": True,
                            "sequence": 10 * (n + 1),
                            "cs_article_id": article.id,
                        }
                    )
                    for n, article in enumerate(articles)
                ],
            }
        )

    def action_cs_assign_quiz(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_survey.cs_quiz_assign_action"
        )
        action["context"] = {"default_survey_id": self.id}
        return action

    def action_cs_quiz_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_survey.cs_quiz_assignment_action"
        )
        action["domain"] = [("survey_id", "=", self.id)]
        action["context"] = {"default_survey_id": self.id}
        return action

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

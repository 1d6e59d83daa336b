# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class DocumentPage(models.Model):
    _inherit = "document.page"

    cs_quiz_ids = fields.Many2many(
        "survey.survey",
        "cs_survey_document_page_rel",
        "page_id",
        "survey_id",
        string="Training Quizzes",
        readonly=True,
    )

    def action_cs_create_quiz(self):
        """A training quiz on the selected articles, opened for the
        Supervisor to write its questions."""
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise UserError(self.env._("Only a supervisor builds training quizzes."))
        quiz = self.env["survey.survey"]._cs_create_quiz(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.survey",
            "res_id": quiz.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

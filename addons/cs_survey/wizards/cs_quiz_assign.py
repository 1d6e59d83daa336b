# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsQuizAssign(models.TransientModel):
    """Assign a training quiz to agents (and the agents of teams)."""

    _name = "cs.quiz.assign"
    _description = "Assign a Training Quiz"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Quiz",
        required=True,
        domain="[('cs_training', '=', True)]",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Agents",
        domain="[('share', '=', False)]",
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Teams", help="Every member of these teams."
    )
    deadline = fields.Datetime(required=True)

    def action_assign(self):
        self.ensure_one()
        users = self.user_ids | self.team_ids.user_ids.filtered(
            lambda u: (
                u.has_group("cs_callcenter.group_agent")
                and not u.has_group("cs_callcenter.group_supervisor")
            )
        )
        assignments = self.env["cs.quiz.assignment"]._cs_assign(
            self.survey_id, users, self.deadline
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_survey.cs_quiz_assignment_action"
        )
        action["domain"] = [("id", "in", assignments.ids)]
        return action

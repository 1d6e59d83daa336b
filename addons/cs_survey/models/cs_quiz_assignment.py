# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""培训考核: a training quiz (an Odoo survey in certification mode, built from
knowledge articles) assigned to an agent with a deadline. The agent takes it
through Odoo's own survey pages; the score and the pass are Odoo's
(``scoring_percentage``, ``scoring_success``), read back here."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

STATES = [
    ("assigned", "Assigned"),
    ("passed", "Passed"),
    ("failed", "Failed"),
]


class CsQuizAssignment(models.Model):
    _name = "cs.quiz.assignment"
    _description = "Training Quiz Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline desc, id desc"
    _rec_name = "survey_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Quiz",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        domain="[('cs_training', '=', True)]",
    )
    user_id = fields.Many2one(
        "res.users", string="Agent", required=True, readonly=True, index=True
    )
    assigned_by_id = fields.Many2one(
        "res.users", string="Assigned by", readonly=True, default=lambda s: s.env.user
    )
    deadline = fields.Datetime(required=True, readonly=True, tracking=True)
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Answers",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    state = fields.Selection(
        STATES,
        compute="_compute_result",
        store=True,
        index=True,
        tracking=True,
    )
    score = fields.Float(
        string="Score (%)", compute="_compute_result", store=True, aggregator="avg"
    )
    passed = fields.Integer(
        string="Passed (count)", compute="_compute_result", store=True
    )
    done_date = fields.Datetime(
        string="Taken on", compute="_compute_result", store=True, index=True
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_onboarding = fields.Boolean(related="survey_id.cs_onboarding")
    article_ids = fields.Many2many(related="survey_id.cs_article_ids")
    survey_url = fields.Char(string="Quiz Link", compute="_compute_survey_url")

    @api.depends(
        "user_input_id.state",
        "user_input_id.scoring_percentage",
        "user_input_id.scoring_success",
        "user_input_id.end_datetime",
    )
    def _compute_result(self):
        for assignment in self:
            answer = assignment.user_input_id
            done = answer.state == "done"
            assignment.state = (
                ("passed" if answer.scoring_success else "failed")
                if done
                else "assigned"
            )
            assignment.score = answer.scoring_percentage if done else 0.0
            assignment.passed = int(done and answer.scoring_success)
            assignment.done_date = answer.end_datetime if done else False

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for assignment in self:
            assignment.is_overdue = bool(
                assignment.state == "assigned"
                and assignment.deadline
                and assignment.deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Overdue: search it as true or false."))
        overdue = [("state", "=", "assigned"), ("deadline", "<", fields.Datetime.now())]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    def _compute_survey_url(self):
        for assignment in self:
            answer = assignment.user_input_id
            assignment.survey_url = (
                answer.get_base_url() + answer.get_start_url() if answer else False
            )

    # -- assigning ---------------------------------------------------------------------
    @api.model
    def _cs_assign(self, survey, users, deadline):
        """Assign ``survey`` to ``users`` by ``deadline``: each gets their own
        answer sheet (Odoo's ``_create_answer``, closing at the deadline) and
        a to-do. Agents with the quiz still open are left alone. Returns the
        new assignments."""
        survey.ensure_one()
        if not survey.cs_training:
            raise UserError(
                self.env._("%s is not a training quiz.", survey.display_name)
            )
        if not survey.question_ids:
            raise UserError(self.env._("%s has no question yet.", survey.display_name))
        if not deadline or deadline <= fields.Datetime.now():
            raise UserError(self.env._("The deadline must be in the future."))
        not_agents = users.filtered(
            lambda u: u.share or not u.has_group("cs_callcenter.group_agent")
        )
        if not_agents:
            raise UserError(
                self.env._(
                    "Quizzes are for agents: %s is not one.",
                    ", ".join(not_agents.mapped("name")),
                )
            )
        open_ = self.search(
            [
                ("survey_id", "=", survey.id),
                ("user_id", "in", users.ids),
                ("state", "=", "assigned"),
            ]
        )
        users -= open_.user_id
        if not users:
            return self.browse()
        # sudo: the answer sheets are the survey's own records, which
        # supervisors assigning a quiz may not create directly
        answers = self.env["survey.user_input"].sudo()
        for user in users:
            answers |= survey.sudo()._create_answer(
                user=user, check_attempts=False, deadline=deadline
            )
        assignments = self.create(
            [
                {
                    "survey_id": survey.id,
                    "user_id": user.id,
                    "deadline": deadline,
                    "user_input_id": answer.id,
                    "company_id": self.env.company.id,
                }
                for user, answer in zip(users, answers, strict=True)
            ]
        )
        for assignment in assignments:
            assignment.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.to_date(
                    fields.Datetime.context_timestamp(assignment, deadline)
                ),
                summary=self.env._("Take the quiz %s", survey.title),
                note=Markup('<p><a href="%s">%s</a></p>')
                % (assignment.survey_url, self.env._("Start the quiz")),
                user_id=assignment.user_id.id,
            )
        return assignments

    def action_take_quiz(self):
        """Open the quiz for the agent it is assigned to."""
        self.ensure_one()
        if self.user_id != self.env.user:
            raise UserError(
                self.env._("This quiz is assigned to %s.", self.user_id.name)
            )
        if self.state != "assigned":
            raise UserError(self.env._("You have taken this quiz already."))
        if self.is_overdue:
            raise UserError(
                self.env._(
                    "The deadline has passed: ask your supervisor for a new one."
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": self.user_input_id.get_start_url(),
            "target": "self",
        }

    @api.model
    def _cs_scores(self, domain, groupby):
        """{group key tuple: {"quizzes", "score", "passed"}} of the quizzes
        taken (the reader's access rules apply)."""
        result = {}
        for row in self._read_group(
            domain + [("state", "!=", "assigned")],
            groupby,
            ["__count", "score:avg", "passed:sum"],
        ):
            key = row[: len(groupby)]
            count, score, passed = row[len(groupby) :]
            result[key] = {"quizzes": count, "score": score or 0.0, "passed": passed}
        return result

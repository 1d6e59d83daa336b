# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""培训考核 (issue 16 §6): quizzes on Odoo survey's certification mode built
from knowledge articles, assigned to agents with a deadline, scored into the
agent quality report, and the onboarding certification (岗前认证)."""

import io
from datetime import date, datetime, timedelta

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CsSurveyCase

NOW = datetime(2026, 10, 12, 2, 0)


@tagged("post_install", "-at_install")
class TestQuiz(CsSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Page = cls.env["document.page"]
        cls.articles = Page.create(
            [
                {
                    "name": "门禁卡挂失与补办",
                    "content": "<p>补办工本费20元，当场可取。</p>",
                    "cs_state": "approved",
                },
                {
                    "name": "装修审批",
                    "content": "<p>承重墙不得拆改。</p>",
                    "cs_state": "approved",
                },
            ]
        )
        cls.draft_article = Page.create(
            {"name": "草稿", "content": "<p>…</p>", "cs_state": "draft"}
        )

    def _quiz(self):
        """A quiz on the two articles, as the supervisor builds it: the
        sections come from the articles, the supervisor writes one question
        per article (10 points each)."""
        action = self.articles.with_user(self.supervisor).action_cs_create_quiz()
        quiz = self.env["survey.survey"].browse(action["res_id"])
        Question = self.env["survey.question"].with_user(self.supervisor)
        for n, (article, right, wrong) in enumerate(
            [(self.articles[0], "20元", "免费"), (self.articles[1], "承重墙", "地板")]
        ):
            Question.create(
                {
                    "survey_id": quiz.id,
                    "title": f"Question on {article.name}",
                    "sequence": 10 * (n + 1) + 1,
                    "question_type": "simple_choice",
                    "cs_article_id": article.id,
                    "suggested_answer_ids": [
                        Command.create(
                            {"value": right, "is_correct": True, "answer_score": 10}
                        ),
                        Command.create({"value": wrong}),
                    ],
                }
            )
        return quiz

    def _take(self, assignment, right_answers):
        """Answer as the agent would: the first ``right_answers`` questions
        right, the others wrong."""
        answer = assignment.user_input_id
        for n, question in enumerate(answer.survey_id.question_ids):
            choice = question.suggested_answer_ids.filtered(
                lambda a, right=n < right_answers: a.is_correct == right
            )
            answer._save_lines(question, choice.id)
        answer._mark_done()
        return answer

    def _assign(self, quiz, users, deadline=NOW + timedelta(days=7)):
        with freeze_time(NOW):
            wizard = (
                self.env["cs.quiz.assign"]
                .with_user(self.supervisor)
                .create(
                    {
                        "survey_id": quiz.id,
                        "user_ids": [Command.set(users.ids)],
                        "deadline": deadline,
                    }
                )
            )
            action = wizard.action_assign()
        return self.env["cs.quiz.assignment"].search(action["domain"])

    def test_quiz_built_from_articles(self):
        quiz = self._quiz()
        self.assertTrue(quiz.cs_training)
        self.assertTrue(quiz.certification)
        self.assertEqual(quiz.access_mode, "token")
        self.assertEqual(quiz.scoring_success_min, 80.0)
        self.assertEqual(quiz.cs_article_ids, self.articles)
        self.assertEqual(self.articles[0].cs_quiz_ids, quiz)
        self.assertEqual(quiz.page_ids.mapped("cs_article_id"), self.articles)
        self.assertEqual(
            quiz.question_ids.mapped("page_id.cs_article_id"), self.articles
        )
        self.assertEqual(quiz.scoring_max_obtainable, 20.0)
        with self.assertRaisesRegex(UserError, "approved"):
            (self.articles | self.draft_article).with_user(
                self.supervisor
            ).action_cs_create_quiz()
        with self.assertRaisesRegex(UserError, "supervisor"):
            self.articles.with_user(self.agent).action_cs_create_quiz()
        # supervisors write training quizzes, not the satisfaction surveys
        with self.assertRaises(AccessError):
            self.csat.with_user(self.supervisor).title = "Renamed"
        with self.assertRaises(AccessError):
            self.csat.question_ids[:1].with_user(self.supervisor).title = "Renamed"
        with self.assertRaises(AccessError):
            quiz.with_user(self.agent).title = "Mine"

    def test_assign_with_deadline_and_score(self):
        quiz = self._quiz()
        assignments = self._assign(quiz, self.agent | self.agent2)
        self.assertEqual(assignments.user_id, self.agent | self.agent2)
        mine = assignments.filtered(lambda a: a.user_id == self.agent)
        self.assertEqual(mine.state, "assigned")
        self.assertEqual(mine.assigned_by_id, self.supervisor)
        self.assertEqual(mine.user_input_id.deadline, NOW + timedelta(days=7))
        self.assertEqual(mine.user_input_id.partner_id, self.agent.partner_id)
        activity = mine.activity_ids
        self.assertEqual(activity.user_id, self.agent)
        self.assertEqual(activity.date_deadline, date(2026, 10, 19))
        # assigned again while open: nobody gets it twice
        self.assertFalse(self._assign(quiz, self.agent))
        # the agent opens their own quiz only
        with freeze_time(NOW):
            action = mine.with_user(self.agent).action_take_quiz()
            self.assertEqual(action["url"], mine.user_input_id.get_start_url())
            theirs = assignments - mine
            with self.assertRaisesRegex(UserError, "Agent Two"):
                theirs.with_user(self.agent).action_take_quiz()
        with freeze_time(NOW + timedelta(days=1)):
            self._take(mine, 2)
            self._take(theirs, 1)
        self.assertEqual((mine.state, mine.score, mine.passed), ("passed", 100.0, 1))
        self.assertEqual(
            (theirs.state, theirs.score, theirs.passed), ("failed", 50.0, 0)
        )
        self.assertEqual(mine.done_date, NOW + timedelta(days=1))
        # a failed quiz may be assigned again
        self.assertEqual(self._assign(quiz, self.agent2).user_id, self.agent2)
        with self.assertRaisesRegex(UserError, "future"):
            self._assign(quiz, self.agent2, deadline=NOW - timedelta(hours=1))
        with self.assertRaisesRegex(UserError, "agents"):
            self._assign(quiz, self.integration)

    def test_overdue(self):
        quiz = self._quiz()
        assignment = self._assign(quiz, self.agent)
        Assignment = self.env["cs.quiz.assignment"]
        with freeze_time(NOW + timedelta(days=8)):
            self.assertTrue(assignment.is_overdue)
            self.assertIn(assignment, Assignment.search([("is_overdue", "=", True)]))
            with self.assertRaisesRegex(UserError, "deadline"):
                assignment.with_user(self.agent).action_take_quiz()
        with freeze_time(NOW):
            assignment.invalidate_recordset(["is_overdue"])
            self.assertFalse(assignment.is_overdue)
            self.assertIn(assignment, Assignment.search([("is_overdue", "=", False)]))

    def test_record_rules(self):
        quiz = self._quiz()
        assignments = self._assign(quiz, self.agent | self.agent2)
        Assignment = self.env["cs.quiz.assignment"]
        mine = Assignment.with_user(self.agent).search([])
        self.assertEqual(mine.user_id, self.agent)
        self.assertEqual(Assignment.with_user(self.supervisor).search([]), assignments)
        self.assertFalse(Assignment.with_user(self.integration).has_access("read"))
        Answer = self.env["survey.user_input"]
        self.assertEqual(
            Answer.with_user(self.agent).search([("survey_id", "=", quiz.id)]),
            mine.user_input_id,
        )
        self.assertEqual(
            Answer.with_user(self.supervisor).search([("survey_id", "=", quiz.id)]),
            assignments.user_input_id,
        )
        with self.assertRaises(AccessError):
            Assignment.with_user(self.agent).create(
                {"survey_id": quiz.id, "user_id": self.agent.id, "deadline": NOW}
            )

    def test_onboarding_certification(self):
        quiz = self._quiz()
        with self.assertRaises(ValidationError):
            self.csat.cs_onboarding = True
        quiz.with_user(self.supervisor).cs_onboarding = True
        Task = self.env["cs.callback.task"]
        with self.assertRaisesRegex(UserError, "onboarding certification"):
            Task.with_user(self.agent).action_next_callback()
        with self.assertRaisesRegex(UserError, "onboarding certification"):
            self.env["cs.call"].with_user(self.agent).cs_click_to_call("13900001111")
        # supervisors are not held
        with self.assertRaisesRegex(UserError, "Nobody may be called now"):
            Task.with_user(self.supervisor).action_next_callback()
        assignment = self._assign(quiz, self.agent)
        self._take(assignment, 1)  # 50 %: failed
        with self.assertRaisesRegex(UserError, "onboarding certification"):
            Task.with_user(self.agent).action_next_callback()
        assignment = self._assign(quiz, self.agent)
        self._take(assignment, 2)  # passed
        self.assertFalse(self.agent._cs_missing_onboarding())
        with self.assertRaisesRegex(UserError, "Nobody may be called now"):
            Task.with_user(self.agent).action_next_callback()

    def test_quiz_scores_in_the_agent_quality_report(self):
        quiz = self._quiz()
        assignments = self._assign(quiz, self.agent | self.agent2)
        with freeze_time(NOW + timedelta(days=1)):
            for assignment in assignments:
                self._take(assignment, 2 if assignment.user_id == self.agent else 1)
        # one reviewed call of each agent in October
        card = self.env.ref("cs_callcenter.cs_qa_scorecard_call")
        reviews = self.env["cs.qa.review"]
        for agent, day in ((self.agent, 5), (self.agent2, 6)):
            ring = datetime(2026, 10, day, 2, 0)
            call = self.env["cs.call"].create(
                {
                    "direction": "inbound",
                    "state": "done",
                    "disposition": "answered",
                    "number": f"+8613900{day:06d}",
                    "user_id": agent.id,
                    "ring_date": ring,
                    "answer_date": ring + timedelta(seconds=5),
                    "end_date": ring + timedelta(minutes=3),
                }
            )
            review = (
                self.env["cs.qa.review"]
                .with_user(self.supervisor)
                .create(
                    {
                        "scorecard_id": card.id,
                        "call_id": call.id,
                        "date": ring.date(),
                    }
                )
            )
            for line in review.line_ids:
                line.result = "pass"
            review.action_done()
            reviews |= review
        content, _kind = self.env["ir.actions.report"]._render_xlsx(
            "cs_callcenter.qa_agent_xlsx", reviews.ids, None
        )
        book = load_workbook(io.BytesIO(content))
        # the QA sheet is unchanged and first; the training sheet follows
        self.assertEqual(book.sheetnames, ["Agent Quality", "Training"])
        sheet = book["Training"]
        self.assertEqual(sheet["A1"].value, "Training Quizzes and Quality")
        self.assertEqual(
            [c.value for c in sheet[2]],
            [
                "Agent",
                "Month",
                "Reviews",
                "Average Score (%)",
                "Quizzes Taken",
                "Quiz Average Score (%)",
                "Quizzes Passed",
            ],
        )
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
        self.assertEqual(
            rows,
            [
                ["Agent Two", datetime(2026, 10, 1), 1, 100, 1, 50, 0],
                ["CS Agent", datetime(2026, 10, 1), 1, 100, 1, 100, 1],
            ],
        )

    def test_menus_and_forms(self):
        self.assertCanOpen(self.agent, "cs_survey.cs_quiz_assignment_menu_my")
        self.assertMenuHidden(self.agent, "cs_survey.cs_quiz_survey_menu")
        self.assertMenuHidden(self.agent, "cs_survey.cs_quiz_assignment_menu")
        self.assertCanOpen(self.supervisor, "cs_survey.cs_quiz_survey_menu")
        self.assertCanOpen(self.supervisor, "cs_survey.cs_quiz_assignment_menu")
        self.assertCanOpen(self.supervisor, "cs_survey.cs_quiz_assignment_menu_report")
        # the supervisor edits a quiz in Odoo's survey form
        quiz = self._quiz()
        with Form(quiz.with_user(self.supervisor)) as form:
            form.title = "门禁卡与装修考核"
            form.scoring_success_min = 90
        self.assertEqual(quiz.scoring_success_min, 90)
        assignment = self._assign(quiz, self.agent)
        Form(assignment.with_user(self.agent))

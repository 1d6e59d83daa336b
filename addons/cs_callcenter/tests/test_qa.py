# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quality control: weighted scores, fatal items, sampling, acknowledgement."""

import io
import json
import random
from datetime import date, datetime, timedelta

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CsRolesCase


@tagged("post_install", "-at_install")
class TestQuality(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_agent = new_test_user(
            cls.env,
            login="cs_qa_agent2",
            name="Agent Two",
            groups="cs_callcenter.group_agent",
        )
        cls.card = cls.env.ref("cs_callcenter.cs_qa_scorecard_call")
        Call = cls.env["cs.call"]

        def call(agent, day, disposition="answered"):
            ring = datetime(2026, 10, day, 2, 0)
            return Call.create(
                {
                    "direction": "inbound",
                    "state": "done",
                    "disposition": disposition,
                    "number": f"+86139{day:04d}{agent.id:04d}",
                    "user_id": agent.id,
                    "ring_date": ring,
                    "answer_date": ring + timedelta(seconds=8)
                    if disposition == "answered"
                    else False,
                    "end_date": ring + timedelta(minutes=3),
                }
            )

        cls.calls_a = Call.browse([call(cls.agent, d).id for d in range(1, 7)])
        cls.missed = call(cls.agent, 8, "abandoned")
        cls.calls_b = call(cls.other_agent, 9) | call(cls.other_agent, 10)
        cls.late = call(cls.agent, 31) | cls.env["cs.call"]
        cls.late.answer_date = datetime(2026, 11, 2, 2, 0)  # next month

    def _review(self, **values):
        return (
            self.env["cs.qa.review"]
            .with_user(self.supervisor)
            .create({"scorecard_id": self.card.id, **values})
        )

    def _score(self, review, results):
        for line in review.line_ids:
            line.result = results.get(line.criterion_id.name, "pass")

    # -- scores ------------------------------------------------------------------
    def test_weighted_score_and_fatal_failure(self):
        review = self._review(call_id=self.calls_a[0].id)
        self.assertEqual(review.agent_id, self.agent)  # from the call
        self.assertEqual(len(review.line_ids), 6)
        self.assertEqual(sum(review.line_ids.mapped("weight")), 10)
        resolution = "Resolved, or said what happens next and by when"
        self._score(review, {resolution: "partial"})
        # (10 - 3 + 1.5) / 10
        self.assertEqual(review.score, 85.0)
        self.assertFalse(review.failed)
        self._score(review, {resolution: "partial", "No forbidden phrase": "fail"})
        # (10 - 3 + 1.5 - 2) / 10, and the fatal item fails the review
        self.assertEqual(review.score, 65.0)
        self.assertTrue(review.failed)
        self.assertEqual(review.failed_count, 1)

    def test_every_item_is_scored_before_submitting(self):
        review = self._review(call_id=self.calls_a[0].id)
        review.line_ids[0].result = "pass"
        with self.assertRaisesRegex(UserError, "Score every item"):
            review.action_done()
        self._score(review, {})
        review.action_done()
        self.assertEqual(review.state, "done")
        self.assertEqual(review.activity_ids.user_id, self.agent)

    def test_agent_sees_acknowledges_and_cannot_change_their_review(self):
        review = self._review(call_id=self.calls_a[0].id)
        Review = self.env["cs.qa.review"]
        self.assertFalse(Review.with_user(self.agent).search([]))  # still a draft
        self._score(review, {})
        review.action_done()
        mine = Review.with_user(self.agent).search([])
        self.assertEqual(mine, review)
        self.assertFalse(Review.with_user(self.other_agent).search([]))
        with self.assertRaises(AccessError):
            mine.write({"comment": "Great call"})
        with self.assertRaises(AccessError):
            mine.line_ids[0].write({"result": "fail"})
        with self.assertRaisesRegex(UserError, "Only the agent"):
            review.with_user(self.supervisor).action_acknowledge()
        with self.assertRaisesRegex(AccessError, "Only the agent reviewed"):
            review.with_user(self.supervisor).agent_comment = "Agreed, I will."
        mine.agent_comment = "I will slow down."
        mine.action_acknowledge()
        self.assertEqual(review.state, "acknowledged")
        self.assertTrue(review.acknowledged_date)
        self.assertFalse(review.activity_ids)

    def test_mystery_caller_review_without_a_call(self):
        review = self._review(agent_id=self.agent.id, mystery=True)
        self.assertTrue(review.mystery)
        self.assertFalse(review.call_id)
        self.assertEqual(len(review.line_ids), 6)

    # -- sampling ------------------------------------------------------------------
    def _sample(self, **card_values):
        self.card.write({"sample_count": 3, "sample_percent": 0, **card_values})
        return self.env["cs.qa.review"]._cs_sample(
            self.card,
            date(2026, 10, 1),
            date(2026, 10, 31),
            rng=random.Random(7),  # noqa: S311 - a reproducible sample
        )

    def test_sampling_per_agent_never_twice(self):
        first = self._sample()
        by_agent = {
            a: first.filtered(lambda r, a=a: r.agent_id == a)
            for a in (self.agent, self.other_agent)
        }
        self.assertEqual(len(by_agent[self.agent]), 3)
        self.assertEqual(len(by_agent[self.other_agent]), 2)  # all they answered
        self.assertLessEqual(
            first.call_id, self.calls_a | self.calls_b
        )  # answered, in October
        self.assertTrue(all(first.mapped("sampled")))
        second = self._sample()
        self.assertEqual(second.agent_id, self.agent)
        self.assertEqual(len(second), 3)
        self.assertFalse(first.call_id & second.call_id)
        self.assertEqual((first | second).call_id, self.calls_a | self.calls_b)
        self.assertFalse(self._sample())
        wizard = (
            self.env["cs.qa.sample"]
            .with_user(self.supervisor)
            .create(
                {
                    "scorecard_id": self.card.id,
                    "date_from": "2026-10-01",
                    "date_to": "2026-10-31",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "No answered call"):
            wizard.action_sample()

    def test_sampling_by_share(self):
        reviews = self._sample(sample_percent=50)
        self.assertEqual(len(reviews.filtered(lambda r: r.agent_id == self.agent)), 3)
        self.assertEqual(
            len(reviews.filtered(lambda r: r.agent_id == self.other_agent)), 1
        )

    def test_sampling_reports_its_progress(self):
        """Issue 15 §8: a long sampling tells the user's browser how far it is."""
        reviews = self._sample()
        self.env.flush_all()
        self.env.cr.flush()  # the bus rows are written before the commit
        messages = self.env["bus.bus"].search(
            [("message", "like", "cs_callcenter/progress")]
        )
        self.assertTrue(messages)
        payload = json.loads(messages[-1].message)["payload"]
        self.assertEqual(payload["done"], len(reviews))
        self.assertEqual(payload["total"], len(reviews))
        self.assertIn(self.card.name, payload["title"])

    # -- report ------------------------------------------------------------------
    def test_agent_quality_workbook(self):
        reviews = self.env["cs.qa.review"]
        for call, fail in (
            (self.calls_a[0], False),
            (self.calls_a[1], True),
            (self.calls_b[0], False),
        ):
            review = self._review(call_id=call.id, date="2026-10-15")
            self._score(review, {"No forbidden phrase": "fail"} if fail else {})
            review.action_done()
            reviews |= review
        draft = self._review(call_id=self.calls_a[2].id, date="2026-10-16")
        content, _kind = self.env["ir.actions.report"]._render_xlsx(
            "cs_callcenter.qa_agent_xlsx", (reviews | draft).ids, None
        )
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, "Agent Quality Report")
        self.assertEqual(sheet.freeze_panes, "A5")
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
        self.assertEqual(
            rows,
            [
                # the draft is not counted; fail on the fatal item (weight 2) = 80 %
                ["Agent Two", datetime(2026, 10, 1), 1, 1, 0, 0, 0],
                ["CS Agent", datetime(2026, 10, 1), 2, 0.9, 1, 0, 0],
                # the average of the three reviews, not of the two agents
                ["Total", None, 3, 0.933, 1, 0, 0],
            ],
        )
        self.assertEqual(sheet["D5"].number_format, "0.0%")


@tagged("post_install", "-at_install")
class TestQualityRules(CsRolesCase):
    """Issue 10: totals and workflow of a review are the workflow's, staff
    without e-mail submit and acknowledge, a refused step writes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_mailless_staff("cs_qar", "QA ")
        cls.card = cls.env.ref("cs_callcenter.cs_qa_scorecard_call")
        cls.calls = cls.env["cs.call"].create(
            [
                {
                    "direction": "inbound",
                    "number": f"1380000{i:04d}",
                    "user_id": cls.mailless_agent.id,
                }
                for i in range(2)
            ]
        )

    def _review(self, call):
        return (
            self.env["cs.qa.review"]
            .with_user(self.mailless_supervisor)
            .create({"call_id": call.id, "scorecard_id": self.card.id})
        )

    def _score_all(self, review, result="pass"):
        for line in review.line_ids:
            line.result = result

    def test_mailless_supervisor_submits_and_mailless_agent_acknowledges(self):
        review = self._review(self.calls[0])
        self._score_all(review)
        review.action_done()
        self.assertEqual(review.state, "done")
        self.assertEqual(review.activity_ids.user_id, self.mailless_agent)
        mine = review.with_user(self.mailless_agent)
        mine.agent_comment = "Noted."
        mine.action_acknowledge()
        self.assertEqual(review.state, "acknowledged")
        self.assertFalse(review.activity_ids)

    def test_totals_and_states_are_the_workflows(self):
        review = self._review(self.calls[0])
        for user in (self.mailless_supervisor, self.manager):
            for field, value in (
                ("score", 100.0),
                ("failed", False),
                ("state", "done"),
                ("acknowledged_date", datetime(2026, 11, 1)),
                ("sampled", True),
            ):
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRaisesRegex(AccessError, field),
                ):
                    review.with_user(user).write({field: value})
        with self.assertRaisesRegex(AccessError, "points"):
            review.line_ids[0].with_user(self.mailless_supervisor).points = 100
        with self.assertRaisesRegex(AccessError, "state"):
            self.env["cs.qa.review"].with_user(self.mailless_supervisor).create(
                {
                    "call_id": self.calls[1].id,
                    "scorecard_id": self.card.id,
                    "state": "acknowledged",
                }
            )
        self._score_all(review)
        review.action_done()
        # agents answer; nothing else, and only the agent's own reviews
        mine = review.with_user(self.mailless_agent)
        with self.assertRaisesRegex(AccessError, "comment"):
            mine.write({"comment": "Perfect call"})
        with self.assertRaises(AccessError):
            mine.action_reset()
        with self.assertRaises(AccessError):
            mine.line_ids[0].write({"result": "fail"})
        # a submitted review keeps its scores until it is reopened
        with self.assertRaisesRegex(UserError, "back to review"):
            review.line_ids[0].with_user(self.mailless_supervisor).result = "fail"
        review.with_user(self.mailless_supervisor).action_reset()
        review.line_ids[0].with_user(self.mailless_supervisor).result = "fail"
        self.assertEqual(review.state, "draft")

    def test_a_changed_scorecard_does_not_rescore_submitted_reviews(self):
        review = self._review(self.calls[0])
        self._score_all(review)
        fatal = review.line_ids.filtered("fatal")
        fatal.result = "fail"
        review.action_done()
        score = review.score
        self.assertTrue(review.failed)
        fatal.criterion_id.write({"weight": 10, "fatal": False})
        self.assertEqual((review.score, review.failed), (score, True))

    def test_a_refused_submission_writes_nothing(self):
        first, second = self._review(self.calls[0]), self._review(self.calls[1])
        self._score_all(first)  # the second is not scored
        try:
            (first | second).action_done()
        except UserError as error:
            self.assertIn("Score every item", str(error))
        else:
            self.fail("an unscored review was submitted")
        # no savepoint rolled anything back: nothing was written at all
        self.assertEqual(first.state, "draft")
        self.assertFalse(first.activity_ids)

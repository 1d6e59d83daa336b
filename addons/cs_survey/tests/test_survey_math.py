# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.tests import BaseCase

from ..tools import survey_math as sm

D = datetime(2026, 3, 1)


class TestSurveyMath(BaseCase):
    def test_csat(self):
        # (satisfied 4-5, answers) -> % satisfied
        for satisfied, n, expected in [
            (0, 0, 0.0),  # no answer: 0, not a division by zero
            (5, 5, 100.0),
            (0, 3, 0.0),
            (5, 8, 62.5),
            (1, 3, 33.3),
            (2, 3, 66.7),
            (1, 8, 12.5),
        ]:
            with self.subTest(satisfied=satisfied, n=n):
                self.assertEqual(sm.csat(satisfied, n), expected)

    def test_nps(self):
        # (promoters 9-10, detractors 0-6, answers) -> NPS
        for promoters, detractors, n, expected in [
            (0, 0, 0, 0.0),
            (4, 0, 4, 100.0),  # all promoters
            (0, 4, 4, -100.0),  # all detractors
            (0, 0, 4, 0.0),  # all passives
            (5, 3, 10, 20.0),
            (1, 2, 3, -33.3),
            (2, 1, 3, 33.3),
            (1, 0, 8, 12.5),
            (1, 0, 16, 6.3),  # 6.25 rounds half up, not to even
            (0, 1, 16, -6.3),
        ]:
            with self.subTest(p=promoters, d=detractors, n=n):
                self.assertEqual(sm.nps(promoters, detractors, n), expected)

    def test_ces(self):
        for total, n, expected in [
            (0, 0, 0.0),
            (7, 1, 7.0),
            (10, 3, 3.3),
            (11, 2, 5.5),
            (13, 4, 3.3),  # 3.25 -> 3.3
        ]:
            with self.subTest(total=total, n=n):
                self.assertEqual(sm.ces(total, n), expected)

    def test_sentiment(self):
        for score, low, high, expected in [
            (6, 6, 9, "detractor"),
            (7, 6, 9, "passive"),
            (8, 6, 9, "passive"),
            (9, 6, 9, "promoter"),
            (0, 6, 9, "detractor"),
            (2, 2, 4, "detractor"),
            (3, 2, 4, "passive"),
            (4, 2, 4, "promoter"),
        ]:
            with self.subTest(score=score, low=low, high=high):
                self.assertEqual(sm.sentiment(score, low, high), expected)

    def test_identity(self):
        self.assertEqual(sm.identity(7, "+86139", "a@b.c"), "partner:7")
        self.assertEqual(sm.identity(None, "+86139", "a@b.c"), "phone:+86139")
        self.assertEqual(sm.identity(None, False, " A@B.C "), "email:a@b.c")
        self.assertFalse(sm.identity(None, False, "  "))

    def test_throttle(self):
        history = {"partner:1": [D]}
        candidates = [
            ("a", "partner:1", D + timedelta(days=29), None),  # inside 30 days
            ("b", "partner:1", D + timedelta(days=30), None),  # 30 days later: ok
            ("c", "partner:1", D + timedelta(days=31), None),  # blocked by b
            ("d", "partner:2", D, None),
            ("e", "partner:2", D + timedelta(days=5), 3),  # own period: 3 days
            ("f", "partner:2", D + timedelta(days=6), 0),  # 0: never throttled
            ("g", False, D, None),  # nobody to count: decided elsewhere
        ]
        result = sm.throttle(candidates, history, 30)
        self.assertEqual(result["a"], D)
        self.assertIsNone(result["b"])
        self.assertEqual(result["c"], D + timedelta(days=30))
        self.assertIsNone(result["d"])
        self.assertIsNone(result["e"])
        self.assertIsNone(result["f"])
        self.assertIsNone(result["g"])
        # the history given is not changed
        self.assertEqual(history, {"partner:1": [D]})

    def test_one_decimal(self):
        for value, expected in [
            (62.25, 62.3),
            (-62.25, -62.3),
            (0.04, 0.0),
            (99.95, 100.0),
        ]:
            with self.subTest(value=value):
                self.assertEqual(sm.one_decimal(value), expected)

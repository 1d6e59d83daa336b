# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import BaseCase

from ..tools.amount_words import amount_to_chinese
from ..tools.fees import charge_amount, consumption, period_bounds


class TestAmountWords(BaseCase):
    def test_table(self):
        table = [
            ("0.05", "伍分"),
            ("0.5", "伍角"),
            ("0", "零元整"),
            ("1.01", "壹元零壹分"),
            ("10.00", "壹拾元整"),
            ("20.3", "贰拾元叁角"),
            ("100", "壹佰元整"),
            ("210.02", "贰佰壹拾元零贰分"),
            ("1001.01", "壹仟零壹元零壹分"),
            ("10010", "壹万零壹拾元整"),
            ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
            ("100010", "壹拾万零壹拾元整"),
            ("1,000,000.10", "壹佰万元壹角"),
            ("10000001", "壹仟万零壹元整"),
            ("100000000", "壹亿元整"),
            ("-5", "负伍元整"),
            (223.425, "贰佰贰拾叁元肆角叁分"),
        ]
        for amount, words in table:
            with self.subTest(amount=amount):
                self.assertEqual(amount_to_chinese(amount), words)

    def test_not_an_amount(self):
        with self.assertRaises(ValueError):
            amount_to_chinese("abc")


class TestFeeRules(BaseCase):
    def test_consumption(self):
        self.assertEqual(consumption(130, 100), 30)
        self.assertEqual(consumption(100, 100), 0)
        # five digits: 99990 -> 00015 is 25 units
        self.assertEqual(consumption(15, 99990, 100000, rollover=True), 25)
        with self.assertRaises(ValueError):
            consumption(15, 99990, 100000)
        with self.assertRaises(ValueError):
            consumption(15, 99990, 0, rollover=True)  # no counter size known
        with self.assertRaises(ValueError):
            consumption(-1, 0)

    def test_period_bounds(self):
        self.assertEqual(
            period_bounds(date(2026, 2, 1), "monthly"),
            (date(2026, 2, 1), date(2026, 2, 28)),
        )
        self.assertEqual(
            period_bounds(date(2026, 4, 1), "quarterly"),
            (date(2026, 4, 1), date(2026, 6, 30)),
        )
        self.assertIsNone(period_bounds(date(2026, 5, 1), "quarterly"))
        self.assertIsNone(period_bounds(date(2026, 2, 1), "yearly"))
        self.assertEqual(
            period_bounds(date(2026, 1, 1), "yearly"),
            (date(2026, 1, 1), date(2026, 12, 31)),
        )

    def test_charge_amount(self):
        self.assertEqual(charge_amount("area", 2.5, area=89.37), (89.37, 2.5))
        self.assertEqual(charge_amount("metered", 3.2, quantity=12), (12, 3.2))
        self.assertEqual(charge_amount("fixed", 150, area=99), (1.0, 150))
        self.assertEqual(charge_amount("fixed", 150, factor=0.5), (1.0, 75))
        with self.assertRaises(ValueError):
            charge_amount("formula", 1)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Table-driven tests of the phone normalisation (no database needed)."""

from odoo.tests import BaseCase, tagged

from ..tools.phone import lookup_keys, normalize

# (typed, region, key, extension, kind)
NUMBERS = [
    # Chinese mobiles, with and without country code, any spacing
    ("13812345678", "CN", "+8613812345678", False, "mobile"),
    ("138 1234 5678", "CN", "+8613812345678", False, "mobile"),
    ("138-1234-5678", "CN", "+8613812345678", False, "mobile"),
    ("+86 138 1234 5678", "CN", "+8613812345678", False, "mobile"),
    ("+86-13812345678", "US", "+8613812345678", False, "mobile"),
    ("0086 13812345678", "CN", "+8613812345678", False, "mobile"),
    ("008613812345678", "FR", "+8613812345678", False, "mobile"),
    ("  15900001111 ", "CN", "+8615900001111", False, "mobile"),
    # Chinese landlines with area codes, in any punctuation
    ("010-12345678", "CN", "+861012345678", False, "fixed"),
    ("(010) 1234 5678", "CN", "+861012345678", False, "fixed"),
    ("(0755) 8888 8888", "CN", "+8675588888888", False, "fixed"),
    ("0755.8888.8888", "CN", "+8675588888888", False, "fixed"),
    ("021 6123 4567", "CN", "+862161234567", False, "fixed"),
    ("+86 21 6123 4567", "CN", "+862161234567", False, "fixed"),
    # extensions kept apart
    ("021 6123 4567 转 808", "CN", "+862161234567", "808", "fixed"),
    ("021-61234567转808", "CN", "+862161234567", "808", "fixed"),
    ("010-12345678 分机 12", "CN", "+861012345678", "12", "fixed"),
    ("+1 415 555 2671 ext. 99", "CN", "+14155552671", "99", "fixed"),
    ("+1 415 555 2671 x99", "CN", "+14155552671", "99", "fixed"),
    # 400 / 800 service numbers
    ("400-812-3123", "CN", "+864008123123", False, "service"),
    ("4008123123", "CN", "+864008123123", False, "service"),
    ("800-810-8888", "CN", "+868008108888", False, "service"),
    # short codes kept as dialled
    ("95588", "CN", "95588", False, "short"),
    ("12345", "CN", "12345", False, "short"),
    ("110", "CN", "110", False, "short"),
    ("10086", "CN", "10086", False, "short"),
    # international
    ("+44 20 7946 0958", "CN", "+442079460958", False, "fixed"),
    ("+852 2345 6789", "CN", "+85223456789", False, "fixed"),
    ("+886 2 2345 6789", "CN", "+886223456789", False, "fixed"),
    ("+49 30 123456", "CN", "+4930123456", False, "fixed"),
    ("+33 1 23 45 67 89", "CN", "+33123456789", False, "fixed"),
    ("+81 3-1234-5678", "CN", "+81312345678", False, "fixed"),
    ("(415) 555-2671", "US", "+14155552671", False, "fixed"),
    ("06 12 34 56 78", "FR", "+33612345678", False, "mobile"),
    # broken input: stays as typed, no key, never raises
    ("", "CN", False, False, "invalid"),
    ("   ", "CN", False, False, "invalid"),
    ("abc", "CN", False, False, "invalid"),
    ("1381234567a", "CN", False, False, "invalid"),
    ("138123456", "CN", False, False, "invalid"),
    ("+8613812345678123", "CN", False, False, "invalid"),
    ("12", "CN", False, False, "invalid"),
    ("+", "CN", False, False, "invalid"),
    ("13812345678", None, False, False, "invalid"),
    ("call me", "CN", False, False, "invalid"),
]


@tagged("post_install", "-at_install")
class TestPhoneNormalisation(BaseCase):
    def test_table(self):
        self.assertGreaterEqual(len(NUMBERS), 30)
        for typed, region, key, extension, kind in NUMBERS:
            with self.subTest(number=typed, region=region):
                phone = normalize(typed, region)
                self.assertEqual(phone.raw, typed.strip())
                self.assertEqual(phone.key, key)
                self.assertEqual(phone.extension, extension)
                self.assertEqual(phone.kind, kind)
                self.assertEqual(phone.valid, kind != "invalid")

    def test_non_strings_are_invalid(self):
        for value in (None, False, 13812345678, ["138"]):
            with self.subTest(value=value):
                self.assertEqual(normalize(value, "CN").kind, "invalid")

    def test_lookup_keys_for_numbers_from_a_pbx(self):
        # as typed in the contact, nothing to add
        self.assertEqual(lookup_keys("+8613812345678", "CN"), ["+8613812345678"])
        # the country code without "+": national reading first, then international
        self.assertEqual(lookup_keys("8613812345678", "CN"), ["+8613812345678"])
        self.assertEqual(lookup_keys("442079460958", "CN"), ["+442079460958"])
        # a foreign caller reaching a Chinese PBX with 00
        self.assertEqual(lookup_keys("00442079460958", "CN"), ["+442079460958"])
        # broken input gives no key at all
        self.assertEqual(lookup_keys("not a number", "CN"), [])
        self.assertEqual(lookup_keys("", "CN"), [])

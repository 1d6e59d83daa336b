# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Table-driven tests of the allowed-destination policy (no database needed)."""

from odoo.tests import BaseCase, tagged

from ..tools.dial_policy import destination_refusal, parse_allow_list
from ..tools.phone import normalize

# (typed, PBX region, allow-list, refusal or None)
DESTINATIONS = [
    # national numbers of the PBX's country: allowed by default
    ("13812345678", "CN", "", None),
    ("010-12345678", "CN", "", None),
    ("+86 21 6123 4567", "CN", "", None),
    ("400-812-3123", "CN", "", None),  # a 400 number is not premium-rate
    ("800-810-8888", "CN", "", None),  # toll-free
    # international numbers: need their prefix
    ("+85221234567", "CN", "", "international"),
    ("+1 415 555 2671", "CN", "", "international"),
    ("0014155552671", "CN", "", "international"),
    ("+85221234567", "CN", "+852", None),
    ("+85221234567", "CN", "+1, +44", "international"),
    ("+1 415 555 2671", "CN", "+1", None),
    ("+8613812345678", "US", "", "international"),
    ("+8613812345678", "US", "+86", None),
    # for a PBX of unknown country no number is national
    ("+8613812345678", "", "", "international"),
    # premium-rate numbers of the PBX's own country
    ("+8616812345", "CN", "", "premium"),
    ("+8616812345", "CN", "+86168", None),
    ("+8616812345", "CN", "+8613", "premium"),
    ("+1 900 234 5678", "US", "", "premium"),
    ("+1 900 234 5678", "US", "+1900", None),
    ("+44 901 234 5678", "GB", "", "premium"),
    # short codes (emergency, banks, hotlines)
    ("95588", "CN", "", "short"),
    ("110", "CN", "", "short"),
    ("95588", "CN", "95588", None),
    ("95588", "CN", "955", None),
    ("95588", "CN", "95599", "short"),
    ("95588", "CN", "+95588", "short"),  # an E.164 entry never covers a code
    ("110", "CN", "+86", "short"),
    # not a number
    ("hello", "CN", "", "invalid"),
    ("", "CN", "", "invalid"),
]

# (text, prefixes or the bad entry)
ALLOW_LISTS = [
    ("", ()),
    (None, ()),
    ("+852", ("+852",)),
    ("+852, +1\n95588;  +852", ("+852", "+1", "95588")),
    ("+", "+"),
    ("+86 1", ("+86", "1")),
    ("852", ("852",)),
    ("+86-10", "+86-10"),
    ("*", "*"),
    ("+1234567890123456", "+1234567890123456"),
    ("1234567", "1234567"),
]


@tagged("post_install", "-at_install")
class TestDialPolicy(BaseCase):
    def test_destinations(self):
        for typed, region, allow_list, refusal in DESTINATIONS:
            with self.subTest(typed=typed, region=region, allow_list=allow_list):
                phone = normalize(typed, region or None)
                allowed = parse_allow_list(allow_list)
                self.assertEqual(
                    destination_refusal(phone.key, phone.kind, region, allowed),
                    refusal,
                )

    def test_allow_list(self):
        for text, expected in ALLOW_LISTS:
            with self.subTest(text=text):
                if isinstance(expected, tuple):
                    self.assertEqual(parse_allow_list(text), expected)
                else:
                    with self.assertRaises(ValueError) as error:
                        parse_allow_list(text)
                    self.assertEqual(str(error.exception), expected)

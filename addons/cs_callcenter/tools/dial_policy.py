# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which numbers a PBX may be asked to dial. Pure functions, no ORM.

Toll fraud is the classic attack on a PBX: someone who can make it dial
sends calls to premium-rate or far-away numbers. Click-to-call therefore
dials, by default, only the national numbers of the PBX's country. Short
codes, premium-rate numbers and international numbers are dialled only when
an entry of the PBX's allow-list is a prefix of the number:

- ``+852``, ``+1``: international numbers of those countries;
- ``+86168``: a premium-rate range of the PBX's own country;
- ``95588``, ``123``: a short code (dialled as is), or every short code
  beginning with those digits.

``parse_allow_list(text)`` reads the field (entries separated by commas,
spaces or new lines) and raises ``ValueError`` naming a bad entry;
``destination_refusal(key, kind, region, allowed)`` returns ``None`` when
the number may be dialled, else the category that needs an allow-list
entry: ``"short"``, ``"premium"``, ``"international"`` or ``"invalid"``.
"""

import re

import phonenumbers
from phonenumbers import PhoneNumberType

_SEPARATORS = re.compile(r"[\s,;]+")
# "+" then 1-15 digits (an E.164 prefix), or 3-6 digits (a short code prefix)
_ENTRY = re.compile(r"^(\+\d{1,15}|\d{1,6})$")

CATEGORIES = ("short", "premium", "international", "invalid")


def parse_allow_list(text):
    """The prefixes of the allow-list ``text``, in order, without duplicates."""
    entries = [e for e in _SEPARATORS.split(text or "") if e]
    for entry in entries:
        if not _ENTRY.match(entry):
            raise ValueError(entry)
    return tuple(dict.fromkeys(entries))


def _category(key, kind, region):
    if not key:
        return "invalid"
    if kind == "short" or not key.startswith("+"):
        return "short"
    try:
        parsed = phonenumbers.parse(key)
    except phonenumbers.NumberParseException:
        return "invalid"
    if not region or phonenumbers.region_code_for_number(parsed) != region.upper():
        return "international"
    if phonenumbers.number_type(parsed) == PhoneNumberType.PREMIUM_RATE:
        return "premium"
    return None


def destination_refusal(key, kind, region, allowed=()):
    """Why the number ``key`` (a lookup key of ``tools.phone.normalize``: an
    E.164 number or a short code) of ``kind`` may not be dialled by a PBX of
    country ``region`` with the allow-list ``allowed``; ``None`` if it may."""
    category = _category(key, kind, region)
    if category is None or category == "invalid":
        return category
    if any(key.startswith(prefix) for prefix in allowed):
        return None
    return category

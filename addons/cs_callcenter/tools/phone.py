# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Phone number normalisation for caller lookup. Pure functions, no ORM.

``normalize(number, region)`` turns what people type or a PBX sends into a
``Phone``: the lookup key (E.164 such as ``+8613812345678``; a short code such
as ``95588`` stays as dialled), the extension kept apart, and a kind. A number
that cannot be understood is returned with ``key=False`` and ``kind="invalid"``;
nothing here raises on bad input.

``lookup_keys(number, region)`` lists the keys a caller's number may be stored
under, best first: PBXs often drop the ``+`` or the country code, or add a
trunk ``0`` to a mobile number.
"""

import re
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneNumberType

# "021 6123 4567 转 808", "ext. 12", "x12", "分机808", "#808": the extension is
# split off first, phonenumbers does not know the Chinese markers.
_EXTENSION = re.compile(
    r"\s*(?:转|轉|分机|分機|ext\.?|extension|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE
)
# What a phone number may contain once the extension is gone.
_ALLOWED = re.compile(r"^\+?[\d\s().\-/]+$")
# Short service codes (emergency, banks, government hotlines) are dialled as is.
_SHORT_CODE = re.compile(r"^\d{3,6}$")
_SERVICE_TYPES = {
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.UAN,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.PREMIUM_RATE,
}
# FIXED_LINE_OR_MOBILE (US, CA...) cannot be told apart: counted as fixed.
_MOBILE_TYPES = {PhoneNumberType.MOBILE}


class Phone(NamedTuple):
    raw: str
    key: str | bool  # E.164, the dialled short code, or False when invalid
    extension: str | bool
    kind: str  # mobile, fixed, service, short, invalid

    @property
    def valid(self):
        return self.kind != "invalid"


def _split_extension(text):
    match = _EXTENSION.search(text)
    if match:
        return text[: match.start()].strip(), match.group(1)
    return text, False


def normalize(number, region=None):
    """Normalise ``number`` (str) with ``region`` (ISO country code) as default."""
    raw = (number or "").strip() if isinstance(number, str) else ""
    if not raw:
        return Phone(raw, False, False, "invalid")
    text, extension = _split_extension(raw)
    if not _ALLOWED.match(text):
        return Phone(raw, False, extension, "invalid")
    digits = re.sub(r"\D", "", text)
    if text.startswith(("00", "+")):
        international = "+" + (digits[2:] if text.startswith("00") else digits)
    else:
        international = None
    if international is None and _SHORT_CODE.match(digits):
        return Phone(raw, digits, extension, "short")
    try:
        parsed = phonenumbers.parse(international or digits, (region or "").upper())
    except phonenumbers.NumberParseException:
        return Phone(raw, False, extension, "invalid")
    if not phonenumbers.is_valid_number(parsed):
        return Phone(raw, False, extension, "invalid")
    number_type = phonenumbers.number_type(parsed)
    if number_type in _MOBILE_TYPES:
        kind = "mobile"
    elif number_type in _SERVICE_TYPES:
        kind = "service"
    else:
        kind = "fixed"
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return Phone(raw, e164, extension, kind)


def lookup_keys(number, region=None):
    """Keys under which the caller ``number`` may be stored, best first."""
    phone = normalize(number, region)
    if phone.key:
        # Read as typed (or as the PBX's national form) it is a number:
        # no second reading needed.
        return [phone.key]
    keys = []
    text, _extension = _split_extension((number or "").strip())
    digits = re.sub(r"\D", "", text) if _ALLOWED.match(text or "x") else ""
    if digits and not text.startswith("+"):
        # The country code without its "+", as many trunks deliver it.
        alternative = normalize("+" + digits.lstrip("0"), region)
        if alternative.key and alternative.kind != "short":
            keys.append(alternative.key)
    return list(dict.fromkeys(keys))


def dial_string(key, region=None):
    """What the PBX must dial for the lookup key ``key``: the national number
    for a number of the PBX's own country, 00 + E.164 digits otherwise; a
    short code as is."""
    if not key or not key.startswith("+"):
        return key or ""
    try:
        parsed = phonenumbers.parse(key)
    except phonenumbers.NumberParseException:
        return ""
    if region and phonenumbers.region_code_for_number(parsed) == region.upper():
        national = phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.NATIONAL
        )
        return re.sub(r"\D", "", national)
    return "00" + key[1:]

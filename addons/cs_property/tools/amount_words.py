# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chinese capital amount words (人民币大写) for fee notices and receipts.

Pure Python, no Odoo. Follows the usual bank rules (《支付结算办法》附件):
whole yuan end in 整, a zero inside the number is read once as 零, a zero
yuan digit before jiao/fen is written 零 only where a digit is skipped
(壹佰万元壹角 is as valid as 壹佰万元零壹角; we write the shorter one).
cn2an 0.5.24 gives the same words on our table but pulls two packages in
for thirty lines of code.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ["", "拾", "佰", "仟"]
BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits(number):
    """Words of 0 < number < 10000, with inner zeros read once."""
    words = ""
    zero = False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit:
            if zero and words:
                words += "零"
            words += DIGITS[digit] + SMALL_UNITS[position]
            zero = False
        else:
            zero = True
    return words


def _integer_words(number):
    if not number:
        return ""
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(BIG_UNITS):
        raise ValueError("amount too large")
    words = ""
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            need_zero = bool(words)
            continue
        if words and (need_zero or group < 1000):
            words += "零"
        words += _four_digits(group) + BIG_UNITS[index]
        need_zero = False
    return words


def amount_to_chinese(amount):
    """``210.02`` → ``贰佰壹拾元零贰分``; ``10`` → ``壹拾元整``;
    ``0`` → ``零元整``; a negative amount starts with 负.

    :param amount: int, float, Decimal or numeric string; rounded half up
        to the fen (cent)
    """
    if isinstance(amount, str):
        amount = amount.replace(",", "").strip()
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation as error:
        raise ValueError(f"not an amount: {amount!r}") from error
    sign = "负" if value < 0 else ""
    cents = int(abs(value) * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    words = _integer_words(yuan)
    if not cents:
        return "零元整"
    if words:
        words += "元"
    if not jiao and not fen:
        return sign + words + "整"
    if jiao:
        words += DIGITS[jiao] + "角"
    if fen:
        if not jiao and words:
            words += "零"
        words += DIGITS[fen] + "分"
    return sign + words

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The survey rules as pure functions, table-tested without a database.

- ``figures``: CSAT, NPS and CES from counts, as the suite reports them.
- ``sentiment``: detractor / passive / promoter of one score.
- ``identity``: who a survey asks (partner, else phone, else e-mail).
- ``throttle``: which of a set of invitations may be sent under the
  one-per-identity-per-period rule, and why the others are skipped.
"""

from datetime import timedelta

METRICS = [("csat", "CSAT"), ("nps", "NPS"), ("ces", "CES")]
# (detractor at most, promoter from): DOMAIN.md §6 and the industry's scales
DEFAULT_THRESHOLDS = {"csat": (2, 4), "nps": (6, 9), "ces": (2, 5)}
CSAT_SATISFIED = 4  # CSAT is the share of 4-5 on the 1-5 scale
NPS_PROMOTER, NPS_DETRACTOR = 9, 6  # promoters 9-10, detractors 0-6


def one_decimal(value):
    """Round half away from zero to one decimal (62.25 -> 62.3), as people
    round, not Python's banker's rounding of binary floats."""
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) * 10 + 0.5 + 1e-9) / 10


def rate(part, whole):
    """``part`` of ``whole`` in % with one decimal; 0.0 without a whole."""
    return one_decimal(100.0 * part / whole) if whole else 0.0


def csat(satisfied, n):
    """Share of satisfied answers (4-5) in %."""
    return rate(satisfied, n)


def nps(promoters, detractors, n):
    """% promoters - % detractors, from -100 to 100."""
    return one_decimal(100.0 * (promoters - detractors) / n) if n else 0.0


def ces(total, n):
    """The average effort score (1-7)."""
    return one_decimal(total / n) if n else 0.0


def sentiment(score, detractor_max, promoter_min):
    """``detractor``, ``passive`` or ``promoter`` for ``score``."""
    if score <= detractor_max:
        return "detractor"
    if score >= promoter_min:
        return "promoter"
    return "passive"


def identity(partner_id=None, phone_key=None, email=None):
    """The key of whom an invitation asks: the contact, else the normalised
    phone (E.164), else the e-mail address in lower case; False for nobody."""
    if partner_id:
        return f"partner:{partner_id}"
    if phone_key:
        return f"phone:{phone_key}"
    if email and email.strip():
        return f"email:{email.strip().lower()}"
    return False


def throttle(candidates, history, days):
    """Decide which invitations may go out.

    :param candidates: [(key, identity, moment, days or None)] in the order
        to decide them; ``days`` overrides the default period for that one
        (0: never throttled)
    :param history: {identity: [moments of invitations already made]}
    :param days: the default period, in days
    :returns: {key: None (invite) or the moment of the invitation that
        blocks it}; accepted candidates count for the following ones
    """
    seen = {ident: list(moments) for ident, moments in history.items()}
    result = {}
    for key, ident, moment, own_days in candidates:
        period = timedelta(days=days if own_days is None else own_days)
        blocking = [m for m in seen.get(ident, ()) if abs(moment - m) < period]
        if ident and blocking:
            result[key] = min(blocking, key=lambda m: abs(moment - m))
            continue
        result[key] = None
        if ident:
            seen.setdefault(ident, []).append(moment)
    return result

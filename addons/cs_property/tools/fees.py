# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fee rules of the billing run as pure functions (no ORM), table-tested."""

from datetime import date

from dateutil.relativedelta import relativedelta

MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


def period_bounds(period_start, frequency):
    """The item's billing period containing the billed month ``period_start``
    (first day of a month), or None when the item is not due that month:
    quarterly items are billed in January, April, July and October, yearly
    items in January. Returns ``(start, end)`` (end inclusive)."""
    months = MONTHS[frequency]
    if (period_start.month - 1) % months:
        return None
    return period_start, period_start + relativedelta(months=months, days=-1)


def first_of_month(value):
    return date(value.year, value.month, 1)


def consumption(value, previous, rollover_at=0, rollover=False):
    """Consumption between two readings of one meter.

    :param value: this reading
    :param previous: the previous reading (or the meter's initial value)
    :param rollover_at: the value at which the counter goes back to zero
        (e.g. 100000 for five digits); 0 when unknown
    :param rollover: the reader confirmed that the counter rolled over
    :raises ValueError: a reading lower than the previous one that is not
        a confirmed rollover
    """
    if value < 0:
        raise ValueError("negative reading")
    if value >= previous and not rollover:
        return value - previous
    if rollover and rollover_at and value < previous < rollover_at:
        return rollover_at - previous + value
    raise ValueError("lower than the previous reading")


def charge_amount(method, rate, area=0.0, quantity=0.0, factor=1.0):
    """Quantity and unit price of one charge before rounding.

    ``area``: 建筑面积 × rate; ``metered``: consumption × rate; ``fixed``:
    the rate itself. ``factor`` scales the price (a vacancy discount)."""
    if method == "area":
        qty = area
    elif method == "metered":
        qty = quantity
    elif method == "fixed":
        qty = 1.0
    else:
        raise ValueError(f"unknown method {method!r}")
    return qty, rate * factor

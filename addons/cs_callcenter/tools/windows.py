# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Calling windows (一个避免: never disturb customers at rest).

Plain Python: a window is ``(weekday, hour_from, hour_to)`` in the customer's
local time (weekday 0 = Monday, hours as floats, 13.5 = 13:30). Datetimes in
and out are naive UTC, as Odoo stores them.
"""

from datetime import datetime, time, timedelta

import pytz

DAYS_AHEAD = 8  # a week of windows, and the same weekday again


def _local_moment(day, hours, zone):
    minutes = round(hours * 60)
    naive = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return zone.localize(naive)


def window_at(moment, tz_name, windows):
    """``(start, end)`` of the window ``moment`` falls in, else of the next
    one (``start`` is then in the future); ``(False, False)`` when there is
    no window at all. ``tz_name``: the customer's timezone (invalid or empty:
    UTC)."""
    if not windows:
        return False, False
    try:
        zone = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    now = pytz.utc.localize(moment)
    local_today = now.astimezone(zone).date()
    for offset in range(DAYS_AHEAD):
        day = local_today + timedelta(days=offset)
        for weekday, hour_from, hour_to in sorted(windows, key=lambda w: w[1]):
            if weekday != day.weekday():
                continue
            start = _local_moment(day, hour_from, zone).astimezone(pytz.utc)
            end = _local_moment(day, hour_to, zone).astimezone(pytz.utc)
            if end > now:
                return (
                    max(start, now).replace(tzinfo=None),
                    end.replace(tzinfo=None),
                )
    return False, False


def is_open(call_from, call_until, moment):
    """Whether ``moment`` falls in the window ``[call_from, call_until)``."""
    return bool(call_from and call_until and call_from <= moment < call_until)


def local_time(moment, tz_name):
    """``moment`` (naive UTC) as the customer's wall-clock time."""
    try:
        zone = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    return pytz.utc.localize(moment).astimezone(zone).replace(tzinfo=None)

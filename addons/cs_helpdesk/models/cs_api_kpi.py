# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta

from pytz import UnknownTimeZoneError, timezone, utc

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

GROUP_BYS = ("team_id", "user_id")
MAX_DAYS = 366


class CsApi(models.AbstractModel):
    _inherit = "cs.api"

    @api.model
    def ticket_kpis(self, date_from, date_to, group_by=False):
        """The ticket KPIs (docs/DOMAIN.md §8) of the tickets registered in a
        period, as the supervisor dashboard and the KPI workbook show them
        (the same computation: cs.helpdesk.dashboard's ``_cs_kpis``), with
        the caller's access rights. Supervisors only.

        :param str date_from: first day, ``YYYY-MM-DD`` (caller's timezone)
        :param str date_to: last day, included, at most 366 days later
        :param str group_by: False, ``team_id`` or ``user_id``
        :returns: ``{"date_from", "date_to", "totals": figures, "groups":
            [{"id", "name", **figures}]}`` (``groups`` empty without
            ``group_by``); figures: ``tickets``, ``closed``, ``backlog``,
            ``art`` (average first response, working hours), ``avg_resolution``
            (hours) — both False when no ticket has the time, never 0 —
            ``fcr_rate``, ``sla_rate``, ``reopen_rate`` (%)
        """
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise AccessError(self.env._("Only supervisors may read the KPIs."))
        start = self._cs_require_day(date_from, "date_from")
        end = self._cs_require_day(date_to, "date_to")
        if end < start or (end - start).days >= MAX_DAYS:
            raise ValidationError(
                self.env._(
                    "date_to is on or after date_from, at most %s days later.",
                    MAX_DAYS,
                )
            )
        if group_by and group_by not in GROUP_BYS:
            raise ValidationError(
                self.env._("group_by is one of %s.", ", ".join(GROUP_BYS))
            )
        domain = [
            ("create_date", ">=", self._cs_utc_midnight(start)),
            ("create_date", "<", self._cs_utc_midnight(end + timedelta(days=1))),
        ]
        dashboard = self.env["cs.helpdesk.dashboard"]
        totals = dict(dashboard._cs_kpis(domain, [])).get(())
        groups = []
        if group_by:
            for (record,), figures in dashboard._cs_kpis(domain, [group_by]):
                groups.append(
                    {"id": record.id, "name": record.display_name or False, **figures}
                )
            groups.sort(key=lambda g: (-g["tickets"], g["name"] or ""))
        return {
            "date_from": start.isoformat(),
            "date_to": end.isoformat(),
            "totals": totals or {},
            "groups": groups,
        }

    @api.model
    def _cs_require_day(self, value, name):
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._("%s must be a date YYYY-MM-DD.", name)
            ) from error

    @api.model
    def _cs_utc_midnight(self, day):
        """The start of ``day`` in the caller's timezone, as stored (UTC)."""
        try:
            zone = timezone(self.env.user.tz or "UTC")
        except UnknownTimeZoneError:
            zone = utc
        local = zone.localize(datetime.combine(day, time.min))
        return local.astimezone(utc).replace(tzinfo=None)

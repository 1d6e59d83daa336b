# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.survey_math import METRICS
from .cs_survey_report import MEASURES

RESULT_FILTERS = {
    "date_from",
    "date_to",
    "metric",
    "team_id",
    "agent_id",
    "department_id",
    "category_id",
    "group_by",
}
# filter key -> report field
ID_FILTERS = {
    "team_id": "team_id",
    "agent_id": "agent_id",
    "department_id": "department_id",
    "category_id": "category_id",
}
# group_by value -> report groupby
GROUP_BY = {
    "team": "team_id",
    "agent": "agent_id",
    "department": "department_id",
    "category": "category_id",
    "month": "date:month",
}


class CsApi(models.AbstractModel):
    _inherit = "cs.api"

    @api.model
    def _cs_parse_date(self, value, name):
        if not isinstance(value, str):
            raise ValidationError(
                self.env._("%(name)s must be a date YYYY-MM-DD.", name=name)
            )
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise ValidationError(
                self.env._("%(name)s must be a date YYYY-MM-DD.", name=name)
            ) from error

    @api.model
    def _cs_survey_domain(self, filters):
        """The report domain of ``filters`` (validated, errors name the key)."""
        if not isinstance(filters, dict):
            raise ValidationError(self.env._("filters must be a dict."))
        unknown = sorted(set(map(str, filters)) - RESULT_FILTERS)
        if unknown:
            raise ValidationError(
                self.env._("Unknown filter(s): %s.", ", ".join(unknown))
            )
        domain = []
        start = end = None
        if filters.get("date_from") is not None:
            start = self._cs_parse_date(filters["date_from"], "date_from")
            domain.append(("date", ">=", fields.Datetime.to_datetime(start)))
        if filters.get("date_to") is not None:
            end = self._cs_parse_date(filters["date_to"], "date_to")
            domain.append(
                ("date", "<", fields.Datetime.to_datetime(end + timedelta(days=1)))
            )
        if start and end and start > end:
            raise ValidationError(self.env._("date_from is after date_to."))
        metric = filters.get("metric")
        if metric is not None:
            if metric not in dict(METRICS):
                raise ValidationError(
                    self.env._("metric must be one of %s.", ", ".join(dict(METRICS)))
                )
            domain.append(("metric", "=", metric))
        for key, fname in ID_FILTERS.items():
            value = filters.get(key)
            if value is None:
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValidationError(
                    self.env._("%(name)s must be a positive integer id.", name=key)
                )
            domain.append((fname, "=", value))
        group_by = filters.get("group_by")
        if group_by is not None and group_by not in GROUP_BY:
            raise ValidationError(
                self.env._("group_by must be one of %s.", ", ".join(GROUP_BY))
            )
        return domain, group_by

    @api.model
    def survey_results(self, filters=None):
        """Satisfaction figures (aggregates only: no names of customers, no
        comments).

        :param dict filters: ``date_from``, ``date_to`` (answer date,
            ``YYYY-MM-DD``, inclusive), ``metric`` (csat, nps, ces),
            ``team_id``, ``agent_id``, ``department_id``, ``category_id``
            (ids), ``group_by`` (team, agent, department, category, month)
        :returns: ``{"invited", "answered", "response_rate", "csat": {"n",
            "score"}, "nps": {"n", "score", "promoters", "passives",
            "detractors"}, "ces": {"n", "score"}, "followups": {"open",
            "closed", "median_hours"}, "groups": [{"key", "label", <the same
            figures>}]}``; CSAT and the response rate in % (62.5 is
            62.5 %), NPS from -100 to 100, CES the 1-7 average, the median
            hours from a detractor's answer to the first response on its
            follow-up ticket, one decimal.
            ``groups`` is empty without ``group_by``. Agents and supervisors
            get the figures of the responses they may read; integration
            users those of the company.
        """
        self._cs_check_caller()
        domain, group_by = self._cs_survey_domain(filters or {})
        Report = self.env["cs.survey.report"]
        if self.env.user.has_group("cs_callcenter.group_integration"):
            # sudo: integration users get aggregates only, never the rows;
            # limited to their companies
            Report = Report.sudo()
            domain = domain + [
                ("company_id", "in", [False, *self.env.user.company_ids.ids])
            ]
        groupby = GROUP_BY[group_by] if group_by else None
        # with a grouping, the total is the sum of the groups: one scan
        stats = Report._cs_stats(domain, [groupby] if groupby else [])
        total = dict.fromkeys(MEASURES, 0)
        for raw in stats.values():
            for name in MEASURES:
                total[name] += raw[name]
        # medians do not add up: the total's is its own query
        medians = Report._cs_median_followup_hours(domain)
        result = self._cs_result_figures(Report, total, medians.get(None))
        groups = []
        if group_by:
            medians = Report._cs_median_followup_hours(domain, groupby)
            for (value,), raw in stats.items():
                median = medians.get(Report._cs_group_value(groupby, value))
                groups.append(
                    {
                        **self._cs_group_key(group_by, value),
                        **self._cs_result_figures(Report, raw, median),
                    }
                )
            groups.sort(key=lambda g: (g["key"] is False, g["key"] or 0))
        result["groups"] = groups
        return result

    @api.model
    def _cs_result_figures(self, report, raw, median):
        """The published figures plus the closed loop: detractor follow-ups
        open and closed, and the median hours to their first response (0.0
        while none was answered)."""
        return {
            **report._cs_figures(raw),
            "followups": {
                "open": raw["followup_open"],
                "closed": raw["followup_closed"],
                "median_hours": median or 0.0,
            },
        }

    @api.model
    def _cs_group_key(self, group_by, value):
        if group_by == "month":
            if not value:
                return {"key": False, "label": ""}
            month = value.strftime("%Y-%m")
            return {"key": month, "label": month}
        if not value:
            return {"key": False, "label": self.env._("None")}
        # sudo: the label of a team, agent, department or category is the
        # only thing said about it
        return {"key": value.id, "label": value.sudo().display_name}

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_ticket import KINDS

PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]
PLAN_WINDOW = timedelta(days=14)
PLAN_WINDOWS_MAX = 60  # about two years of calendar: a target beyond is a typo


class CsSlaPolicy(models.Model):
    """Response and resolution targets, counted in working hours.

    The most specific policy matching a ticket's team, kind and priority
    applies (an empty condition matches anything); among equally specific
    ones, the first by sequence."""

    _name = "cs.sla.policy"
    _description = "SLA Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team",
        string="Teams",
        check_company=True,
        help="Empty: tickets of every team.",
    )
    kind = fields.Selection(KINDS, help="Empty: tickets of every kind.")
    priority = fields.Selection(PRIORITIES, help="Empty: every priority.")
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        check_company=True,
        default=lambda self: self.env.company.resource_calendar_id,
        help="Only these hours count; public holidays (leaves of the calendar "
        "without a resource) do not.",
    )
    response_hours = fields.Float(
        string="First Response Target (h)",
        help="Working hours from registration to the first reply to the customer. "
        "0: no response target.",
    )
    resolution_hours = fields.Float(
        string="Resolution Target (h)",
        required=True,
        help="Working hours from registration to closing.",
    )
    risk_percent = fields.Integer(
        string="At Risk from (%)",
        default=80,
        help="Share of the target after which the ticket is at risk.",
    )
    supervisor_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Gets an activity when a ticket is at risk. Empty: the team leader.",
    )
    manager_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Is notified when a ticket breaches its SLA. "
        "Empty: every Customer Service Manager of the company.",
    )

    @api.constrains("response_hours", "resolution_hours", "risk_percent")
    def _check_targets(self):
        for policy in self:
            if policy.resolution_hours <= 0 or policy.response_hours < 0:
                raise ValidationError(
                    self.env._("%s: targets must be positive hours.", policy.name)
                )
            if policy.response_hours > policy.resolution_hours:
                raise ValidationError(
                    self.env._(
                        "%s: the response target cannot exceed the resolution target.",
                        policy.name,
                    )
                )
            if not 0 < policy.risk_percent < 100:
                raise ValidationError(
                    self.env._(
                        "%s: 'At Risk from' is a percentage between 1 and 99.",
                        policy.name,
                    )
                )

    def _cs_matches(self, ticket):
        self.ensure_one()
        return (
            self.company_id == ticket.company_id
            and (not self.team_ids or ticket.team_id in self.team_ids)
            and (not self.kind or self.kind == ticket.cs_kind)
            and (not self.priority or self.priority == ticket.priority)
        )

    @api.model
    def _cs_find(self, tickets):
        """{ticket id: policy} for ``tickets``; one search for all of them."""
        policies = self.search([("company_id", "in", tickets.company_id.ids)])

        def specificity(policy):
            return bool(policy.team_ids) + bool(policy.kind) + bool(policy.priority)

        policies = policies.sorted(lambda p: (-specificity(p), p.sequence))
        result = {}
        for ticket in tickets:
            result[ticket.id] = next(
                (p for p in policies if p._cs_matches(ticket)), self.browse()
            )
        return result

    def _cs_plan(self, start, hours_list):
        """The moments ``hours_list`` working hours after ``start`` (naive
        UTC), in the calendar's timezone, skipping its global leaves. One walk
        over the work intervals serves every target of a ticket."""
        self.ensure_one()
        calendar = self.calendar_id
        start = start.replace(tzinfo=utc)
        wanted = sorted((h, i) for i, h in enumerate(hours_list))
        result = [False] * len(hours_list)
        done = 0.0
        for n in range(PLAN_WINDOWS_MAX):
            window = start + PLAN_WINDOW * n
            intervals = calendar._work_intervals_batch(window, window + PLAN_WINDOW)
            for begin, end, _meta in intervals[False]:
                length = (end - begin).total_seconds() / 3600
                while wanted and wanted[0][0] <= done + length:
                    hours, index = wanted.pop(0)
                    moment = begin + timedelta(hours=hours - done)
                    result[index] = moment.astimezone(utc).replace(tzinfo=None)
                done += length
                if not wanted:
                    return result
        raise ValidationError(
            self.env._(
                "%(policy)s: %(calendar)s has too few working hours to plan "
                "%(hours)s hours.",
                policy=self.name,
                calendar=calendar.name,
                hours=max(hours_list),
            )
        )

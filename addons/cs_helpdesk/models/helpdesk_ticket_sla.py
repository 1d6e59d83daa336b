# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA of helpdesk tickets: deadlines in working hours, pauses while the
customer is awaited, status and escalation.

Deadlines are stored when something changes them (creation, policy, first
response, pause, resume), so the cron only compares them with the clock:
that keeps it a few indexed queries however many tickets are open."""

import logging
from collections import defaultdict

from markupsafe import Markup, escape
from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

SLA_STATUSES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]
LEVEL = {False: 0, "on_track": 0, "met": 0, "at_risk": 1, "breached": 2}
DIGEST_LINES = 50  # a breach digest lists this many tickets, then a count
SLA_PLAN_FIELDS = [
    "cs_sla_deadline",
    "cs_sla_response_deadline",
    "cs_sla_next_deadline",
    "cs_sla_risk_date",
    "cs_sla_status",
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cs_sla_policy_id = fields.Many2one(
        "cs.sla.policy",
        string="SLA Policy",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    cs_sla_start = fields.Datetime(string="SLA Start", readonly=True, copy=False)
    cs_sla_response_deadline = fields.Datetime(
        string="First Response Deadline", readonly=True, copy=False
    )
    cs_sla_deadline = fields.Datetime(
        string="Resolution Deadline", readonly=True, copy=False, index=True
    )
    cs_sla_next_deadline = fields.Datetime(
        string="Next SLA Deadline",
        readonly=True,
        copy=False,
        help="The first-response deadline until the customer has been answered, "
        "then the resolution deadline.",
    )
    cs_sla_risk_date = fields.Datetime(
        string="At Risk from", readonly=True, copy=False, groups="base.group_user"
    )
    cs_sla_pause_start = fields.Datetime(
        string="SLA Paused since",
        readonly=True,
        copy=False,
        help="Set while the ticket waits for the customer: the clock stops.",
    )
    cs_sla_paused_hours = fields.Float(
        string="SLA Paused (working h)", readonly=True, copy=False
    )
    cs_sla_status = fields.Selection(
        SLA_STATUSES, string="SLA Status", readonly=True, copy=False, index=True
    )
    cs_sla_escalation = fields.Selection(
        [("at_risk", "Supervisor alerted"), ("breached", "Manager notified")],
        string="SLA Escalation",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The highest escalation done; each level happens once.",
    )
    cs_sla_response_met = fields.Boolean(
        string="Response within SLA",
        compute="_compute_cs_sla_met",
        store=True,
    )
    cs_sla_resolution_met = fields.Boolean(
        string="Resolved within SLA",
        compute="_compute_cs_sla_met",
        store=True,
    )
    cs_sla_met_count = fields.Integer(
        string="Resolved within SLA (count)",
        compute="_compute_cs_sla_met",
        store=True,
    )

    @api.model
    def _cs_workflow_fields(self):
        return super()._cs_workflow_fields() | {
            "cs_sla_policy_id",
            "cs_sla_start",
            "cs_sla_response_deadline",
            "cs_sla_deadline",
            "cs_sla_next_deadline",
            "cs_sla_risk_date",
            "cs_sla_pause_start",
            "cs_sla_paused_hours",
            "cs_sla_status",
            "cs_sla_escalation",
        }

    @api.depends(
        "cs_first_response_date",
        "cs_sla_response_deadline",
        "closed_date",
        "cs_sla_deadline",
        "stage_id.closed",
    )
    def _compute_cs_sla_met(self):
        for ticket in self:
            response = ticket.cs_first_response_date
            ticket.cs_sla_response_met = bool(
                response
                and ticket.cs_sla_response_deadline
                and response <= ticket.cs_sla_response_deadline
            )
            ticket.cs_sla_resolution_met = bool(
                ticket.stage_id.closed
                and ticket.closed_date
                and ticket.cs_sla_deadline
                and ticket.closed_date <= ticket.cs_sla_deadline
            )
            ticket.cs_sla_met_count = 1 if ticket.cs_sla_resolution_met else 0

    # -- working hours -----------------------------------------------------------
    def _cs_work_hours(self, start, end):
        """The working hours between two naive UTC moments for this ticket:
        in its SLA policy's calendar, else its company's, public holidays
        (leaves without a resource) left out; wall-clock hours when neither
        has a calendar. The one definition of working hours of the desk
        (SLA pauses, response time)."""
        self.ensure_one()
        if not start or not end or end <= start:
            return 0.0
        calendar = (
            self.cs_sla_policy_id.calendar_id or self.company_id.resource_calendar_id
        )
        if not calendar:
            return (end - start).total_seconds() / 3600
        return calendar.get_work_hours_count(
            start.replace(tzinfo=utc), end.replace(tzinfo=utc), compute_leaves=True
        )

    # -- deadlines -------------------------------------------------------------
    def _cs_sla_waiting(self):
        """Whether the ticket waits for the customer (the SLA clock stops):
        a stage marked so, or a complaint awaiting the customer's confirmation."""
        self.ensure_one()
        return bool(self.stage_id.cs_sla_pause) or (
            self.cs_kind == "complaint" and self.cs_step == "confirm"
        )

    def _cs_sla_apply(self):
        """Choose the policy of each ticket and plan its deadlines."""
        policies = self.env["cs.sla.policy"]._cs_find(self)
        moved = defaultdict(list)
        for ticket in self:
            if policies[ticket.id] != ticket.cs_sla_policy_id:
                moved[policies[ticket.id]].append(ticket.id)
        for policy, ids in moved.items():
            self.browse(ids)._cs_workflow_write({"cs_sla_policy_id": policy.id})
        self._cs_sla_plan()

    def _cs_sla_plan(self):
        """Store the deadlines: targets plus the working hours paused so far."""
        now = fields.Datetime.now()
        for ticket in self:
            policy = ticket.cs_sla_policy_id
            if not policy:
                if ticket.cs_sla_status:
                    ticket._cs_workflow_write(dict.fromkeys(SLA_PLAN_FIELDS, False))
                continue
            extra = ticket.cs_sla_paused_hours
            awaiting_response = bool(
                policy.response_hours and not ticket.cs_first_response_date
            )
            target = (
                policy.response_hours if awaiting_response else policy.resolution_hours
            )
            deadline, response, risk = policy._cs_plan(
                ticket.cs_sla_start or ticket.create_date,
                [
                    policy.resolution_hours + extra,
                    policy.response_hours + extra,
                    target * policy.risk_percent / 100 + extra,
                ],
            )
            response = response if policy.response_hours else False
            ticket._cs_workflow_write(
                {
                    "cs_sla_deadline": deadline,
                    "cs_sla_response_deadline": response,
                    "cs_sla_next_deadline": response if awaiting_response else deadline,
                    "cs_sla_risk_date": risk,
                }
            )
        self.filtered("cs_sla_policy_id")._cs_sla_judge(now)

    def _cs_sla_compute_status(self, now):
        """The SLA status at ``now`` from the stored deadlines. A paused ticket
        is judged at the moment it paused; a closed one when it closed."""
        self.ensure_one()
        if not self.cs_sla_policy_id or not self.cs_sla_deadline:
            return False
        closed = bool(self.stage_id.closed)
        moment = (
            (self.closed_date or now) if closed else (self.cs_sla_pause_start or now)
        )
        response_due = self.cs_sla_response_deadline
        answered = self.cs_first_response_date
        response_late = bool(
            response_due
            and (
                (answered and answered > response_due)
                or (not answered and not closed and moment > response_due)
            )
        )
        if response_late or moment > self.cs_sla_deadline:
            return "breached"
        if closed:
            return "met"
        if self.cs_sla_risk_date and moment >= self.cs_sla_risk_date:
            return "at_risk"
        return "on_track"

    def _cs_sla_pause_changed(self, waiting_before):
        """Stop the clock of tickets that now wait for the customer; restart
        the others, pushing their deadlines by the working hours waited."""
        now = fields.Datetime.now()
        resumed = self.browse()
        for ticket in self:
            waiting = ticket._cs_sla_waiting() and not ticket.stage_id.closed
            if waiting and not waiting_before[ticket.id]:
                ticket._cs_workflow_write({"cs_sla_pause_start": now})
            elif not waiting and ticket.cs_sla_pause_start:
                waited = ticket._cs_work_hours(ticket.cs_sla_pause_start, now)
                ticket._cs_workflow_write(
                    {
                        "cs_sla_pause_start": False,
                        "cs_sla_paused_hours": ticket.cs_sla_paused_hours + waited,
                    }
                )
                resumed |= ticket
        resumed._cs_sla_plan()

    # -- hooks of the ticket's create/write (helpdesk_ticket.py) --------------------
    @api.model
    def _cs_sla_prepare_create(self, vals_list, now):
        for vals in vals_list:
            vals.setdefault("cs_sla_start", now)

    def _cs_sla_after_create(self, now):
        self.filtered(lambda t: t._cs_sla_waiting())._cs_workflow_write(
            {"cs_sla_pause_start": now}
        )
        self._cs_sla_apply()

    def _cs_sla_before_write(self, vals):
        """Whether each ticket was waiting, when the write may pause it."""
        if "stage_id" in vals or "cs_step" in vals:
            return {t.id: bool(t.cs_sla_pause_start) for t in self}
        return None

    def _cs_sla_after_write(self, vals, waiting_before):
        if waiting_before is not None:
            self._cs_sla_pause_changed(waiting_before)
        if {"team_id", "cs_kind", "priority", "company_id"} & vals.keys():
            self._cs_sla_apply()
        elif "cs_first_response_date" in vals:
            self._cs_sla_plan()
        elif "stage_id" in vals:
            # closed (met or breached) or reopened: judge again now
            self.filtered("cs_sla_policy_id")._cs_sla_judge(fields.Datetime.now())

    # -- cron and escalation ---------------------------------------------------
    @api.model
    def _cs_sla_due_domain(self, now):
        """Open tickets whose status must move or whose escalation is due."""
        return [
            ("cs_sla_policy_id", "!=", False),
            ("stage_id.closed", "=", False),
            "|",
            "|",
            "|",
            ("cs_sla_next_deadline", "=", False),
            "&",
            ("cs_sla_pause_start", "=", False),
            "|",
            "&",
            ("cs_sla_status", "in", ("on_track", "at_risk")),
            ("cs_sla_next_deadline", "<=", now),
            "&",
            ("cs_sla_status", "=", "on_track"),
            ("cs_sla_risk_date", "<=", now),
            "&",
            ("cs_sla_status", "=", "at_risk"),
            ("cs_sla_escalation", "=", False),
            "&",
            ("cs_sla_status", "=", "breached"),
            ("cs_sla_escalation", "!=", "breached"),
        ]

    @api.model
    def _cron_cs_sla(self, batch_size=1000):
        """Update SLA statuses and escalate, one batch per run; Odoo runs the
        cron again at once while work remains. Returns what remains."""
        now = fields.Datetime.now()
        domain = self._cs_sla_due_domain(now)
        tickets = self.search(domain, limit=batch_size, order="cs_sla_next_deadline")
        tickets._cs_sla_update(now)
        remaining = self.search_count(domain) if len(tickets) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(tickets), remaining=remaining)
        return remaining

    def _cs_sla_judge(self, now):
        """Store each ticket's status at ``now``: one write per status."""
        changed = defaultdict(list)
        for ticket in self:
            status = ticket._cs_sla_compute_status(now)
            if status != ticket.cs_sla_status:
                changed[status].append(ticket.id)
        for status, ids in changed.items():
            self.browse(ids)._cs_workflow_write({"cs_sla_status": status})

    def _cs_sla_update(self, now):
        # A ticket whose deadlines were emptied (by hand, an import...) is
        # planned again; one that cannot be planned is logged and left out,
        # it does not stop the run for the others.
        unplanned = self.filtered(
            lambda t: not t.cs_sla_deadline or not t.cs_sla_next_deadline
        )
        for ticket in unplanned:
            try:
                ticket._cs_sla_plan()
            except ValidationError as error:
                _logger.warning(
                    "SLA of %s cannot be planned: %s", ticket.display_name, error
                )
        tickets = self.filtered("cs_sla_deadline")
        tickets._cs_sla_judge(now)
        alert = tickets.filtered(
            lambda t: LEVEL[t.cs_sla_status] >= 1 and LEVEL[t.cs_sla_escalation] < 1
        )
        notify = tickets.filtered(
            lambda t: (
                t.cs_sla_status == "breached" and t.cs_sla_escalation != "breached"
            )
        )
        # one chatter line per ticket and run: a breach says it all
        bodies = {
            t.id: escape(self.env._("SLA at risk: due %s.")) % self._cs_when(t)
            for t in alert
        }
        bodies.update(
            {
                t.id: escape(self.env._("SLA breached: it was due %s."))
                % self._cs_when(t)
                for t in notify
            }
        )
        if bodies:
            self.browse(list(bodies))._message_log_batch(bodies)
        alert._cs_sla_alert_supervisors()
        notify._cs_sla_notify_managers()
        (alert - notify)._cs_workflow_write({"cs_sla_escalation": "at_risk"})
        notify._cs_workflow_write({"cs_sla_escalation": "breached"})

    def _cs_sla_alert_supervisors(self):
        """At risk: an activity for the policy's supervisor (else the team
        leader)."""
        by_user = defaultdict(list)
        for ticket in self:
            user = ticket.cs_sla_policy_id.supervisor_id or ticket.team_id.user_id
            if user:
                by_user[user].append(ticket.id)
            else:
                _logger.info(
                    "SLA at risk on %s: no supervisor on the policy or team leader",
                    ticket.display_name,
                )
        # quick update: the supervisor sees the activities in their menu, not
        # one assignment e-mail per ticket when many turn at risk together
        for user, ids in by_user.items():
            self.browse(ids).with_context(
                mail_activity_quick_update=True
            ).activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=self.env._("SLA at risk"),
                user_id=user.id,
            )

    def _cs_sla_notify_managers(self):
        """Breached: one inbox notification per manager listing the tickets
        (not one message per ticket)."""
        by_partners = defaultdict(list)
        default_managers = {}
        for ticket in self:
            managers = ticket.cs_sla_policy_id.manager_id
            if not managers:
                company = ticket.company_id
                if company not in default_managers:
                    default_managers[company] = self._cs_sla_default_managers(company)
                managers = default_managers[company]
            by_partners[tuple(managers.partner_id.ids)].append(ticket)
        for partner_ids, tickets in by_partners.items():
            if not partner_ids:
                _logger.warning(
                    "SLA breached on %d ticket(s) and no manager to notify",
                    len(tickets),
                )
                continue
            lines = Markup("").join(
                Markup('<li><a href="/odoo/helpdesk.ticket/%s">%s</a></li>')
                % (t.id, t.display_name)
                for t in tickets[:DIGEST_LINES]
            )
            more = len(tickets) - DIGEST_LINES
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("These tickets breached their SLA:"),
                lines,
            )
            if more > 0:
                body += Markup("<p>%s</p>") % self.env._("... and %s more.", more)
            self.env["mail.thread"].message_notify(
                partner_ids=list(partner_ids),
                subject=self.env._("SLA breached on %s ticket(s)", len(tickets)),
                body=body,
            )

    @api.model
    def _cs_sla_default_managers(self, company):
        group = self.env.ref("cs_callcenter.group_manager")
        return group.users.filtered(
            lambda u: company in u.company_ids and u.active and not u.share
        ) - self.env.ref("base.user_root")

    @api.model
    def _cs_when(self, ticket):
        """The ticket's pending deadline in the reader's terms."""
        deadline = ticket.cs_sla_next_deadline or ticket.cs_sla_deadline
        if not deadline:
            return self.env._("(no deadline)")
        return fields.Datetime.to_string(
            fields.Datetime.context_timestamp(self, deadline)
        )[:16]

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import UserError

from .cs_ticket_step import STEPS

CAUSES = [
    ("product", "Product Quality"),
    ("attitude", "Service Attitude"),
    ("process", "Process"),
    ("delivery", "Delivery / Logistics"),
    ("billing", "Billing"),
    ("facilities", "Facilities / Repair"),
    ("other", "Other"),
]
FOLLOW_UP_DAYS = 3  # DOMAIN.md §4: call back within three days
KINDS = [
    ("inquiry", "Inquiry"),
    ("complaint", "Complaint"),
    ("repair", "Repair"),
    ("suggestion", "Suggestion"),
    ("praise", "Praise"),
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cs_kind = fields.Selection(
        KINDS,
        string="Kind",
        required=True,
        default="inquiry",
        index=True,
        tracking=True,
    )
    cs_call_id = fields.Many2one(
        "cs.call",
        string="Originating Call",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The call during which the ticket was registered.",
    )
    cs_request = fields.Text(
        string="Customer's Request", help="What the customer wants, in their words."
    )

    # -- the complaint loop (DOMAIN.md §2) --------------------------------------
    cs_step = fields.Selection(
        STEPS, string="Step", default="register", index=True, tracking=True, copy=False
    )
    cs_founded = fields.Selection(
        [("founded", "Founded"), ("unfounded", "Unfounded")],
        string="Validation",
        tracking=True,
        copy=False,
    )
    cs_unfounded_reason = fields.Text(string="Why Unfounded")
    cs_customer_reply = fields.Text(
        string="Reply to the Customer", help="The tactful answer given to the customer."
    )
    cs_department_id = fields.Many2one(
        "hr.department", string="Responsible Department", tracking=True
    )
    cs_responsible_id = fields.Many2one(
        "res.users", string="Responsible Person", tracking=True
    )
    cs_cause = fields.Selection(CAUSES, string="Cause Category", tracking=True)
    cs_root_cause = fields.Text(string="Root Cause")
    cs_remedy_ids = fields.One2many("cs.ticket.remedy", "ticket_id", string="Remedies")
    cs_actions_taken = fields.Text(string="Actions Taken")
    cs_compensation = fields.Monetary(
        string="Compensation Paid", currency_field="cs_currency_id"
    )
    cs_currency_id = fields.Many2one(related="company_id.currency_id")
    cs_sanction_note = fields.Text(string="Sanctions")
    cs_confirmation = fields.Selection(
        [("portal", "Portal"), ("phone", "Phone"), ("paper", "Signed Paper")],
        string="Customer Confirmation",
        tracking=True,
        copy=False,
    )
    cs_review_summary = fields.Text(string="Review Summary")
    cs_step_ids = fields.One2many("cs.ticket.step", "ticket_id", string="Steps")
    cs_reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False)
    cs_last_reopen_date = fields.Datetime(
        string="Last Reopened", readonly=True, copy=False
    )

    def _cs_require(self, *fnames):
        """Raise naming the fields of this ticket that are still empty."""
        self.ensure_one()
        missing = [
            self._fields[f]._description_string(self.env) for f in fnames if not self[f]
        ]
        if missing:
            raise UserError(
                self.env._(
                    "%(ticket)s: fill in %(fields)s first.",
                    ticket=self.display_name,
                    fields=", ".join(missing),
                )
            )

    def _cs_expect(self, *steps):
        self.ensure_one()
        if self.cs_kind != "complaint":
            raise UserError(self.env._("%s is not a complaint.", self.display_name))
        if self.cs_step not in steps:
            labels = dict(self._fields["cs_step"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(ticket)s is at step %(step)s: this cannot be done now.",
                    ticket=self.display_name,
                    step=labels.get(self.cs_step),
                )
            )

    def _cs_advance(self, step, note=None, log_step=None):
        """Move to ``step``; log the step just passed (``log_step``), by whom,
        when and why."""
        self.ensure_one()
        self.env["cs.ticket.step"].create(
            {"ticket_id": self.id, "step": log_step or step, "note": note}
        )
        self.cs_step = step

    def _cs_set_closed_stage(self, closed):
        stage = self.env["helpdesk.ticket.stage"].search(
            [
                ("closed", "=", closed),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "in", self.team_id.ids),
            ],
            order="sequence",
            limit=1,
        )
        if stage and stage != self.stage_id:
            self.stage_id = stage

    def action_cs_founded(self):
        self._cs_expect("register")
        self._cs_require("cs_department_id")
        self.cs_founded = "founded"
        self._cs_advance("investigate", log_step="register")
        self._cs_set_closed_stage(False)
        return True

    def action_cs_unfounded(self):
        self._cs_expect("register")
        self._cs_require("cs_unfounded_reason", "cs_customer_reply")
        self.cs_founded = "unfounded"
        self._cs_advance("closed", self.cs_unfounded_reason, log_step="unfounded")
        self._cs_set_closed_stage(True)
        return True

    def action_cs_investigated(self):
        self._cs_expect("investigate")
        self._cs_require(
            "cs_department_id", "cs_responsible_id", "cs_cause", "cs_root_cause"
        )
        self._cs_advance("remedy", self.cs_root_cause, log_step="investigate")
        return True

    def action_cs_implemented(self):
        self._cs_expect("implement")
        self._cs_require("cs_actions_taken")
        self._cs_advance("confirm", self.cs_actions_taken, log_step="implement")
        return True

    def action_cs_confirmed(self):
        """The customer accepted (by phone, on signed paper, or in the portal)."""
        self._cs_expect("confirm")
        self._cs_require("cs_confirmation")
        if self.cs_confirmation == "paper" and not self.attachment_ids:
            raise UserError(
                self.env._("Attach the customer's signed confirmation first.")
            )
        self._cs_advance("closed", log_step="confirm")
        self._cs_set_closed_stage(True)
        self._cs_create_follow_up()
        return True

    def _cs_portal_accept(self):
        """The customer accepted the remedy in the portal. Called with sudo()
        by the portal controller once the customer's access is checked."""
        self.ensure_one()
        self._cs_expect("confirm")
        self.cs_confirmation = "portal"
        self.message_post(
            body=self.env._("The customer accepted the remedy in the portal.")
        )
        return self.action_cs_confirmed()

    def _cs_create_follow_up(self):
        """After closing, the customer is called back (DOMAIN.md §4): a task
        of the running after-service campaign when the desk runs one, else an
        activity for the ticket's agent."""
        self.ensure_one()
        campaign = self.env["cs.callback.campaign"]._cs_follow_up_campaign(
            self.company_id
        )
        if campaign and self.partner_id:
            # sudo: whoever closes the complaint (an agent too) queues the
            # callback; the campaign's rules choose the agent who calls.
            created, _dnc, _no_phone = campaign.sudo()._cs_add_targets(
                [(self.partner_id, self, fields.Datetime.now())]
            )
            if created:
                self.message_post(
                    body=self.env._(
                        "Follow-up call queued in the campaign %s.", campaign.name
                    )
                )
                return
        user = self.user_id or self.env.user
        self.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.context_today(self)
            + timedelta(days=FOLLOW_UP_DAYS),
            summary=self.env._("Follow-up call: is the customer satisfied?"),
            user_id=user.id,
        )

    def action_cs_review(self):
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise UserError(self.env._("Only a supervisor reviews complaints."))
        self._cs_expect("closed")
        if self.cs_founded == "founded":
            self._cs_require("cs_cause", "cs_review_summary")
        else:
            self._cs_require("cs_review_summary")
        self._cs_advance("reviewed", self.cs_review_summary, log_step="reviewed")
        return True

    def action_cs_reopen(self):
        self._cs_expect("closed", "reviewed")
        # the count and date move with the stage (see write)
        back = "investigate" if self.cs_founded == "founded" else "register"
        self._cs_advance(back, log_step="reopened")
        self._cs_set_closed_stage(False)
        return True

    # -- KPIs (DOMAIN.md §8) -------------------------------------------------------
    cs_first_response_date = fields.Datetime(
        string="First Response", readonly=True, copy=False, index=True
    )
    cs_response_count = fields.Integer(
        string="Responses",
        readonly=True,
        copy=False,
        help="Messages sent to the customer by staff.",
    )
    cs_response_hours = fields.Float(
        string="Response Time (working h)",
        compute="_compute_cs_kpis",
        store=True,
        aggregator="avg",
    )
    cs_resolution_hours = fields.Float(
        string="Resolution Time (h)",
        compute="_compute_cs_kpis",
        store=True,
        aggregator="avg",
    )
    cs_fcr = fields.Boolean(
        string="First-Contact Resolution",
        compute="_compute_cs_kpis",
        store=True,
        help="Closed without reopening and with at most one response.",
    )
    cs_fcr_count = fields.Integer(
        string="Resolved at First Contact", compute="_compute_cs_kpis", store=True
    )
    cs_closed_count = fields.Integer(
        string="Closed Tickets", compute="_compute_cs_kpis", store=True
    )
    cs_reopened_count = fields.Integer(
        string="Reopened Tickets",
        compute="_compute_cs_kpis",
        store=True,
        help="1 when the ticket was reopened at least once (for reopen rates).",
    )

    @api.depends(
        "create_date",
        "cs_sla_start",
        "cs_sla_policy_id",
        "cs_first_response_date",
        "closed_date",
        "stage_id.closed",
        "cs_reopen_count",
        "cs_response_count",
    )
    def _compute_cs_kpis(self):
        for ticket in self:
            start = ticket.cs_sla_start or ticket.create_date
            first = ticket.cs_first_response_date
            closed = bool(ticket.stage_id.closed)
            # ART counts business hours (DOMAIN.md §8): the SLA calendar's
            ticket.cs_response_hours = (
                ticket._cs_business_hours(start, first) if start and first else 0.0
            )
            ticket.cs_resolution_hours = (
                (ticket.closed_date - start).total_seconds() / 3600
                if closed and start and ticket.closed_date
                else 0.0
            )
            ticket.cs_fcr = (
                closed and not ticket.cs_reopen_count and ticket.cs_response_count <= 1
            )
            ticket.cs_fcr_count = 1 if ticket.cs_fcr else 0
            ticket.cs_closed_count = 1 if closed else 0
            ticket.cs_reopened_count = 1 if ticket.cs_reopen_count else 0

    def _cs_business_hours(self, start, end):
        """Working hours between two moments in the ticket's SLA calendar
        (else the company's); calendar hours when neither exists."""
        self.ensure_one()
        calendar = (
            self.cs_sla_policy_id.calendar_id or self.company_id.resource_calendar_id
        )
        if not calendar:
            return (end - start).total_seconds() / 3600
        return calendar.get_work_hours_count(
            start.replace(tzinfo=utc), end.replace(tzinfo=utc), compute_leaves=True
        )

    def _cs_count_response(self):
        """A staff message reached the customer: the first one is the first
        response. sudo: posting needs only read access, the KPI must be kept
        whoever answers."""
        now = fields.Datetime.now()
        for ticket in self.sudo():
            values = {"cs_response_count": ticket.cs_response_count + 1}
            if not ticket.cs_first_response_date:
                values["cs_first_response_date"] = now
            ticket.write(values)

    def write(self, vals):
        reopened = self.browse()
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if not stage.closed:
                reopened = self.filtered(lambda t: t.stage_id.closed)
        result = super().write(vals)
        now = fields.Datetime.now()
        for ticket in reopened:
            super(HelpdeskTicket, ticket).write(
                {
                    "cs_reopen_count": ticket.cs_reopen_count + 1,
                    "cs_last_reopen_date": now,
                }
            )
        return result

    # -- dispatch (派单) ---------------------------------------------------------
    cs_dispatch_department_id = fields.Many2one(
        "hr.department", string="Dispatched to", index=True, tracking=True, copy=False
    )
    cs_dispatch_user_id = fields.Many2one(
        "res.users", string="Dispatched Person", tracking=True, copy=False
    )
    cs_dispatch_deadline = fields.Date(string="Dispatch Due", tracking=True, copy=False)
    cs_dispatch_date = fields.Datetime(
        string="Dispatched on", readonly=True, copy=False
    )
    cs_dispatched_by_id = fields.Many2one(
        "res.users", string="Dispatched by", readonly=True, copy=False
    )

    def _cs_dispatch(self, department, deadline, user=None, note=None):
        """Send the ticket to ``department`` (and ``user``) for ``deadline``.
        Members of the department then see and work it (record rule)."""
        self.ensure_one()
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise UserError(self.env._("Only a supervisor dispatches tickets."))
        if not department or not deadline:
            raise UserError(self.env._("A dispatch needs a department and a due date."))
        if deadline < fields.Date.context_today(self):
            raise UserError(self.env._("The due date of a dispatch cannot be past."))
        self.write(
            {
                "cs_dispatch_department_id": department.id,
                "cs_dispatch_user_id": user.id if user else False,
                "cs_dispatch_deadline": deadline,
                "cs_dispatch_date": fields.Datetime.now(),
                "cs_dispatched_by_id": self.env.uid,
            }
        )
        assignee = user or department.manager_id.user_id
        if assignee:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline,
                summary=self.env._("Dispatched ticket: %s", self.name),
                note=note or False,
                user_id=assignee.id,
            )
        self.message_post(
            body=self.env._(
                "Dispatched to %(department)s, due %(deadline)s.",
                department=department.display_name,
                deadline=fields.Date.to_string(deadline),
            )
        )

    def _cs_customer_visible(self, kwargs):
        """Whether message_post(**kwargs) sends a message to the customer
        (a comment with the Discussions subtype), not an internal note."""
        if kwargs.get("message_type", "notification") != "comment":
            return False
        if kwargs.get("subtype_xmlid"):
            return kwargs["subtype_xmlid"] == "mail.mt_comment"
        subtype_id = kwargs.get("subtype_id")
        return bool(subtype_id) and subtype_id == self.env.ref("mail.mt_comment").id

    def message_post(self, **kwargs):
        # The rule is for staff writing to customers: customers writing from
        # the portal (share users) may say what they like.
        staff_reply = bool(
            self and not self.env.user.share and self._cs_customer_visible(kwargs)
        )
        hits = self.env["cs.forbidden.phrase"]
        if staff_reply:
            hits = hits._cs_find(kwargs.get("body"))
            if hits and not self.env.user.has_group("cs_callcenter.group_supervisor"):
                raise UserError(
                    self.env._(
                        "This reply contains a forbidden phrase: %s. Please rephrase.",
                        hits._cs_describe(),
                    )
                )
        message = super().message_post(**kwargs)
        if staff_reply:
            self._cs_count_response()
        if hits:
            self._message_log(
                body=self.env._(
                    "Sent by a supervisor despite the forbidden phrase(s) %s.",
                    hits._cs_describe(),
                )
            )
        return message

    @api.model_create_multi
    def create(self, vals_list):
        # The caller card passes the call as a context default, which the ORM
        # only adds after this point: look at both.
        default_call = self.env.context.get("default_cs_call_id")
        call_ids = [vals.get("cs_call_id", default_call) for vals in vals_list]
        calls = self.env["cs.call"].browse([cid for cid in call_ids if cid])
        phone = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_phone", raise_if_not_found=False
        )
        for vals, call_id in zip(vals_list, call_ids, strict=True):
            call = calls.browse(call_id)
            if not call:
                continue
            # A ticket started from a call is a phone ticket of the caller.
            if phone and not vals.get("channel_id"):
                vals["channel_id"] = phone.id
            if call.partner_id and not vals.get("partner_id"):
                vals["partner_id"] = call.partner_id.id
            # The agent is talking to the customer: the call is the response.
            vals.setdefault("cs_first_response_date", fields.Datetime.now())
            vals.setdefault("cs_response_count", 1)
        tickets = super().create(vals_list)
        for ticket in tickets.filtered("cs_call_id"):
            if not ticket.cs_call_id.res_reference:
                # The call concerns the ticket; written with the ticket's
                # creator rights checked above, the call may be someone else's.
                ticket.cs_call_id.sudo().res_reference = f"{ticket._name},{ticket.id}"
        return tickets

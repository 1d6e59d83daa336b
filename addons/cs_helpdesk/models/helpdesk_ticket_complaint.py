# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The complaint loop (投诉处理, docs/DOMAIN.md §2) on tickets of kind
complaint: each step a button that checks what the step requires, moves the
ticket and logs who did it."""

from datetime import timedelta

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
FOLLOW_UP_DAYS = 3  # docs/DOMAIN.md §4: call back within three days


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cs_step = fields.Selection(
        STEPS,
        string="Step",
        default="register",
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    cs_founded = fields.Selection(
        [("founded", "Founded"), ("unfounded", "Unfounded")],
        string="Validation",
        tracking=True,
        copy=False,
        readonly=True,
    )
    cs_unfounded_reason = fields.Text(string="Why Unfounded", groups="base.group_user")
    cs_customer_reply = fields.Text(
        string="Reply to the Customer", help="The tactful answer given to the customer."
    )
    cs_department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        tracking=True,
        groups="base.group_user",
    )
    cs_responsible_id = fields.Many2one(
        "res.users",
        string="Responsible Person",
        tracking=True,
        groups="base.group_user",
    )
    cs_cause = fields.Selection(
        CAUSES, string="Cause Category", tracking=True, groups="base.group_user"
    )
    cs_root_cause = fields.Text(string="Root Cause", groups="base.group_user")
    cs_remedy_ids = fields.One2many(
        "cs.ticket.remedy", "ticket_id", string="Remedies", groups="base.group_user"
    )
    cs_actions_taken = fields.Text(string="Actions Taken")
    cs_compensation = fields.Monetary(
        string="Compensation Paid",
        currency_field="cs_currency_id",
        groups="base.group_user",
    )
    cs_currency_id = fields.Many2one(related="company_id.currency_id")
    cs_sanction_note = fields.Text(string="Sanctions", groups="base.group_user")
    cs_confirmation = fields.Selection(
        [("portal", "Portal"), ("phone", "Phone"), ("paper", "Signed Paper")],
        string="Customer Confirmation",
        tracking=True,
        copy=False,
    )
    cs_review_summary = fields.Text(string="Review Summary", groups="base.group_user")
    cs_step_ids = fields.One2many(
        "cs.ticket.step",
        "ticket_id",
        string="Steps",
        readonly=True,
        groups="base.group_user",
    )

    cs_stage_follows_step = fields.Boolean(
        string="Stage Follows the Step",
        compute="_compute_cs_stage_follows_step",
        help="A complaint has one status bar, its step: the helpdesk stage "
        "follows the step and is not changed by hand.",
    )

    @api.model
    def _cs_workflow_fields(self):
        return super()._cs_workflow_fields() | {"cs_step", "cs_founded", "cs_step_ids"}

    @api.depends("cs_kind")
    def _compute_cs_stage_follows_step(self):
        follows = self._cs_stage_follows_step()
        for ticket in self:
            ticket.cs_stage_follows_step = ticket in follows

    def _cs_stage_follows_step(self):
        """The tickets of ``self`` whose stage is moved by the complaint
        steps only. Extend with super() to let some complaints move by stage."""
        return self.filtered(lambda t: t.cs_kind == "complaint")

    def _cs_check_stage_write(self):
        """What the form shows read-only the server refuses: the stage of a
        complaint is set by its step buttons (the workflow's private path,
        the superuser and administrators pass, see cs.workflow.mixin)."""
        if not self._cs_guard_applies():
            return
        locked = self._cs_stage_follows_step()
        if locked:
            raise UserError(
                self.env._(
                    "The stage of complaint %s follows its step: use the step buttons.",
                    locked[0].display_name,
                )
            )

    # -- rules of a move -----------------------------------------------------------
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

    def _cs_advance(self, step, note=None, log_step=None, values=None):
        """Move to ``step`` (with the workflow ``values`` that go with it);
        log the step just passed (``log_step``), by whom, when and why."""
        self.ensure_one()
        self._cs_workflow_write({**(values or {}), "cs_step": step})
        # sudo: the step log is written by the workflow only (users may read
        # it, never create it); the move was allowed just above.
        self.env["cs.ticket.step"].sudo().create(
            {
                "ticket_id": self.id,
                "step": log_step or step,
                "note": note,
                "user_id": self.env.uid,
            }
        )

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
            self._cs_workflow_write({"stage_id": stage.id})

    # -- the steps -------------------------------------------------------------
    def action_cs_founded(self):
        self._cs_expect("register")
        self._cs_require("cs_department_id")
        self._cs_advance(
            "investigate", log_step="register", values={"cs_founded": "founded"}
        )
        self._cs_set_closed_stage(False)
        return True

    def action_cs_unfounded(self):
        self._cs_expect("register")
        self._cs_require("cs_unfounded_reason", "cs_customer_reply")
        self._cs_advance(
            "closed",
            self.cs_unfounded_reason,
            log_step="unfounded",
            values={"cs_founded": "unfounded"},
        )
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
        """After closing, the customer is called back (docs/DOMAIN.md §4): a
        task of the running after-service campaign when the desk runs one,
        else an activity for the ticket's agent."""
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
        # the count and date move with the stage (helpdesk_ticket_kpi.py)
        back = "investigate" if self.cs_founded == "founded" else "register"
        self._cs_advance(back, log_step="reopened")
        self._cs_set_closed_stage(False)
        return True

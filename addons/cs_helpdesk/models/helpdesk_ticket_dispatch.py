# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dispatch (派单, docs/DOMAIN.md §1): a Supervisor sends a ticket to the
responsible department (and person) with a due date; its members then see and
work the ticket (record rule ``helpdesk_ticket_rule_dispatched``)."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cs_dispatch_department_id = fields.Many2one(
        "hr.department",
        string="Dispatched to",
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
        groups="base.group_user",
    )
    cs_dispatch_user_id = fields.Many2one(
        "res.users",
        string="Dispatched Person",
        tracking=True,
        copy=False,
        readonly=True,
        groups="base.group_user",
    )
    cs_dispatch_deadline = fields.Date(
        string="Dispatch Due",
        tracking=True,
        copy=False,
        readonly=True,
        groups="base.group_user",
    )
    cs_dispatch_date = fields.Datetime(
        string="Dispatched on", readonly=True, copy=False, groups="base.group_user"
    )
    cs_dispatched_by_id = fields.Many2one(
        "res.users",
        string="Dispatched by",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )

    @api.model
    def _cs_workflow_fields(self):
        return super()._cs_workflow_fields() | {
            "cs_dispatch_department_id",
            "cs_dispatch_user_id",
            "cs_dispatch_deadline",
            "cs_dispatch_date",
            "cs_dispatched_by_id",
        }

    def _cs_check_dispatch(self, department, deadline, user):
        """Everything a dispatch needs, checked before anything is written."""
        self.ensure_one()
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise UserError(self.env._("Only a supervisor dispatches tickets."))
        self.check_access("write")
        if self.stage_id.closed:
            raise UserError(
                self.env._("%s is closed: it cannot be dispatched.", self.display_name)
            )
        if not department or not deadline:
            raise UserError(self.env._("A dispatch needs a department and a due date."))
        if deadline < fields.Date.context_today(self):
            raise UserError(self.env._("The due date of a dispatch cannot be past."))
        if department.company_id and department.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "%(department)s belongs to another company than %(ticket)s.",
                    department=department.display_name,
                    ticket=self.display_name,
                )
            )
        if user and (user.share or not user.active):
            raise UserError(
                self.env._(
                    "%s is not an active internal user: a ticket is dispatched "
                    "to staff only.",
                    user.display_name,
                )
            )
        if user and self.company_id not in user.company_ids:
            raise UserError(
                self.env._(
                    "%(user)s cannot work tickets of %(company)s.",
                    user=user.display_name,
                    company=self.company_id.display_name,
                )
            )

    def _cs_dispatch(self, department, deadline, user=None, note=None):
        """Send the ticket to ``department`` (and ``user``) for ``deadline``:
        an activity for the person (else the department's manager) and a note
        in the chatter, posted in the Supervisor's name even without an
        e-mail address. Everything is checked before the first write."""
        self._cs_check_dispatch(department, deadline, user)
        assignee = user or department.manager_id.user_id
        if assignee and (assignee.share or not assignee.active):
            assignee = self.env["res.users"]
        self._cs_workflow_write(
            {
                "cs_dispatch_department_id": department.id,
                "cs_dispatch_user_id": user.id if user else False,
                "cs_dispatch_deadline": deadline,
                "cs_dispatch_date": fields.Datetime.now(),
                "cs_dispatched_by_id": self.env.uid,
            }
        )
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

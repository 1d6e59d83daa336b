# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

DECIDED_FROZEN = {"name", "amount", "reject_reason"}


class CsTicketRemedy(models.Model):
    """A proposed remedy of a complaint; a Supervisor approves one."""

    _name = "cs.ticket.remedy"
    _inherit = ["cs.workflow.mixin"]
    _description = "Complaint Remedy"
    _order = "id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    name = fields.Text(string="Proposal", required=True)
    amount = fields.Monetary(string="Compensation", currency_field="currency_id")
    currency_id = fields.Many2one(related="ticket_id.company_id.currency_id")
    state = fields.Selection(
        [("proposed", "Proposed"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="proposed",
        required=True,
        readonly=True,
    )
    reject_reason = fields.Text()
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_date = fields.Datetime(string="Decided on", readonly=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)

    # -- the write guard (cs.workflow.mixin) ------------------------------
    @api.model
    def _cs_workflow_fields(self):
        return super()._cs_workflow_fields() | {
            "state",
            "decided_by_id",
            "decided_date",
        }

    @api.model_create_multi
    def create(self, vals_list):
        self._cs_check_workflow_create(vals_list)
        if self._cs_guard_applies():
            tickets = self.env["helpdesk.ticket"].browse(
                {vals["ticket_id"] for vals in vals_list if vals.get("ticket_id")}
            )
            for ticket in tickets:
                if ticket.cs_step != "remedy":
                    raise UserError(
                        self.env._(
                            "%s is not at the remedy step: no remedy can be "
                            "proposed now.",
                            ticket.display_name,
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        self._cs_check_workflow_fields(vals)
        if self._cs_guard_applies():
            # a remedy stays on its complaint; a decided one stays as decided
            frozen = {"ticket_id"} & set(vals)
            if self.filtered(lambda r: r.state != "proposed"):
                frozen |= DECIDED_FROZEN & set(vals)
            if frozen:
                raise AccessError(
                    self.env._(
                        "%(fields)s cannot change: a remedy stays on its "
                        "complaint, and a decided remedy as it was decided.",
                        fields=", ".join(
                            f"{self._fields[f]._description_string(self.env)} ({f})"
                            for f in sorted(frozen)
                        ),
                    )
                )
        return super().write(vals)

    def _check_decider(self):
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise AccessError(
                self.env._("Only a supervisor approves or rejects remedies.")
            )
        for remedy in self:
            if remedy.ticket_id.cs_step != "remedy":
                raise UserError(
                    self.env._(
                        "%s is not waiting for a remedy decision.",
                        remedy.ticket_id.display_name,
                    )
                )
            if remedy.state != "proposed":
                raise UserError(self.env._("This remedy was already decided."))

    def action_approve(self):
        self.ensure_one()
        self._check_decider()
        now = fields.Datetime.now()
        self._cs_workflow_write(
            {"state": "approved", "decided_by_id": self.env.uid, "decided_date": now}
        )
        self.ticket_id._cs_advance(
            "implement", self.env._("Remedy approved: %s", self.name), log_step="remedy"
        )
        return True

    def action_reject(self):
        self.ensure_one()
        self._check_decider()
        if not (self.reject_reason or "").strip():
            raise UserError(self.env._("Give the reason for rejecting the remedy."))
        self._cs_workflow_write(
            {
                "state": "rejected",
                "decided_by_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )
        self.ticket_id.message_post(
            body=self.env._(
                "Remedy rejected: %(name)s (%(reason)s)",
                name=self.name,
                reason=self.reject_reason,
            )
        )
        return True

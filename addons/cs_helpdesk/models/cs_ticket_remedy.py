# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class CsTicketRemedy(models.Model):
    """A proposed remedy of a complaint; a Supervisor approves one."""

    _name = "cs.ticket.remedy"
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
    )
    reject_reason = fields.Text()
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_date = fields.Datetime(string="Decided on", readonly=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)

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
        self.write(
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
        self.write(
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

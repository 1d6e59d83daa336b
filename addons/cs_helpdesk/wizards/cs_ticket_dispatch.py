# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CsTicketDispatch(models.TransientModel):
    """派单: the Supervisor's dispatch form; the rule lives on the ticket."""

    _name = "cs.ticket.dispatch"
    _description = "Dispatch a Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    department_id = fields.Many2one("hr.department", required=True)
    user_id = fields.Many2one("res.users", string="Person")
    deadline = fields.Date(required=True)
    note = fields.Text()

    def action_dispatch(self):
        self.ensure_one()
        self.ticket_id._cs_dispatch(
            self.department_id, self.deadline, user=self.user_id, note=self.note
        )
        return {"type": "ir.actions.act_window_close"}

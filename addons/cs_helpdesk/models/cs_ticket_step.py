# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

STEPS = [
    ("register", "Registered"),
    ("investigate", "Investigation"),
    ("remedy", "Remedy"),
    ("implement", "Implementation"),
    ("confirm", "Customer Confirmation"),
    ("closed", "Closed"),
    ("reviewed", "Reviewed"),
]


class CsTicketStep(models.Model):
    """One step passed by a complaint: who, when, with what note. Written
    by the complaint workflow only (``_cs_advance``): users read it."""

    _name = "cs.ticket.step"
    _description = "Complaint Step"
    _order = "date, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    step = fields.Selection(
        STEPS + [("unfounded", "Closed as Unfounded"), ("reopened", "Reopened")],
        required=True,
    )
    user_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    note = fields.Text()
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    cs_sla_pause = fields.Boolean(
        string="Pauses the SLA",
        help="Tickets in this stage wait for the customer: their SLA clock stops "
        "and their deadlines move by the working hours waited.",
    )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    cs_complaint_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Complaint Team",
        help="Team of follow-up tickets of dissatisfied survey answers that "
        "concern no ticket, unless the survey rule names one.",
    )

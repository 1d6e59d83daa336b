# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import fields, models
from odoo.exceptions import UserError

# workbook: (report xmlid, only complaints)
WORKBOOKS = {
    "register": ("cs_helpdesk.complaint_register_xlsx_report", True),
    "classification": ("cs_helpdesk.complaint_classification_xlsx_report", True),
    "kpi": ("cs_helpdesk.ticket_kpi_xlsx_report", False),
}


class CsComplaintRegister(models.TransientModel):
    """Export a workbook for the tickets registered in a period:
    《顾客投诉登记表》, 《顾客投诉分类统计表》 or the KPIs per team and agent."""

    _name = "cs.complaint.register"
    _description = "Helpdesk Excel Export"

    workbook = fields.Selection(
        [
            ("register", "Complaint Register"),
            ("classification", "Complaint Classification Statistics"),
            ("kpi", "Ticket KPIs by Team and Agent"),
        ],
        required=True,
        default="register",
    )
    date_from = fields.Date(required=True, default=lambda self: fields.Date.today())
    date_to = fields.Date(required=True, default=lambda self: fields.Date.today())

    def action_export(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        report, complaints_only = WORKBOOKS[self.workbook]
        domain = [
            ("create_date", ">=", datetime.combine(self.date_from, time.min)),
            ("create_date", "<=", datetime.combine(self.date_to, time.max)),
        ]
        if complaints_only:
            domain.append(("cs_kind", "=", "complaint"))
        tickets = self.env["helpdesk.ticket"].search(domain)
        if not tickets:
            raise UserError(self.env._("No ticket was registered in this period."))
        return self.env.ref(report).report_action(tickets)

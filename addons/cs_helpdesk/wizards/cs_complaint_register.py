# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import fields, models
from odoo.exceptions import UserError


class CsComplaintRegister(models.TransientModel):
    """Export 《顾客投诉登记表》 for the complaints registered in a period."""

    _name = "cs.complaint.register"
    _description = "Complaint Register Export"

    date_from = fields.Date(required=True, default=lambda self: fields.Date.today())
    date_to = fields.Date(required=True, default=lambda self: fields.Date.today())

    def action_export(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        tickets = self.env["helpdesk.ticket"].search(
            [
                ("cs_kind", "=", "complaint"),
                ("create_date", ">=", datetime.combine(self.date_from, time.min)),
                ("create_date", "<=", datetime.combine(self.date_to, time.max)),
            ]
        )
        if not tickets:
            raise UserError(self.env._("No complaint was registered in this period."))
        return self.env.ref("cs_helpdesk.complaint_register_xlsx_report").report_action(
            tickets
        )

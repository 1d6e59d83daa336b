# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import html2plaintext, split_every

CHUNK = 1000


class ComplaintRegisterXlsx(models.AbstractModel):
    """《顾客投诉登记表》: the complaints with their register fields and outcome."""

    _name = "report.cs_helpdesk.complaint_register_xlsx"
    _inherit = "report.cs_helpdesk.xlsx_table"
    _description = "Complaint Register (Excel)"

    def _get_objs_for_report(self, docids, data):
        ids = docids or (data or {}).get("ticket_ids") or []
        return self.env["helpdesk.ticket"].browse(ids)

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        columns = [
            (_("Number"), 12, "text"),
            (_("Registered on"), 17, "datetime"),
            (_("Customer"), 20, "text"),
            (_("Phone"), 16, "text"),
            (_("Channel"), 10, "text"),
            (_("Complaint"), 40, "text"),
            (_("Customer's Request"), 30, "text"),
            (_("Validation"), 10, "text"),
            (_("Responsible Department"), 16, "text"),
            (_("Cause Category"), 14, "text"),
            (_("Approved Remedy"), 30, "text"),
            (_("Compensation Paid"), 12, "float"),
            (_("Step"), 12, "text"),
            (_("Closed on"), 17, "datetime"),
            (_("Resolution Time (h)"), 12, "float"),
        ]
        labels = {
            name: dict(objs._fields[name]._description_selection(self.env))
            for name in ("cs_founded", "cs_cause", "cs_step")
        }
        Ticket = self.env["helpdesk.ticket"]
        ordered = Ticket.search([("id", "in", objs.ids)], order="create_date, id").ids

        def rows():
            # A chunk at a time, the ORM cache emptied after each: 100,000
            # complaints never sit in memory together.
            for ids in split_every(CHUNK, ordered):
                for ticket in Ticket.browse(ids):
                    yield self._cs_row(ticket, labels)
                self.env.invalidate_all()

        self._cs_write_table(
            workbook,
            _("Complaint Register"),
            _("Customer Complaint Register"),
            columns,
            rows(),
            count=len(ordered),
        )

    def _cs_row(self, ticket, labels):
        approved = ticket.cs_remedy_ids.filtered(lambda r: r.state == "approved")
        return [
            ticket.number,
            ticket.create_date,
            ticket.partner_id.display_name or ticket.partner_name,
            ticket.partner_id.phone or ticket.partner_id.mobile,
            ticket.channel_id.name,
            "\n".join(
                filter(None, [ticket.name, html2plaintext(ticket.description or "")])
            ),
            ticket.cs_request,
            labels["cs_founded"].get(ticket.cs_founded),
            ticket.cs_department_id.display_name,
            labels["cs_cause"].get(ticket.cs_cause),
            approved[:1].name,
            ticket.cs_compensation,
            labels["cs_step"].get(ticket.cs_step),
            ticket.closed_date if ticket.stage_id.closed else False,
            ticket.cs_resolution_hours,
        ]

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL, html2plaintext, split_every

CHUNK = 1000


class ComplaintRegisterXlsx(models.AbstractModel):
    """《顾客投诉登记表》: the complaints with their register fields and outcome."""

    _name = "report.cs_helpdesk.complaint_register_xlsx"
    _inherit = "report.cs_callcenter.xlsx_table"
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
        # The search applies the reader's record rules: only tickets they may
        # read are listed, whatever ids were passed.
        ordered = (
            self.env["helpdesk.ticket"]
            .search([("id", "in", objs.ids)], order="create_date, id")
            .ids
        )
        self.env.flush_all()
        Ticket = self.env["helpdesk.ticket"]
        listed = [("id", "in", ordered)]
        # the totals by the same aggregates as every other KPI reader: the
        # average resolution time over the resolved complaints only
        [(compensation, resolution)] = Ticket._read_group(
            listed, [], ["cs_compensation:sum", "cs_resolution_hours:avg"]
        )
        totals = [_("Total: %s", len(ordered))] + [False] * (len(columns) - 1)
        totals[11] = compensation or 0.0
        totals[14] = round(resolution, 2) if resolution is not None else False

        def rows():
            for ids in split_every(CHUNK, ordered):
                for values in self._cs_fetch(list(ids)):
                    yield self._cs_row(values, labels)

        self._cs_write_table(
            workbook,
            _("Complaint Register"),
            _("Customer Complaint Register"),
            columns,
            rows(),
            count=len(ordered),
            period=self._cs_period_of(Ticket, listed, "create_date"),
            totals=totals,
        )

    def _cs_fetch(self, ids):
        """The register's values of ``ids``, in one query per thousand rows:
        through the ORM, 100,000 records cost more in field access than the
        whole workbook takes to write."""
        lang = self.env.lang or "en_US"
        self.env.cr.execute(
            SQL(
                """
                SELECT t.number, t.create_date,
                       COALESCE(p.complete_name, t.partner_name),
                       COALESCE(NULLIF(p.phone, ''), p.mobile),
                       COALESCE(c.name->>%(lang)s, c.name->>'en_US'),
                       t.name, t.description, t.cs_request, t.cs_founded,
                       d.complete_name, t.cs_cause,
                       (SELECT r.name FROM cs_ticket_remedy r
                         WHERE r.ticket_id = t.id AND r.state = 'approved'
                         ORDER BY r.id LIMIT 1),
                       t.cs_compensation, t.cs_step,
                       t.cs_resolved_date,
                       -- open: no resolution time (blank, not 0)
                       CASE WHEN t.cs_resolved_date IS NOT NULL
                            THEN t.cs_resolution_hours END
                  FROM helpdesk_ticket t
                  LEFT JOIN res_partner p ON p.id = t.partner_id
                  LEFT JOIN helpdesk_ticket_channel c ON c.id = t.channel_id
                  LEFT JOIN hr_department d ON d.id = t.cs_department_id
                 WHERE t.id = ANY(%(ids)s)
                 ORDER BY t.create_date, t.id
                """,
                lang=lang,
                ids=ids,
            )
        )
        return self.env.cr.fetchall()

    def _cs_row(self, values, labels):
        (
            number,
            registered,
            customer,
            phone,
            channel,
            subject,
            description,
            request,
            founded,
            department,
            cause,
            remedy,
            compensation,
            step,
            closed,
            hours,
        ) = values
        text = html2plaintext(description) if description else ""
        return [
            number,
            registered,
            customer,
            phone,
            channel,
            "\n".join(filter(None, [subject, text])),
            request,
            labels["cs_founded"].get(founded),
            department,
            labels["cs_cause"].get(cause),
            remedy,
            compensation,
            labels["cs_step"].get(step),
            closed,
            hours,
        ]

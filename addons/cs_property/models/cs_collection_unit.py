# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CsUnit(models.Model):
    _inherit = "cs.unit"

    cs_collection_paused = fields.Boolean(
        compute="_compute_cs_collection",
        string="Collection Paused",
        help="The payer has an open billing-dispute ticket on the unit: no new "
        "reminder until it is closed.",
    )
    cs_legal_stage = fields.Boolean(
        compute="_compute_cs_collection",
        string="At Legal Stage",
        help="Automated reminders are stopped until a Manager releases the unit.",
    )
    cs_limitation_date = fields.Date(
        compute="_compute_cs_collection",
        string="Limitation Expires",
        help="The earliest date an overdue fee of the unit would be "
        "time-barred: 3 years after its due date or its last proven notice.",
    )
    cs_credit_line_ids = fields.One2many(
        "credit.control.line", "cs_unit_id", string="Credit Lines"
    )

    def _cs_disputed_pairs(self):
        """``{(unit id, commercial partner id)}`` with an open ticket flagged
        as a billing dispute, for these units."""
        if not self.ids:
            return set()
        Ticket = self.env["helpdesk.ticket"]
        Ticket.flush_model(["cs_billing_dispute", "cs_unit_id", "partner_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT t.cs_unit_id, p.commercial_partner_id
                  FROM helpdesk_ticket t
                  LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                  JOIN res_partner p ON p.id = t.partner_id
                 WHERE t.cs_billing_dispute
                   AND NOT coalesce(s.closed, false)
                   AND t.cs_unit_id IN %s
                """,
                tuple(self.ids),
            )
        )
        return set(rows)

    def _compute_cs_collection(self):
        units = self.filtered("id")
        disputed = units._cs_disputed_pairs()
        legal = set()
        limits = {}
        if units:
            # sudo: the flags and the date are shown on the unit to whoever
            # reads it; the cases and invoices behind them stay the fee desk's.
            legal = {
                case.unit_id.id
                for case in self.env["cs.collection.legal"]
                .sudo()
                .search([("unit_id", "in", units.ids), ("state", "=", "active")])
            }
            limits = {
                unit.id: date
                for unit, date in self.env["account.move"]
                .sudo()
                ._read_group(
                    [
                        ("cs_unit_id", "in", units.ids),
                        ("state", "=", "posted"),
                        ("move_type", "=", "out_invoice"),
                        ("payment_state", "in", ("not_paid", "partial")),
                        ("cs_limitation_date", "!=", False),
                    ],
                    ["cs_unit_id"],
                    ["cs_limitation_date:min"],
                )
            }
        for unit in self:
            payer = unit.payer_id.commercial_partner_id
            unit.cs_collection_paused = (unit.id, payer.id) in disputed
            unit.cs_legal_stage = unit.id in legal
            unit.cs_limitation_date = limits.get(unit.id, False)

    def action_cs_credit_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_credit_control.credit_control_line_action"
        )
        action["domain"] = [("cs_unit_id", "=", self.id)]
        action["context"] = {}
        return action

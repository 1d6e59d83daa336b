# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Arrears aging (欠费账龄): one row per overdue fee invoice with its unpaid
amount in the column of its age bucket, so a pivot sums them per estate,
building, unit and payer. Read from Odoo's own invoices (amount_residual);
ages are counted on the database's current date."""

from odoo import fields, models, tools
from odoo.tools import SQL

AGING_BUCKETS = [
    ("0-30", "0-30 days"),
    ("31-90", "31-90 days"),
    ("91-365", "91-365 days"),
    ("365+", "Over 365 days"),
]


class CsArrearsReport(models.Model):
    _name = "cs.arrears.report"
    _description = "Arrears Aging"
    _auto = False
    _order = "estate_id, building_id, unit_id, due_date"
    _rec_name = "move_id"

    move_id = fields.Many2one("account.move", string="Fee Invoice", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    estate_id = fields.Many2one("cs.estate", readonly=True)
    building_id = fields.Many2one("cs.building", readonly=True)
    unit_id = fields.Many2one("cs.unit", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Payer", readonly=True)
    invoice_date = fields.Date(readonly=True)
    due_date = fields.Date(readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    aging = fields.Selection(AGING_BUCKETS, string="Age", readonly=True)
    amount_residual = fields.Monetary(
        string="Arrears", readonly=True, currency_field="currency_id"
    )
    amount_0_30 = fields.Monetary(
        string="0-30 days", readonly=True, currency_field="currency_id"
    )
    amount_31_90 = fields.Monetary(
        string="31-90 days", readonly=True, currency_field="currency_id"
    )
    amount_91_365 = fields.Monetary(
        string="91-365 days", readonly=True, currency_field="currency_id"
    )
    amount_365 = fields.Monetary(
        string="Over 365 days", readonly=True, currency_field="currency_id"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE VIEW %(table)s AS (
SELECT m.id AS id,
       m.id AS move_id,
       m.company_id,
       c.currency_id,
       u.estate_id,
       u.building_id,
       m.cs_unit_id AS unit_id,
       m.commercial_partner_id AS partner_id,
       m.invoice_date,
       m.invoice_date_due AS due_date,
       age.days AS days_overdue,
       CASE WHEN age.days <= 30 THEN '0-30'
            WHEN age.days <= 90 THEN '31-90'
            WHEN age.days <= 365 THEN '91-365'
            ELSE '365+' END AS aging,
       m.amount_residual_signed AS amount_residual,
       CASE WHEN age.days <= 30 THEN m.amount_residual_signed ELSE 0 END
           AS amount_0_30,
       CASE WHEN age.days > 30 AND age.days <= 90
            THEN m.amount_residual_signed ELSE 0 END AS amount_31_90,
       CASE WHEN age.days > 90 AND age.days <= 365
            THEN m.amount_residual_signed ELSE 0 END AS amount_91_365,
       CASE WHEN age.days > 365 THEN m.amount_residual_signed ELSE 0 END
           AS amount_365
  FROM account_move m
  JOIN cs_unit u ON u.id = m.cs_unit_id
  JOIN res_company c ON c.id = m.company_id
 CROSS JOIN LATERAL (
       SELECT (CURRENT_DATE - COALESCE(m.invoice_date_due, m.invoice_date)) AS days
       ) age
 WHERE m.move_type = 'out_invoice'
   AND m.state = 'posted'
   AND m.amount_residual_signed > 0
   AND age.days > 0
)
                """,
                table=SQL.identifier(self._table),
            )
        )

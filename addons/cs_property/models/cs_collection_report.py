# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Collection rates (收缴率) per estate and month, from Odoo's invoices and
their reconciliations (the README, "Reports", gives the definitions):

- billed: the fee invoices dated in the month, less the waivers (credit
  notes) matched with them;
- current-period collection rate (当期收缴率): what was paid on the month's
  invoices by the end of the month ÷ billed;
- arrears at the start of the month: what the invoices dated before the
  month still owed on its first day (payments and waivers matched before it
  deducted);
- arrears recovery rate (清欠率): what was paid in the month on invoices
  dated before it ÷ arrears at the start of the month.

A payment counts on the day it was matched with the invoice (the partial
reconciliation's date)."""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.cs_callcenter.tools.stats import rate


class CsCollectionReport(models.AbstractModel):
    _name = "cs.collection.report"
    _description = "Collection Rates"

    @api.model
    def _cs_months(self, date_from, date_to):
        month = date_from.replace(day=1)
        months = []
        while month <= date_to:
            months.append(month)
            month += relativedelta(months=1)
        return months

    @api.model
    def _cs_rates(self, estates, date_from, date_to):
        """[{estate, month, billed, collected, current_rate, arrears_start,
        recovered, recovery_rate}] for each estate (cs.estate records, read
        with the caller's rights) and each month from ``date_from`` to
        ``date_to``; rates in %, one decimal."""
        months = self._cs_months(date_from, date_to)
        if not estates or not months:
            return []
        end = months[-1] + relativedelta(months=1)
        self.env["account.move"].flush_model()
        self.env["account.move.line"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        # invoices' amounts per estate and invoice month
        self.env.cr.execute(
            SQL(
                """
SELECT m.cs_estate_id, date_trunc('month', m.invoice_date)::date,
       SUM(m.amount_total_signed)
  FROM account_move m
 WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
   AND m.cs_estate_id = ANY(%(estates)s) AND m.invoice_date < %(end)s
 GROUP BY 1, 2
                """,
                estates=estates.ids,
                end=end,
            )
        )
        billed = defaultdict(float)
        for estate_id, month, amount in self.env.cr.fetchall():
            billed[estate_id, month] += amount
        # what settled them, per invoice month, settlement month and kind
        self.env.cr.execute(
            SQL(
                """
SELECT m.cs_estate_id, date_trunc('month', m.invoice_date)::date,
       date_trunc('month', apr.max_date)::date,
       cm.move_type = 'out_refund',
       SUM(apr.amount)
  FROM account_move m
  JOIN account_move_line r
    ON r.move_id = m.id AND r.display_type = 'payment_term'
  JOIN account_partial_reconcile apr ON apr.debit_move_id = r.id
  JOIN account_move_line c ON c.id = apr.credit_move_id
  JOIN account_move cm ON cm.id = c.move_id
 WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
   AND m.cs_estate_id = ANY(%(estates)s) AND m.invoice_date < %(end)s
   AND apr.max_date < %(end)s
 GROUP BY 1, 2, 3, 4
                """,
                estates=estates.ids,
                end=end,
            )
        )
        settled = self.env.cr.fetchall()
        rows = []
        currency = self.env.company.currency_id
        for estate in estates:
            for month in months:
                bill = billed.get((estate.id, month), 0.0)
                waived = collected = recovered = 0.0
                arrears = sum(
                    amount
                    for (estate_id, inv_month), amount in billed.items()
                    if estate_id == estate.id and inv_month < month
                )
                for estate_id, inv_month, day_month, refund, amount in settled:
                    if estate_id != estate.id:
                        continue
                    if inv_month == month:
                        if refund:
                            waived += amount
                        elif day_month <= month:
                            collected += amount
                    elif inv_month < month:
                        if day_month < month:
                            arrears -= amount
                        elif day_month == month and not refund:
                            recovered += amount
                net = currency.round(bill - waived)
                arrears = currency.round(arrears)
                rows.append(
                    {
                        "estate": estate,
                        "month": month,
                        "billed": net,
                        "collected": currency.round(collected),
                        "current_rate": rate(collected, net),
                        "arrears_start": arrears,
                        "recovered": currency.round(recovered),
                        "recovery_rate": rate(recovered, arrears),
                    }
                )
        return rows

    @api.model
    def _cs_default_period(self, today=None):
        """The twelve months up to the current one."""
        today = today or fields.Date.context_today(self)
        return today.replace(day=1) - relativedelta(months=11), today

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Late fees (滞纳金) on property-fee invoices.

How the fee of one invoice is computed (see the README, "Late fees"):

- principal: the tax-included amount of the invoice's lines whose fee item
  bears late fees (``cs.fee.item.late_fee_applies``). Late-fee lines and
  lines without a fee item are never principal, so there is no fee on a fee.
- the fee runs for every day past the due date beyond the grace days of the
  estate's ``cs.late.fee.policy``: the first day with a fee is
  due date + grace days + 1, the last one ``as_of`` (inclusive);
- simple interest: each such day costs ``daily_rate`` × the principal still
  unpaid on that day;
- payments (and credit notes) reduce the principal first, from the day they
  are settled on the invoice (the partial reconciliation's date, the later
  of the payment's and the invoice's dates): no fee for that amount on that
  day or after;
- the total fee of an invoice, charged and accrued, never exceeds
  ``cap_percent`` % of its principal;
- a charge (late-fee invoice line tagged with the source invoice and the
  accrued-to date) ends the accrual: the next one starts the day after the
  latest accrued-to date, so no day is charged twice.
"""

from collections import defaultdict

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class AccountMove(models.Model):
    _inherit = "account.move"

    cs_late_fee_line_ids = fields.One2many(
        "account.move.line",
        "cs_late_fee_source_id",
        string="Late Fees Charged",
        readonly=True,
    )

    def _cs_late_fee_query(self, as_of):
        """The SQL computing, for every posted fee invoice of an estate with
        a late fee policy (of ``self`` when not empty, else of the current
        companies), its fee accrued and not yet charged as of ``as_of`` and
        the first day it covers. Set-based: one statement for any number of
        invoices."""
        # The scope is repeated in each part so that the planner reads only
        # the rows it needs: by id for a few invoices (a statement), with
        # hash joins over the whole company for all of them (the bench).
        if self:
            scope = SQL("m.id = ANY(%s)", self.ids)
            charges = SQL("l.cs_late_fee_source_id = ANY(%s)", self.ids)
            partials = SQL("r.move_id = ANY(%s)", self.ids)
        else:
            companies = self.env.companies.ids
            scope = SQL("m.company_id = ANY(%s)", companies)
            charges = SQL(
                "l.cs_late_fee_source_id IS NOT NULL AND l.company_id = ANY(%s)",
                companies,
            )
            partials = SQL("apr.company_id = ANY(%s)", companies)
        return SQL(
            """
WITH prin AS (
    SELECT m.id AS move_id,
           MAX(p.daily_rate) AS daily_rate,
           MAX(p.cap_percent) AS cap_percent,
           MAX(m.invoice_date_due + p.grace_days + 1) AS first_day,
           SUM(l.price_total)::float AS principal
      FROM account_move m
      JOIN cs_late_fee_policy p ON p.estate_id = m.cs_estate_id AND p.active
      JOIN account_move_line l
        ON l.move_id = m.id
       AND l.display_type = 'product'
       AND l.cs_late_fee_source_id IS NULL
      JOIN cs_fee_item f ON f.id = l.cs_fee_item_id AND f.late_fee_applies
     WHERE %(scope)s
       AND m.move_type = 'out_invoice'
       AND m.state = 'posted'
       AND m.cs_unit_id IS NOT NULL
       AND m.invoice_date_due + p.grace_days < %(as_of)s
  GROUP BY m.id
    HAVING SUM(l.price_total) > 0
),
chg AS (
    SELECT l.cs_late_fee_source_id AS move_id,
           MAX(l.cs_late_fee_to) AS charged_to,
           SUM(l.price_subtotal)::float AS charged
      FROM account_move_line l
     WHERE %(charges)s
       AND l.parent_state != 'cancel'
  GROUP BY l.cs_late_fee_source_id
),
lo AS (
    SELECT prin.move_id, prin.daily_rate, prin.principal,
           prin.principal * prin.cap_percent / 100
               - COALESCE(chg.charged, 0) AS room,
           GREATEST(prin.first_day, chg.charged_to + 1) AS lo
      FROM prin
      LEFT JOIN chg USING (move_id)
),
pay AS (
    SELECT r.move_id, apr.max_date AS day, SUM(apr.amount)::float AS amount
      FROM account_partial_reconcile apr
      JOIN account_move_line r
        ON r.id = apr.debit_move_id AND r.display_type = 'payment_term'
     WHERE %(partials)s
       AND apr.max_date <= %(as_of)s
  GROUP BY r.move_id, apr.max_date
),
paid AS (
    -- what each payment takes off the principal (payments reduce it first,
    -- never below zero), times the fee days it spares
    SELECT cum.move_id,
           SUM(GREATEST(LEAST(cum.amount, lo.principal - cum.before), 0)
               * GREATEST(%(as_of)s::date + 1 - GREATEST(cum.day, lo.lo), 0))
               AS spared
      FROM (SELECT pay.*,
                   COALESCE(SUM(pay.amount) OVER (
                       PARTITION BY pay.move_id ORDER BY pay.day
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                       AS before
              FROM pay) cum
      JOIN lo USING (move_id)
  GROUP BY cum.move_id
)
SELECT lo.move_id, lo.lo,
       GREATEST(LEAST(
           lo.daily_rate * (lo.principal * (%(as_of)s::date + 1 - lo.lo)
                            - COALESCE(paid.spared, 0)),
           lo.room), 0) AS fee
  FROM lo
  LEFT JOIN paid USING (move_id)
 WHERE lo.lo <= %(as_of)s
            """,
            scope=scope,
            charges=charges,
            partials=partials,
            as_of=as_of,
        )

    def _cs_late_fee_rows(self, as_of):
        """{move_id: (fee not rounded, first day it covers)} for fees > 0."""
        as_of = fields.Date.to_date(as_of)
        self.env["account.move"].flush_model()
        self.env["account.move.line"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        self.env["cs.late.fee.policy"].flush_model()
        self.env["cs.fee.item"].flush_model(["late_fee_applies"])
        self.env.cr.execute(self._cs_late_fee_query(as_of))
        return {
            move_id: (fee, first)
            for move_id, first, fee in self.env.cr.fetchall()
            if fee
        }

    def _cs_late_fee_accrued(self, as_of):
        """{move_id: fee} accrued as of ``as_of`` (a date, inclusive) and not
        yet charged, for the fee invoices of ``self``; invoices without a fee
        are left out. Called on the model (an EMPTY recordset), it computes
        every fee invoice of the current companies: callers holding a
        possibly empty recordset test it first. Amounts are rounded to the
        cent of the company currency (CNY)."""
        currency = self.env.company.currency_id
        return {
            move_id: currency.round(fee)
            for move_id, (fee, _first) in self._cs_late_fee_rows(as_of).items()
            if not currency.is_zero(fee)
        }

    def _cs_notice_late_fee(self):
        """The late fees accrued and not yet charged, on the notice's date,
        on the unit's fee invoices: printed on the fee notice for
        information (they are owed only once charged)."""
        self.ensure_one()
        if not self.cs_unit_id or not self.invoice_date:
            return 0.0
        moves = self.search(
            [
                ("cs_unit_id", "=", self.cs_unit_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("invoice_date", "<=", self.invoice_date),
            ]
        )
        if not moves:
            return 0.0
        accrued = moves._cs_late_fee_accrued(self.invoice_date)
        return self.currency_id.round(sum(accrued.values()))

    def _cs_charge_late_fees(self, as_of):
        """Charge the late fees accrued on these fee invoices up to ``as_of``:
        one posted customer invoice per unit and payer with one line per
        source invoice, tagged with it and with ``as_of``. Returns the new
        invoices. Only a Fee Officer (or Manager) charges; ``as_of`` cannot
        be in the future (its days have not run yet)."""
        if not self.env.user.has_group(
            "cs_callcenter.group_fee_officer"
        ) and not self.env.user.has_group("cs_callcenter.group_manager"):
            raise UserError(
                self.env._("Only a Fee Officer or a Manager charges late fees.")
            )
        as_of = fields.Date.to_date(as_of)
        if as_of > fields.Date.context_today(self):
            raise UserError(self.env._("Late fees cannot be charged for future days."))
        sources = self.filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and move.cs_unit_id
            )
        )
        if not sources:
            return self.browse()
        # Two officers charging the same invoices at once would both see
        # them uncharged: the row locks make the second one stop here.
        try:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM account_move WHERE id = ANY(%s) FOR UPDATE NOWAIT",
                    sources.ids,
                )
            )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "These invoices are being charged by someone else; try again."
                )
            ) from error
        rows = sources._cs_late_fee_rows(as_of)
        product = self.env.ref("cs_property.product_late_fee")
        groups = defaultdict(list)
        for move in sources:
            fee, first = rows.get(move.id, (0.0, None))
            fee = move.currency_id.round(fee)
            if move.currency_id.is_zero(fee):
                continue
            groups[(move.company_id, move.cs_unit_id, move.partner_id)].append(
                (move, fee, first)
            )
        if not groups:
            return self.browse()
        # dated the accrued-to day: a statement as of that day shows the fee
        # billed, not accrued
        vals_list = []
        for (company, unit, partner), charges in groups.items():
            taxes = product.taxes_id.filtered_domain([("company_id", "=", company.id)])
            vals_list.append(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "invoice_date": as_of,
                    "invoice_date_due": as_of,
                    "cs_unit_id": unit.id,
                    "ref": self.env._("Late fees to %(date)s", date=as_of),
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "name": self.env._(
                                    "Late fee on %(invoice)s, %(start)s to %(end)s",
                                    invoice=move.name,
                                    start=first,
                                    end=as_of,
                                ),
                                "quantity": 1,
                                "price_unit": fee,
                                "tax_ids": [fields.Command.set(taxes.ids)],
                                "cs_unit_id": unit.id,
                                "cs_late_fee_source_id": move.id,
                                "cs_late_fee_to": as_of,
                            }
                        )
                        for move, fee, first in charges
                    ],
                }
            )
        # the late-fee tags are written by this charge only: its lines go
        # through the private path of their guard (cs.workflow.mixin), as the
        # Fee Officer (not a sudo: their accounting rights still apply)
        workflow = self.env["account.move.line"]._cs_workflow_env().env
        invoices = (
            workflow["account.move"]
            .with_context(default_move_type="out_invoice")
            .create(vals_list)
        )
        invoices.action_post()
        return invoices.with_env(self.env)


class AccountMoveLine(models.Model):
    _name = "account.move.line"
    _inherit = ["account.move.line", "cs.workflow.mixin"]

    cs_late_fee_source_id = fields.Many2one(
        "account.move",
        string="Late Fee On",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The fee invoice whose late payment this line charges.",
    )
    cs_late_fee_to = fields.Date(
        string="Late Fee Accrued To",
        readonly=True,
        copy=False,
        help="The last day this late fee covers; the next fee starts the day after.",
    )

    @api.model
    def _cs_workflow_fields(self):
        # Written by the charge only (account.move._cs_charge_late_fees): a
        # tag typed by hand would end a fee's accrual or start it again. Not
        # copied either: a duplicate or a credit note charges no late fee.
        return super()._cs_workflow_fields() | {
            "cs_late_fee_source_id",
            "cs_late_fee_to",
        }

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.tools.misc import formatLang

AGING = (("0-30", 30), ("31-90", 90), ("91-365", 365), ("365+", None))


class CsUnit(models.Model):
    _inherit = "cs.unit"

    late_fee_accrued = fields.Monetary(
        string="Late Fees Accrued",
        compute="_compute_late_fee_accrued",
        currency_field="currency_id",
        help="Late fees (滞纳金) accrued on the unit's fee invoices and not yet "
        "charged, as of today.",
    )

    cs_statement_html = fields.Html(
        string="Statement",
        compute="_compute_cs_statement_html",
        sanitize=False,
        groups="cs_callcenter.group_fee_officer,cs_callcenter.group_supervisor",
        help="The unit's unpaid fee notices today, each with the late fee "
        "(滞纳金) accrued on it and not yet charged.",
    )

    def _compute_late_fee_accrued(self):
        day = fields.Date.to_date(
            self.env.context.get("cs_date") or fields.Date.context_today(self)
        )
        totals = self._cs_late_fee_by_unit(day)
        for unit in self:
            unit.late_fee_accrued = totals.get(unit.id, 0.0)

    def _cs_late_fee_by_unit(self, day):
        """{unit_id: late fee accrued and not charged on ``day``}."""
        units = self.filtered("id")
        if not units:
            return {}
        # sudo: agents see a unit's late fee without reading invoices; only
        # the sums per unit leave this method.
        moves = (
            self.env["account.move"]
            .sudo()
            .search_fetch(
                [
                    ("cs_unit_id", "in", units.ids),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                ],
                ["cs_unit_id"],
            )
        )
        if not moves:
            return {}
        accrued = moves._cs_late_fee_accrued(day)
        totals = defaultdict(float)
        for move in moves:
            totals[move.cs_unit_id.id] += accrued.get(move.id, 0.0)
        return {
            unit_id: self.env.company.currency_id.round(total)
            for unit_id, total in totals.items()
        }

    def _compute_cs_statement_html(self):
        day = fields.Date.to_date(
            self.env.context.get("cs_date") or fields.Date.context_today(self)
        )
        for unit in self:
            if not unit.id:
                unit.cs_statement_html = False
                continue
            # sudo: the statement of a unit its readers may see (the rule of
            # cs.api.unit_statement and of the fee call's statement), not
            # the invoices themselves.
            unit.cs_statement_html = unit.sudo()._cs_statement_table(day)

    def _cs_late_fee_by_invoice(self, day=None):
        """{invoice number: late fee accrued on ``day`` (default today) and
        not yet charged} for the unit's posted fee invoices with a fee: the
        per-invoice figures whose sum is the statement's ``late_fee``
        (printed on the statement screen and the notices; the API keeps
        its shape). Runs with the caller's rights."""
        day = fields.Date.to_date(day or fields.Date.context_today(self))
        return self._cs_statement_and_late_fees(day)[1]

    def _cs_statement_table(self, day):
        """The statement of ``day`` as an HTML table: the unpaid fee notices
        with their late fee accrued, the balance and the late-fee total."""
        self.ensure_one()
        statement, fees = self._cs_statement_and_late_fees(day)
        currency = self.company_id.currency_id
        env = self.env

        def money(amount):
            return formatLang(env, amount, currency_obj=currency)

        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td>"
                "<td class='text-end o_cs_row_late_fee'>%s</td></tr>"
            )
            % (
                invoice["period"],
                invoice["number"],
                invoice["due_date"],
                money(invoice["amount"]),
                money(invoice["residual"]),
                money(fees.get(invoice["number"], 0.0)),
            )
            for invoice in statement["invoices"]
            if invoice["state"] != "paid"
        )
        return Markup(
            "<table class='table table-sm o_cs_unit_statement_table'><thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead>"
            "<tbody>%s</tbody><tfoot><tr><td colspan='4'><strong>%s</strong></td>"
            "<td class='text-end'><strong>%s</strong></td>"
            "<td class='text-end'><strong>%s</strong></td></tr></tfoot></table>"
        ) % (
            escape(env._("Month")),
            escape(env._("Fee Notice")),
            escape(env._("Due Date")),
            escape(env._("Amount")),
            escape(env._("Unpaid")),
            escape(env._("Late Fee Accrued")),
            rows,
            escape(env._("Balance Due")),
            money(statement["balance"]),
            money(statement["late_fee"]),
        )

    def _cs_statement(self, day):
        """The statement of the unit on ``day`` (see cs.api.unit_statement).
        Runs with the caller's rights: call it on a sudo-ed unit from the
        API only."""
        return self._cs_statement_and_late_fees(day)[0]

    def _cs_statement_and_late_fees(self, day):
        """``(statement, {invoice number: late fee})``: the statement of
        ``day`` and the late fees accrued on its fee invoices, whose sum is
        its ``late_fee`` — computed once for screens and notices that print
        both."""
        self.ensure_one()
        currency = self.company_id.currency_id
        moves = self.env["account.move"].search(
            [
                ("cs_unit_id", "=", self.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("invoice_date", "<=", day),
            ],
            order="invoice_date, id",
        )
        billed = balance = 0.0
        overdue = {key: 0.0 for key, _limit in AGING}
        invoices = []
        for move in moves:
            sign = 1 if move.move_type == "out_invoice" else -1
            receivable = move.line_ids.filtered(
                lambda line: line.display_type == "payment_term"
            )
            settled = sum(
                partial.amount
                for partial in receivable.matched_credit_ids
                | receivable.matched_debit_ids
                if partial.max_date <= day
            )
            residual = currency.round(move.amount_total - settled)
            billed += sign * move.amount_total
            balance += sign * residual
            if sign < 0:
                continue
            due = move.invoice_date_due or move.invoice_date
            late = (day - due).days
            if late > 0 and not currency.is_zero(residual):
                for key, limit in AGING:
                    if limit is None or late <= limit:
                        overdue[key] += residual
                        break
            if currency.is_zero(residual):
                state = "paid"
            elif currency.compare_amounts(residual, move.amount_total) < 0:
                state = "partial"
            else:
                state = "not_paid"
            invoices.append(
                {
                    "number": move.name,
                    "period": move.cs_period_start
                    and move.cs_period_start.strftime("%Y-%m")
                    or "",
                    "amount": move.amount_total,
                    "residual": residual,
                    "due_date": due.isoformat(),
                    "state": state,
                }
            )
        # accrued on these invoices up to ``day``, not yet charged
        fee_invoices = moves.filtered(lambda move: move.move_type == "out_invoice")
        # (an empty recordset would compute every invoice of the company)
        late_fees = fee_invoices._cs_late_fee_accrued(day) if fee_invoices else {}
        payer = self.with_context(cs_date=day).payer_id
        prepaid = 0.0
        if payer:
            credits = self.env["account.move.line"].search_fetch(
                [
                    ("partner_id", "=", payer.commercial_partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                    ("payment_id", "!=", False),
                    ("amount_residual", "<", 0),
                    ("date", "<=", day),
                ],
                ["amount_residual"],
            )
            prepaid = -sum(credits.mapped("amount_residual"))
        statement = {
            "unit": self.code,
            "estate": self.estate_id.name,
            "payer": {"id": payer.id or False, "name": payer.name or False},
            "billed": currency.round(billed),
            "paid": currency.round(billed - balance),
            "balance": currency.round(balance),
            "prepaid": currency.round(prepaid),
            "overdue": {key: currency.round(value) for key, value in overdue.items()},
            "late_fee": currency.round(sum(late_fees.values())),
            "invoices": invoices,
        }
        by_number = {
            move.name: late_fees[move.id]
            for move in fee_invoices
            if move.id in late_fees
        }
        return statement, by_number

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Late fees (滞纳金): the table of issue 14 §5 — grace days, cap, partial
payments, no fee on a fee, no day charged twice — the charge by a Fee
Officer, its waiver, the statement and the record rules."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LateFeePolicyCase


@tagged("post_install", "-at_install")
class TestLateFee(LateFeePolicyCase):
    def _invoice(self, lines=None, unit=None, partner=None, due=date(2026, 1, 31)):
        """A posted fee invoice of 2026-01-01, due ``due``; ``lines``:
        [(fee item, amount)], default 1,000.00 of the service fee."""
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or self.owner_1).id,
                "invoice_date": date(2026, 1, 1),
                "invoice_date_due": due,
                "cs_unit_id": (unit or self.unit_1).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": item.product_id.id,
                            "name": item.name,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            "cs_unit_id": (unit or self.unit_1).id,
                            "cs_fee_item_id": item.id,
                        }
                    )
                    for item, amount in (lines or [(self.service_fee, 1000.0)])
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _pay_invoice(self, invoice, amount, day):
        payment = self._pay(invoice.partner_id, amount, day)
        line = payment.move_id.line_ids.filtered(
            lambda l: l.account_id.account_type == "asset_receivable"
        )
        invoice.js_assign_outstanding_line(line.id)

    def _accrued(self, invoice, day):
        return invoice._cs_late_fee_accrued(day).get(invoice.id, 0.0)

    def test_issue_example(self):
        """1,000.00 due 2026-01-31, 10 grace days, 0.05% a day, cap 30%."""
        invoice = self._invoice()
        self.assertEqual(self._accrued(invoice, date(2026, 4, 1)), 25.0)
        self.assertEqual(self._accrued(invoice, date(2029, 1, 1)), 300.0)
        # the whole table, set-based: the model computes every invoice
        everything = self.env["account.move"]._cs_late_fee_accrued(date(2026, 4, 1))
        self.assertEqual(everything[invoice.id], 25.0)

    def test_grace_days(self):
        invoice = self._invoice()
        # the due date and the 10 grace days after it cost nothing
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 1, 31)), {})
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 2, 10)), {})
        # then every day past the due date beyond the grace days: 0.50 a day
        self.assertEqual(self._accrued(invoice, date(2026, 2, 11)), 0.5)
        self.assertEqual(self._accrued(invoice, date(2026, 2, 20)), 5.0)

    def test_cap_reached_exactly(self):
        invoice = self._invoice()
        # 600 late days × 0.50 = 300.00 = the cap; one day more stays 300.00
        day = date(2026, 2, 10).toordinal() + 600
        self.assertEqual(self._accrued(invoice, date.fromordinal(day)), 300.0)
        self.assertEqual(self._accrued(invoice, date.fromordinal(day - 1)), 299.5)
        self.assertEqual(self._accrued(invoice, date.fromordinal(day + 1)), 300.0)

    def test_partial_payment_reduces_principal_from_its_date(self):
        invoice = self._invoice()
        self._pay_invoice(invoice, 400.0, date(2026, 3, 1))
        # 02-11..02-28: 18 days on 1,000 = 9.00; 03-01..04-01: 32 days on
        # 600 = 9.60 (the payment day bears no fee on the amount paid)
        self.assertEqual(self._accrued(invoice, date(2026, 4, 1)), 18.6)
        # as of a day before the payment, the payment does not count yet
        self.assertEqual(self._accrued(invoice, date(2026, 2, 28)), 9.0)
        # the cap stays 30% of the original principal
        self.assertEqual(self._accrued(invoice, date(2036, 1, 1)), 300.0)

    def test_paid_in_full_stops_the_fee(self):
        invoice = self._invoice()
        self._pay_invoice(invoice, 1000.0, date(2026, 2, 21))
        # 02-11..02-20: 10 days = 5.00, owed even though the invoice is paid
        self.assertEqual(self._accrued(invoice, date(2026, 2, 21)), 5.0)
        self.assertEqual(self._accrued(invoice, date(2027, 1, 1)), 5.0)

    def test_payment_before_grace_end(self):
        invoice = self._invoice()
        self._pay_invoice(invoice, 1000.0, date(2026, 2, 5))
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 6, 1)), {})

    def test_fee_items_without_late_fee_are_no_principal(self):
        invoice = self._invoice([(self.service_fee, 1000.0), (self.parking_fee, 500.0)])
        self.parking_fee.late_fee_applies = False
        self.assertEqual(self._accrued(invoice, date(2026, 4, 1)), 25.0)
        # payments reduce the principal first: 500 paid on 03-01 leaves
        # 500 of principal (not 1,000 with the parking fee unpaid)
        self._pay_invoice(invoice, 500.0, date(2026, 3, 1))
        self.assertEqual(self._accrued(invoice, date(2026, 4, 1)), 9.0 + 8.0)
        self.service_fee.late_fee_applies = False
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 4, 1)), {})

    def test_no_policy_no_fee(self):
        invoice = self._invoice()
        self.policy.active = False
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 4, 1)), {})

    def test_charge_no_fee_on_fee_no_double_charge(self):
        invoice = self._invoice()
        wizard = (
            self.env["cs.late.fee.charge"]
            .with_user(self.fee_officer)
            .with_context(active_model="cs.unit", active_ids=self.unit_1.ids)
            .create({"as_of": date(2026, 4, 1)})
        )
        self.assertEqual(wizard.unit_ids, self.unit_1)
        self.assertEqual((wizard.fee_total, wizard.source_count), (25.0, 1))
        action = wizard.action_confirm()
        charged = self.env["account.move"].search(action["domain"])
        self.assertEqual(len(charged), 1)
        self.assertEqual(charged.state, "posted")
        self.assertEqual(charged.cs_unit_id, self.unit_1)
        self.assertEqual(charged.partner_id, self.owner_1)
        self.assertEqual(charged.amount_total, 25.0)
        line = charged.invoice_line_ids
        self.assertEqual(line.cs_late_fee_source_id, invoice)
        self.assertEqual(line.cs_late_fee_to, date(2026, 4, 1))
        self.assertEqual(line.product_id, self.env.ref("cs_property.product_late_fee"))
        self.assertIn("2026-02-11", line.name)
        self.assertEqual(invoice.cs_late_fee_line_ids, line)
        # the same days are never charged twice
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 4, 1)), {})
        again = (
            self.env["cs.late.fee.charge"]
            .with_user(self.fee_officer)
            .create({"as_of": date(2026, 4, 1), "unit_ids": self.unit_1.ids})
        )
        with self.assertRaisesRegex(UserError, "No late fee to charge"):
            again.action_confirm()
        # the next accrual starts the day after: 04-02..04-11 = 5.00
        self.assertEqual(self._accrued(invoice, date(2026, 4, 11)), 5.0)
        # the cap counts what was charged: 300 - 25
        self.assertEqual(self._accrued(invoice, date(2029, 1, 1)), 275.0)
        # no fee on a fee: the late-fee invoice, unpaid for years, accrues nothing
        self.assertEqual(charged._cs_late_fee_accrued(date(2036, 1, 1)), {})
        fees = self.env["account.move"]._cs_late_fee_accrued(date(2036, 1, 1))
        self.assertNotIn(charged.id, fees)
        self.assertEqual(fees[invoice.id], 275.0)

    def test_charge_from_the_invoice_list(self):
        invoice = self._invoice()
        wizard = (
            self.env["cs.late.fee.charge"]
            .with_user(self.fee_officer)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"as_of": date(2026, 2, 20)})
        )
        self.assertEqual(wizard.invoice_ids, invoice)
        self.assertEqual(wizard.fee_total, 5.0)
        # nothing chosen: nothing charged (never the whole company)
        empty = self.env["cs.late.fee.charge"].with_user(self.fee_officer).create({})
        self.assertEqual(empty.fee_total, 0.0)
        with self.assertRaisesRegex(UserError, "Choose estates"):
            empty.action_confirm()

    def test_charge_refuses_future_days_and_other_roles(self):
        invoice = self._invoice()
        with self.assertRaisesRegex(UserError, "future"):
            invoice.with_user(self.fee_officer)._cs_charge_late_fees(date(2099, 1, 1))
        with self.assertRaises(UserError):
            invoice.with_user(self.agent)._cs_charge_late_fees(date(2026, 4, 1))
        with self.assertRaises(AccessError):
            self.env["cs.late.fee.charge"].with_user(self.agent).create(
                {"as_of": date(2026, 4, 1), "unit_ids": self.unit_1.ids}
            )

    def test_waive_a_charged_late_fee(self):
        invoice = self._invoice()
        charged = invoice.with_user(self.fee_officer)._cs_charge_late_fees(
            date(2026, 4, 1)
        )
        # the unit has arrears (the invoice), and the estate grants fee
        # waivers only without arrears: late fees are waivable anyway
        self.assertTrue(self.estate.waiver_without_arrears_only)
        waiver = (
            self.env["cs.waiver"]
            .with_user(self.fee_officer)
            .create(
                {
                    "invoice_id": charged.id,
                    "line_ids": [Command.set(charged.invoice_line_ids.ids)],
                    "mode": "percent",
                    "percent": 100.0,
                    "reason": "民法典第585条：违约金过高，予以减免",
                }
            )
        )
        waiver.action_propose()
        waiver.with_user(self.manager).action_approve()
        self.assertEqual(waiver.state, "approved")
        self.assertEqual(charged.payment_state, "reversed")
        # waived days stay charged: they are not accrued again
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 4, 1)), {})
        self.assertEqual(self._accrued(invoice, date(2026, 4, 11)), 5.0)

    def test_statement_and_api(self):
        self._invoice()
        api = self.env["cs.api"].with_user(self.integration)
        result = api.unit_statement("A-1-1201", "2026-04-01")
        self.assertEqual(result["late_fee"], 25.0)
        self.assertEqual(result["balance"], 1000.0)
        self.assertEqual(
            self.unit_1.with_context(cs_date="2026-04-01").late_fee_accrued, 25.0
        )
        self.assertEqual(api.unit_statement("A-1-1202", "2026-04-01")["late_fee"], 0.0)
        invoices = self.env["account.move"].search(
            [("cs_unit_id", "=", self.unit_1.id)]
        )
        invoices.with_user(self.fee_officer)._cs_charge_late_fees(date(2026, 4, 1))
        # charged: billed, no longer accrued
        result = api.unit_statement("A-1-1201", "2026-04-01")
        self.assertEqual(result["late_fee"], 0.0)
        self.assertEqual(result["billed"], 1025.0)
        self.assertEqual(api.unit_statement("A-1-1201", "2026-04-03")["late_fee"], 1.0)

    def test_policy_rules(self):
        policies = self.env["cs.late.fee.policy"]
        # every employee reads the policy (agents explain it on the phone)
        self.assertEqual(policies.with_user(self.agent).search([]), self.policy)
        with self.assertRaises(AccessError):
            self.policy.with_user(self.agent).write({"daily_rate": 0.001})
        self.policy.with_user(self.fee_officer).write({"grace_days": 15})
        with self.assertRaises(AccessError):
            self.policy.with_user(self.fee_officer).unlink()
        with self.assertRaises(AccessError):
            policies.with_user(self.integration).search([])
        other = self.env["res.company"].create({"name": "Other Property Co."})
        estate = self.env["cs.estate"].create(
            {"name": "Other", "code": "OT", "company_id": other.id}
        )
        foreign = policies.create({"estate_id": estate.id, "daily_rate": 0.0003})
        self.assertNotIn(foreign, policies.with_user(self.fee_officer).search([]))

    def test_fee_notice_shows_the_accrued_late_fee(self):
        self._invoice()
        april = self._invoice(due=date(2026, 4, 30))
        april.button_draft()
        april.invoice_date = date(2026, 4, 1)
        april.action_post()
        report = self.env.ref("cs_property.report_fee_notice")
        html = (
            report.with_user(self.fee_officer)
            ._render_qweb_html(report.id, april.ids)[0]
            .decode()
        )
        self.assertIn("o_cs_notice_late_fee", html)
        self.assertIn("25.00", html)
        # without a policy, no line
        self.policy.active = False
        html = report._render_qweb_html(report.id, april.ids)[0].decode()
        self.assertNotIn("o_cs_notice_late_fee", html)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import FEB, JAN, PropertyCase


@tagged("post_install", "-at_install")
class TestWaiver(PropertyCase):
    def _waiver(self, invoice, **values):
        return (
            self.env["cs.waiver"]
            .with_user(self.fee_officer)
            .create(
                {
                    "invoice_id": invoice.id,
                    "line_ids": [Command.set(invoice.invoice_line_ids.ids)],
                    "reason": "电梯停运两周",
                }
                | values
            )
        )

    def test_waiver_approved_by_manager_as_credit_note(self):
        self._run(JAN)
        invoice = self._lines(self.unit_2).move_id  # 300.00
        waiver = self._waiver(invoice, mode="percent", percent=20)
        waiver.action_propose()
        self.assertEqual(waiver.proposed_by_id, self.fee_officer)
        with self.assertRaises(AccessError):
            waiver.action_approve()
        waiver.with_user(self.manager).with_context(
            cs_today=date(2026, 1, 20)
        ).action_approve()
        refund = waiver.credit_note_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.reversed_entry_id, invoice)
        self.assertEqual(refund.amount_total, 60.0)
        self.assertEqual(refund.invoice_line_ids.cs_unit_id, self.unit_2)
        self.assertEqual(invoice.amount_residual, 240.0)
        self.assertEqual(waiver.approved_by_id, self.manager)
        self.assertIn("电梯停运两周", invoice.message_ids[0].body)
        self.assertIn("CS Manager", invoice.message_ids[0].body)
        # the credit note copied the line's unit, item and period: no clash
        # with the register, and the period is not billed again
        self.assertEqual(self._run(JAN).charge_count, 0)
        statement = (
            self.env["cs.api"]
            .with_user(self.agent)
            .unit_statement("A-1-1202", "2026-01-31")
        )
        self.assertEqual((statement["billed"], statement["balance"]), (240.0, 240.0))

    def test_amount_waiver_and_refusal_with_arrears(self):
        self._run(JAN)
        self._run(FEB)
        invoices = (
            self._lines(self.unit_2).move_id
            | self._lines(self.unit_2, period=FEB).move_id
        )
        feb = invoices.filtered(lambda m: m.cs_period_start == FEB)
        waiver = self._waiver(feb, mode="amount", amount=50)
        # January is overdue on 2026-03-10: this estate waives only without arrears
        with self.assertRaisesRegex(UserError, "has arrears"):
            waiver.with_context(cs_today=date(2026, 3, 10)).action_propose()
        self.estate.waiver_without_arrears_only = False
        waiver.action_propose()
        waiver.with_user(self.manager).action_approve()
        self.assertEqual(waiver.credit_note_id.amount_total, 50.0)
        self.assertEqual(feb.amount_residual, 250.0)

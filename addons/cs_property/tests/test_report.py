# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import JAN, PropertyCase


@tagged("post_install", "-at_install")
class TestFeeNotice(PropertyCase):
    def test_notice_shows_items_and_amount_words(self):
        self.estate.payment_instructions = "工商银行 6222 0000 1111"
        item = self.env["cs.fee.item"].create(
            {"name": "公共能耗费", "method": "fixed", "rate": 1.0}
        )
        table = {
            self.unit_1: (0.05, "伍分"),
            self.unit_2: (10.00, "壹拾元整"),
            self.unit_3: (210.02, "贰佰壹拾元零贰分"),
            self.unit_p: (1000000.10, "壹佰万元壹角"),
        }
        self.env["cs.fee.override"].create(
            [
                {"fee_item_id": item.id, "unit_id": unit.id, "rate": rate}
                for unit, (rate, _words) in table.items()
            ]
        )
        run = self._run(JAN, fee_item_ids=[Command.set(item.ids)])
        action = run.with_user(self.fee_officer).action_print_notices()
        self.assertEqual(
            action["report_name"], "cs_property.report_fee_notice_template"
        )
        invoices = self.env["account.move"].browse(action["context"]["active_ids"])
        self.assertEqual(len(invoices), 4)
        report = self.env.ref("cs_property.report_fee_notice")
        html, _type = report.with_user(self.fee_officer)._render_qweb_html(
            report.id, invoices.ids
        )
        html = html.decode()
        for unit, (rate, words) in table.items():
            with self.subTest(unit=unit.code):
                self.assertIn(unit.code, html)
                invoice = invoices.filtered(lambda m, u=unit: m.cs_unit_id == u)
                self.assertEqual(invoice.amount_total, rate)
                self.assertEqual(invoice._cs_amount_words(), words)
                self.assertIn(words, html)
        self.assertIn("公共能耗费 2026-01", html)
        self.assertIn("工商银行 6222 0000 1111", html)
        self.assertIn("021-61234567", html)

    def test_notice_arrears_and_prepayment(self):
        self._run(JAN)
        self._pay(self.owner_2, 100.0, date(2026, 1, 20))
        self._run(date(2026, 2, 1))
        feb = self._lines(self.unit_2, period=date(2026, 2, 1)).move_id
        # January (300) is unpaid; the 100 paid before February's notice
        # went to February
        self.assertEqual(feb._cs_previous_arrears(), 300.0)
        self.assertEqual(feb._cs_prepayment_used(), 100.0)
        report = self.env.ref("cs_property.report_fee_notice")
        html = report._render_qweb_html(report.id, feb.ids)[0].decode()
        # due: 200 left on February + 300 of January = 500
        self.assertIn("伍佰元整", html)

    def test_receipt_lists_settled_items(self):
        self._run(JAN)
        invoice = self._lines(self.unit_2).move_id
        payment = self._pay(self.owner_2, 300.0, date(2026, 1, 20))
        line = payment.move_id.line_ids.filtered(
            lambda l: l.account_id.account_type == "asset_receivable"
        )
        invoice.js_assign_outstanding_line(line.id)
        report = self.env.ref("cs_property.report_payment_receipt")
        html = report._render_qweb_html(report.id, payment.ids)[0].decode()
        self.assertIn("叁佰元整", html)
        self.assertIn("A-1-1202", html)
        self.assertIn(invoice.name, html)

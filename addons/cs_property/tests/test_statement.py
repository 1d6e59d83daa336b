# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FEB, JAN, PropertyCase


@tagged("post_install", "-at_install")
class TestStatement(PropertyCase):
    def _statement(self, code="A-1-1201", as_of=None, user=None):
        api = self.env["cs.api"].with_user(user or self.integration)
        return api.unit_statement(code, as_of)

    def test_statement_keys_and_aging(self):
        self._run(JAN)
        self._run(FEB)
        # paid in part: 100 on 2026-02-10 against January
        jan = self._lines(self.unit_1).move_id
        payment = self._pay(self.owner_1, 100.0, date(2026, 2, 10))
        line = payment.move_id.line_ids.filtered(
            lambda l: l.account_id.account_type == "asset_receivable"
        )
        jan.js_assign_outstanding_line(line.id)
        result = self._statement(as_of="2026-04-15")
        self.assertEqual(
            set(result),
            {
                "unit",
                "estate",
                "payer",
                "billed",
                "paid",
                "balance",
                "prepaid",
                "overdue",
                "late_fee",
                "invoices",
            },
        )
        self.assertEqual(result["unit"], "A-1-1201")
        self.assertEqual(result["estate"], "浦江花园")
        self.assertEqual(result["payer"], {"id": self.owner_1.id, "name": "张伟"})
        self.assertEqual(result["billed"], 446.86)
        self.assertEqual(result["paid"], 100.0)
        self.assertEqual(result["balance"], 346.86)
        self.assertEqual(result["prepaid"], 0.0)
        # January due 01-31 (74 days late), February due 03-03 (43 days late)
        self.assertEqual(
            result["overdue"],
            {"0-30": 0.0, "31-90": 346.86, "91-365": 0.0, "365+": 0.0},
        )
        self.assertEqual(
            result["invoices"][0],
            {
                "number": jan.name,
                "period": "2026-01",
                "amount": 223.43,
                "residual": 123.43,
                "due_date": "2026-01-31",
                "state": "partial",
            },
        )
        # as of a day before the payment, nothing was paid
        before = self._statement(as_of="2026-02-09")
        self.assertEqual((before["paid"], before["balance"]), (0.0, 446.86))
        self.assertEqual(before["overdue"]["0-30"], 223.43)
        # before February was billed
        self.assertEqual(self._statement(as_of="2026-01-20")["billed"], 223.43)

    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "No unit with code X-9"):
            self._statement("X-9")
        with self.assertRaisesRegex(ValidationError, "unit_code"):
            self._statement("")
        with self.assertRaisesRegex(ValidationError, "unit_code"):
            self._statement(42)
        with self.assertRaisesRegex(ValidationError, "as_of"):
            self._statement(as_of="15/01/2026")
        with self.assertRaisesRegex(ValidationError, "as_of"):
            self._statement(as_of=20260115)
        with self.assertRaises(AccessError):
            self._statement(user=self.owner_portal_user())

    def test_integration_sees_only_its_companies(self):
        other = self.env["res.company"].create({"name": "Other Property Co"})
        estate = self.env["cs.estate"].create(
            {"name": "Other", "code": "OT", "company_id": other.id}
        )
        building = self.env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        self.env["cs.unit"].create({"building_id": building.id, "code": "OT-1"})
        with self.assertRaisesRegex(UserError, "No unit with code OT-1"):
            self._statement("OT-1")

    def test_prepayment_is_offset_oldest_first(self):
        early = self._pay(self.owner_2, 200.0, date(2025, 12, 20))
        late = self._pay(self.owner_2, 500.0, date(2025, 12, 28))
        self.assertEqual(self._statement("A-1-1202", "2025-12-31")["prepaid"], 700.0)
        self._run(JAN)
        invoice = self._lines(self.unit_2).move_id
        self.assertEqual(invoice.payment_state, "paid")  # 300 of 700
        self.assertTrue(early.move_id.line_ids.filtered("reconciled"))
        self.assertFalse(late.is_reconciled)
        result = self._statement("A-1-1202", "2026-01-31")
        self.assertEqual((result["balance"], result["prepaid"]), (0.0, 400.0))
        self.assertEqual(invoice._cs_prepayment_used(), 300.0)
        # February uses the rest of the later payment
        self._run(FEB)
        result = self._statement("A-1-1202", "2026-02-28")
        self.assertEqual((result["balance"], result["prepaid"]), (0.0, 100.0))

    def owner_portal_user(self):
        return self.env["res.users"].create(
            {
                "name": "张伟",
                "login": "owner_portal",
                "partner_id": self.owner_1.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )

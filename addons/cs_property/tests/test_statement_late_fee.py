# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The late fee accrued on each overdue fee notice (issue 14 §5), shown on
the unit's statement screen, the fee notice (收费通知单) and the written
notice (催缴通知书); cs.api.unit_statement keeps its shape."""

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_collection import CollectionCase
from .test_late_fee_manager import LateFeeCase

AS_OF = date(2026, 4, 1)


def _row(html, number, marker=""):
    """The <tr> of the statement row of fee notice ``number`` (holding
    ``marker``: the written notice also prints upstream's summary table)."""
    rows = re.findall(r"<tr[^>]*>.*?</tr>", html, re.DOTALL)
    found = [row for row in rows if number in row and marker in row]
    assert len(found) == 1, (number, found)
    return found[0]


@tagged("post_install", "-at_install")
class TestStatementLateFee(LateFeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 1,000.00 due 01-31: 02-11..04-01 = 50 days x 0.05% = 25.00
        cls.january = cls._invoice(cls)
        # 500.00 due 02-28: 03-11..04-01 = 22 days x 0.05% = 5.50
        cls.february = cls._invoice(
            cls, 500.0, due=date(2026, 2, 28), day=date(2026, 2, 1)
        )

    def test_fee_per_invoice(self):
        fees = self.unit_1._cs_late_fee_by_invoice(AS_OF)
        self.assertEqual(fees, {self.january.name: 25.0, self.february.name: 5.5})
        # their sum is the statement's total
        statement = self.unit_1._cs_statement(AS_OF)
        self.assertEqual(statement["late_fee"], 30.5)
        # within the grace days: no fee, no row
        self.assertEqual(
            self.unit_1._cs_late_fee_by_invoice(date(2026, 3, 10)),
            {self.january.name: 14.0},
        )

    def test_api_shape_unchanged(self):
        result = (
            self.env["cs.api"]
            .with_user(self.integration)
            .unit_statement("A-1-1201", AS_OF.isoformat())
        )
        self.assertEqual(result["late_fee"], 30.5)
        for row in result["invoices"]:
            self.assertEqual(
                set(row),
                {"number", "period", "amount", "residual", "due_date", "state"},
            )

    def test_statement_screen(self):
        unit = self.unit_1.with_user(self.fee_officer).with_context(cs_date=AS_OF)
        html = str(unit.cs_statement_html)
        self.assertIn("25.00", _row(html, self.january.name))
        self.assertIn("5.50", _row(html, self.february.name))
        self.assertIn("1,000.00", _row(html, self.january.name))
        self.assertIn("30.50", html.split("<tfoot>")[1])
        # a charged fee leaves the accrued column
        self.january.with_user(self.fee_officer)._cs_charge_late_fees(AS_OF)
        unit.invalidate_recordset()
        html = str(unit.cs_statement_html)
        self.assertNotIn("25.00", _row(html, self.january.name))
        self.assertIn("5.50", _row(html, self.february.name))
        # the statement is the fee desk's and the supervisors', not an agent's
        with self.assertRaises(AccessError):
            self.unit_1.with_user(self.agent).read(["cs_statement_html"])
        self.assertTrue(self.unit_1.with_user(self.supervisor).cs_statement_html)

    def test_fee_notice_rows(self):
        april = self._invoice(200.0, due=date(2026, 4, 30), day=AS_OF)
        report = self.env.ref("cs_property.report_fee_notice")
        html = (
            report.with_user(self.fee_officer)
            ._render_qweb_html(report.id, april.ids)[0]
            .decode()
        )
        self.assertIn("25.00", _row(html, f"Late fee on <span>{self.january.name}"))
        self.assertIn("5.50", _row(html, f"Late fee on <span>{self.february.name}"))
        # April's own notice is not late: no row for it
        self.assertNotIn(f"Late fee on <span>{april.name}", html)


@tagged("post_install", "-at_install")
class TestNoticeLateFeeRows(CollectionCase):
    def test_written_notice_rows(self):
        self.env["cs.late.fee.policy"].create(
            {"estate_id": self.estate.id, "daily_rate": 0.0005, "grace_days": 10}
        )
        self._crun(self.inv_1.invoice_date_due + relativedelta(days=16))
        lines = self._live(invoice_id=self.inv_1.id)
        comms = self.env[
            "credit.control.communication"
        ]._generate_comm_from_credit_lines(lines)
        comms.report_date = AS_OF
        days = (AS_OF - self.inv_1.invoice_date_due).days - 10
        expected = round(self.inv_1.amount_total * 0.0005 * days, 2)
        self.assertGreater(expected, 0.0)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "account_credit_control.report_credit_control_summary", comms.ids
            )[0]
        )
        row = _row(html, self.inv_1.name, "o_cs_row_late_fee")
        self.assertIn(f"{expected:,.2f}", row)
        self.assertIn("Late Fee Accrued", html)


@tagged("post_install", "-at_install")
class TestPortalLateFeeRows(HttpCase):
    def test_owner_sees_the_fee_of_each_notice(self):
        env = self.env
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", env.company, install_demo=False
            )
        estate = env["cs.estate"].create({"name": "Fee Garden", "code": "FEEG"})
        building = env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        unit = env["cs.unit"].create({"building_id": building.id, "code": "FEEG-1"})
        owner = env["res.partner"].create({"name": "Late Owner"})
        env["cs.unit.occupancy"].create(
            {
                "unit_id": unit.id,
                "partner_id": owner.id,
                "is_payer": True,
                "date_from": date(2019, 1, 1),
            }
        )
        item = env["cs.fee.item"].create(
            {"name": "物业服务费", "method": "fixed", "rate": 1.0}
        )
        env["cs.late.fee.policy"].create(
            {"estate_id": estate.id, "daily_rate": 0.0005, "grace_days": 10}
        )
        # unpaid since 2020: the fee has long reached its cap (30 %), whatever
        # the day the test runs
        old, recent = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": owner.id,
                    "invoice_date": day,
                    "invoice_date_due": day + relativedelta(days=30),
                    "cs_unit_id": unit.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": item.product_id.id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "cs_unit_id": unit.id,
                                "cs_fee_item_id": item.id,
                            }
                        )
                    ],
                }
                for day, amount in (
                    (date(2020, 1, 1), 1000.0),
                    (date(2020, 2, 1), 10.0),
                )
            ]
        )
        (old | recent).action_post()
        new_test_user(
            env,
            login="late_owner",
            password="late_owner",
            groups="base.group_portal",
            partner_id=owner.id,
        )
        self.authenticate("late_owner", "late_owner")
        page = self.url_open("/my/units").text
        self.assertIn("300.00", _row(page, old.name, "o_cs_row_late_fee"))
        self.assertIn("3.00", _row(page, recent.name, "o_cs_row_late_fee"))
        self.assertIn("303.00", page)

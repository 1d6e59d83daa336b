# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Arrears aging (pivot and 《欠费明细表》), collection rates (《收费率统计表》)
and the Fee Officer card of the dashboard; workbooks opened with openpyxl."""

import io
from datetime import date, timedelta

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestArrearsReport(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The aging counts on the database's date: invoices due relative to it.
        cls.env.cr.execute("SELECT CURRENT_DATE")
        cls.today = cls.env.cr.fetchone()[0]

    def _invoice(self, unit, partner, amount, due, invoice_date=None):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date or due - timedelta(days=30),
                "invoice_date_due": due,
                "cs_unit_id": unit.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.service_fee.product_id.id,
                            "name": "物业服务费",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            "cs_unit_id": unit.id,
                            "cs_fee_item_id": self.service_fee.id,
                        }
                    )
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

    def _aging_data(self):
        days = self.today
        self._invoice(self.unit_1, self.owner_1, 100.0, days - timedelta(days=10))
        self._invoice(self.unit_1, self.owner_1, 200.0, days - timedelta(days=60))
        self._invoice(self.unit_2, self.owner_2, 300.0, days - timedelta(days=200))
        self._invoice(self.unit_3, self.owner_3, 400.0, days - timedelta(days=400))
        # paid in full: not in arrears; not yet due: not in arrears
        paid = self._invoice(self.unit_3, self.owner_3, 50.0, days - timedelta(days=5))
        self._pay_invoice(paid, 50.0, days)
        self._invoice(self.unit_2, self.owner_2, 70.0, days + timedelta(days=5))

    def _book(self, report, estates, data=None, user=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.fee_officer)
            ._render_xlsx(report, estates.ids, data)
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content)).active

    def test_aging_pivot(self):
        self._aging_data()
        Report = self.env["cs.arrears.report"].with_user(self.fee_officer)
        (row,) = Report._read_group(
            [("estate_id", "=", self.estate.id)],
            [],
            [
                "amount_0_30:sum",
                "amount_31_90:sum",
                "amount_91_365:sum",
                "amount_365:sum",
                "amount_residual:sum",
            ],
        )
        self.assertEqual(row, (100.0, 200.0, 300.0, 400.0, 1000.0))
        by_building = dict(
            Report._read_group(
                [("estate_id", "=", self.estate.id)],
                ["building_id"],
                ["amount_residual:sum"],
            )
        )
        self.assertEqual(by_building, {self.building_a: 600.0, self.building_b: 400.0})
        aging = dict(
            Report._read_group(
                [("unit_id", "=", self.unit_1.id)], ["aging"], ["amount_residual:sum"]
            )
        )
        self.assertEqual(aging, {"0-30": 100.0, "31-90": 200.0})
        # agents and portal users do not read the arrears
        with self.assertRaises(AccessError):
            self.env["cs.arrears.report"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.env["cs.arrears.report"].with_user(self.integration).search([])

    def test_arrears_workbook_cell_by_cell(self):
        self._aging_data()
        self.env["cs.late.fee.policy"].create(
            {"estate_id": self.estate.id, "daily_rate": 0.001, "grace_days": 0}
        )
        sheet = self._book("cs_property.arrears_xlsx", self.estate)
        self.assertEqual(sheet["A1"].value, "Arrears Detail Report")
        self.assertTrue(sheet["A2"].value.startswith("Statistics Period: as of"))
        self.assertEqual(
            [cell.value for cell in sheet[4]],
            [
                "Estate",
                "Building",
                "Unit",
                "Payer",
                "Overdue Invoices",
                "Max Days Overdue",
                "0-30 days",
                "31-90 days",
                "91-365 days",
                "Over 365 days",
                "Total Arrears",
                "Late Fees Accrued",
            ],
        )
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
        # late fee: 0.1% a day on the unpaid amount, capped at 30%
        self.assertEqual(
            rows,
            [
                ["浦江花园", "A", "A-1-1201", "张伟", 2, 60, 100.0, 200.0, 0.0, 0.0]
                + [300.0, 1.0 + 12.0],
                ["浦江花园", "A", "A-1-1202", "李娜", 1, 200, 0.0, 0.0, 300.0, 0.0]
                + [300.0, 60.0],
                # 120.00 (the cap) + 0.20: the invoice paid today, 5 days
                # after its due date, owes 4 days of late fee
                ["浦江花园", "B", "B-1-101", "王芳", 1, 400, 0.0, 0.0, 0.0, 400.0]
                + [400.0, 120.2],
                ["Total", None, None, None, 4, None, 100.0, 200.0, 300.0, 400.0]
                + [1000.0, 193.2],
            ],
        )
        self.assertEqual(sheet["G5"].number_format, "#,##0.00")
        self.assertTrue(sheet["A8"].font.b)  # the totals row
        with self.assertRaises(AccessError):
            self._book("cs_property.arrears_xlsx", self.estate, user=self.agent)

    def test_collection_rates(self):
        jan = self._invoice(
            self.unit_1, self.owner_1, 1000.0, date(2026, 1, 31), date(2026, 1, 1)
        )
        feb = self._invoice(
            self.unit_2, self.owner_2, 500.0, date(2026, 2, 28), date(2026, 2, 1)
        )
        self._pay_invoice(jan, 600.0, date(2026, 1, 20))
        self._pay_invoice(jan, 200.0, date(2026, 2, 10))
        self._pay_invoice(feb, 500.0, date(2026, 2, 15))
        rates = self.env["cs.collection.report"]._cs_rates(
            self.estate, date(2026, 1, 1), date(2026, 3, 31)
        )
        self.assertEqual(
            [
                (
                    row["month"],
                    row["billed"],
                    row["collected"],
                    row["current_rate"],
                    row["arrears_start"],
                    row["recovered"],
                    row["recovery_rate"],
                )
                for row in rates
            ],
            [
                (date(2026, 1, 1), 1000.0, 600.0, 60.0, 0.0, 0.0, 0.0),
                (date(2026, 2, 1), 500.0, 500.0, 100.0, 400.0, 200.0, 50.0),
                (date(2026, 3, 1), 0.0, 0.0, 0.0, 200.0, 0.0, 0.0),
            ],
        )
        sheet = self._book(
            "cs_property.collection_xlsx",
            self.estate,
            data={"date_from": "2026-01-01", "date_to": "2026-02-28"},
        )
        self.assertEqual(sheet["A1"].value, "Collection Rate Report")
        self.assertEqual(
            sheet["A2"].value, "Statistics Period: 2026-01-01 to 2026-02-28"
        )
        self.assertEqual(
            [cell.value for cell in sheet[4]],
            [
                "Estate",
                "Month",
                "Billed",
                "Collected in the Period",
                "Current-Period Collection Rate",
                "Arrears at Start",
                "Arrears Recovered",
                "Arrears Recovery Rate",
            ],
        )
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0][0], "浦江花园")
        self.assertEqual(rows[0][1].date(), date(2026, 1, 1))
        self.assertEqual(sheet["B5"].number_format, "yyyy-mm")
        self.assertEqual(sheet["E5"].number_format, "0.0%")
        # rates as fractions in percentage format
        self.assertEqual(rows[0][2:], [1000.0, 600.0, 0.6, 0.0, 0.0, 0.0])
        self.assertEqual(rows[1][2:], [500.0, 500.0, 1.0, 400.0, 200.0, 0.5])

    def test_waiver_lowers_the_billing(self):
        jan = self._invoice(
            self.unit_1, self.owner_1, 1000.0, date(2026, 1, 31), date(2026, 1, 1)
        )
        self.estate.waiver_without_arrears_only = False
        waiver = self.env["cs.waiver"].create(
            {
                "invoice_id": jan.id,
                "line_ids": [Command.set(jan.invoice_line_ids.ids)],
                "mode": "amount",
                "amount": 200.0,
                "reason": "空置减免",
            }
        )
        waiver.action_propose()
        waiver.with_user(self.manager).with_context(
            cs_today=date(2026, 1, 15)
        ).action_approve()
        self._pay_invoice(jan, 400.0, date(2026, 1, 20))
        (row,) = self.env["cs.collection.report"]._cs_rates(
            self.estate, date(2026, 1, 1), date(2026, 1, 31)
        )
        self.assertEqual((row["billed"], row["collected"]), (800.0, 400.0))
        self.assertEqual(row["current_rate"], 50.0)

    def test_dashboard_card(self):
        self._aging_data()
        data = (
            self.env["cs.helpdesk.dashboard"].with_user(self.fee_officer).get_data(30)
        )
        fees = data["fees"]
        self.assertEqual(fees["arrears"], 1000.0)
        self.assertEqual(fees["units"], 3)
        self.assertEqual(fees["ages"], [100.0, 200.0, 300.0, 400.0])
        self.assertEqual(fees["month"], self.today.strftime("%Y-%m"))
        self.assertIn("current_rate", fees)
        # a Fee Officer without helpdesk rights gets the card, no tickets
        self.assertEqual(data["teams"], [])
        self.assertEqual(
            self.env["cs.helpdesk.dashboard"]
            .with_user(self.supervisor)
            .get_data(30)["fees"],
            {},
        )
        self.assertMenuVisible(self.fee_officer, "cs_property.cs_fee_dashboard_menu")
        self.assertMenuVisible(self.fee_officer, "cs_property.cs_arrears_report_menu")


@tagged("post_install", "-at_install")
class TestFeeDashboardTour(HttpCase):
    def test_fee_officer_opens_the_aging_from_the_card(self):
        officer = new_test_user(
            self.env,
            login="cs_tour_fee_officer",
            name="Tour Fee Officer",
            groups="cs_callcenter.group_fee_officer",
        )
        company = self.env.company
        if not company.chart_template:
            self.env["account.chart.template"].try_loading(
                "generic_coa", company, install_demo=False
            )
        estate = self.env["cs.estate"].create({"name": "看板花园", "code": "KB"})
        building = self.env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        unit = self.env["cs.unit"].create(
            {"building_id": building.id, "code": "KB-1", "area": 80}
        )
        partner = self.env["res.partner"].create({"name": "钱多多"})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date.today() - timedelta(days=60),
                "invoice_date_due": date.today() - timedelta(days=40),
                "cs_unit_id": unit.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "物业服务费", "quantity": 1, "price_unit": 1000.0}
                    )
                ],
            }
        )
        invoice.action_post()
        self.start_tour(
            "/odoo/action-cs_property.cs_fee_dashboard_action",
            "cs_property_fee_dashboard",
            login=officer.login,
        )

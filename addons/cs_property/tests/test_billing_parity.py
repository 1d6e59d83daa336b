# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A billing run's invoice is the invoice Odoo makes of the same values.

The run creates and posts its invoices in batches with shortcuts (amounts
of untaxed lines and the analytic distribution given, the journal and the
sequence format looked up once, the customers subscribed at once, posting
without re-synchronising the lines). Each test here makes, with Odoo's
ordinary ``create()`` and ``action_post()`` and nothing else, an invoice of
the same customer, lines and dates as one of the run's, and compares every
stored field of the invoice and of its journal items, so that no shortcut
can drift from what Odoo itself produces."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import FEB, JAN, PropertyCase

# differ between two invoices by construction: identity, number, timestamps
# and the run that made it
MOVE_SKIP = {
    "id",
    "name",
    "sequence_number",
    "payment_reference",
    "create_date",
    "create_uid",
    "write_date",
    "write_uid",
    "cs_billing_run_id",
    "message_main_attachment_id",
}
LINE_SKIP = {
    "id",
    "move_id",
    "move_name",
    "create_date",
    "create_uid",
    "write_date",
    "write_uid",
    # P<partial id> / a full reconcile's name: compared as present or not
    "matching_number",
}


def _value(record, field):
    value = record[field.name]
    if field.type == "many2one":
        return value.id
    if field.type in ("one2many", "many2many"):
        return sorted(value.ids)
    return value


def stored_values(record, skip, name=None):
    """Every stored field of ``record`` but ``skip``; the invoice's number
    (``name``) replaced wherever it is repeated (the receivable's label)."""
    values = {}
    for fname, field in record._fields.items():
        if not field.store or fname in skip or field.type == "one2many":
            continue
        value = _value(record, field)
        if name and isinstance(value, str):
            value = value.replace(name, "<number>")
        values[fname] = value
    if "matching_number" in skip and "matching_number" in record._fields:
        values["matching_number"] = bool(record.matching_number)
    return values


@tagged("post_install", "-at_install")
class TestBillingParity(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vat = cls.env["account.tax"].create(
            {
                "name": "增值税 6%",
                "amount": 6.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": cls.company.id,
            }
        )
        residential = cls.env.ref("cs_property.cs_unit_type_residential")
        # a taxed item beside the untaxed service fee (area × rate: rounding)
        cls.energy_fee = cls.env["cs.fee.item"].create(
            {
                "name": "公共能耗费",
                "method": "area",
                "rate": 1.15,
                "unit_type_ids": [Command.set(residential.ids)],
                "tax_ids": [Command.set(cls.vat.ids)],
            }
        )

    def _invoice(self, unit, period=JAN):
        return self._lines(unit, period).move_id

    def _odoo_invoice(self, invoice, post=True):
        """Odoo's own invoice of the run's customer, dates and line inputs."""
        lines = invoice.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": invoice.partner_id.id,
                "invoice_date": invoice.invoice_date,
                "invoice_date_due": invoice.invoice_date_due,
                "cs_unit_id": invoice.cs_unit_id.id,
                "cs_period_start": invoice.cs_period_start,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "name": line.name,
                            "quantity": line.quantity,
                            "price_unit": line.price_unit,
                            "tax_ids": [Command.set(line.tax_ids.ids)],
                            "cs_unit_id": line.cs_unit_id.id,
                            "cs_fee_item_id": line.cs_fee_item_id.id,
                            "cs_period_start": line.cs_period_start,
                        }
                    )
                    for line in lines
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _line_key(self, line):
        return (
            line.display_type,
            line.product_id.id,
            line.tax_line_id.id,
            line.name.replace(line.move_id.name or "", "") if line.name else "",
        )

    def assertSameInvoice(self, run_invoice, odoo_invoice):
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            stored_values(run_invoice, MOVE_SKIP),
            stored_values(odoo_invoice, MOVE_SKIP),
        )
        run_lines = run_invoice.line_ids.sorted(self._line_key)
        odoo_lines = odoo_invoice.line_ids.sorted(self._line_key)
        self.assertEqual(len(run_lines), len(odoo_lines))
        for run_line, odoo_line in zip(run_lines, odoo_lines, strict=True):
            self.assertEqual(
                stored_values(run_line, LINE_SKIP, run_invoice.name),
                stored_values(odoo_line, LINE_SKIP, odoo_invoice.name),
                f"{run_line.display_type} line {run_line.name}",
            )
        # the customer follows both, with the same subtypes
        self.assertEqual(
            {
                (f.partner_id, f.subtype_ids)
                for f in run_invoice.message_follower_ids
                if f.partner_id == run_invoice.partner_id
            },
            {
                (f.partner_id, f.subtype_ids)
                for f in odoo_invoice.message_follower_ids
                if f.partner_id == odoo_invoice.partner_id
            },
        )

    def test_posted_invoices_equal_odoo_invoices(self):
        # the run's numbering shortcut is on here (account's own rules)
        self.assertTrue(self.env["account.move"]._cs_plain_numbering())
        ranks_before = {p: p.customer_rank for p in self.owner_1 | self.owner_2}
        run = self._run()
        self.assertEqual(run.invoice_count, 4)
        invoices = self._lines().move_id.sorted("id")
        # a taxed and an untaxed line; untaxed lines only (parking)
        mixed, parking = self._invoice(self.unit_1), self._invoice(self.unit_p)
        self.assertEqual(len(mixed.invoice_line_ids), 2)
        # 223.43 + 89.37 × 1.15 (102.7755)
        self.assertEqual(mixed.amount_untaxed, 326.21)
        self.assertEqual(mixed.amount_tax, 6.17)
        self.assertEqual(parking.amount_tax, 0.0)
        # Odoo's ranks: one per invoice
        self.assertEqual(self.owner_1.customer_rank, ranks_before[self.owner_1] + 2)
        self.assertEqual(self.owner_2.customer_rank, ranks_before[self.owner_2] + 1)
        # consecutive numbers in the order Odoo numbers them
        self.assertEqual(len(set(invoices.mapped("sequence_prefix"))), 1)
        numbers = invoices.mapped("sequence_number")
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 4)))
        for invoice in (mixed, parking):
            with self.subTest(unit=invoice.cs_unit_id.code):
                reference = self._odoo_invoice(invoice)
                self.assertEqual(reference.sequence_prefix, invoice.sequence_prefix)
                self.assertEqual(
                    reference.sequence_number,
                    max(
                        self.env["account.move"]
                        .browse(invoices.ids)
                        .mapped("sequence_number")
                    )
                    + 1,
                )
                invoices |= reference
                self.assertSameInvoice(invoice, reference)

    def test_draft_invoices_equal_odoo_drafts(self):
        self._run(post_invoices=False)
        for unit in (self.unit_1, self.unit_p):
            invoice = self._invoice(unit)
            self.assertEqual(invoice.state, "draft")
            reference = self._odoo_invoice(invoice, post=False)
            self.assertSameInvoice(invoice, reference)

    def test_prepayment_offset_equals_odoo(self):
        """A payment received before the bill settles the run's invoice as
        it settles Odoo's own (the offset on posting)."""
        self._pay(self.owner_2, 1000.0, date(2025, 12, 20))
        self._run()
        invoice = self._invoice(self.unit_2)
        self.assertEqual(invoice.amount_residual, 0.0)
        reference = self._odoo_invoice(invoice)
        self.assertEqual(reference.amount_residual, 0.0)
        self.assertSameInvoice(invoice, reference)
        # what is left of the payment goes to the next month's invoice
        self._run(FEB)
        february = self._invoice(self.unit_2, FEB)
        self.assertEqual(february.payment_state, "partial")
        left = 1000.0 - 2 * invoice.amount_total  # after January's two
        self.assertAlmostEqual(february.amount_residual, february.amount_total - left)

    def test_analytic_distribution_equals_odoo(self):
        """With an analytic distribution model, the run leaves the
        distribution to Odoo, line by line."""
        plan = self.env["account.analytic.plan"].create({"name": "物业"})
        account = self.env["account.analytic.account"].create(
            {"name": "浦江花园", "plan_id": plan.id, "company_id": self.company.id}
        )
        self.env["account.analytic.distribution.model"].create(
            {
                "product_id": self.service_fee.product_id.id,
                "analytic_distribution": {str(account.id): 100},
                "company_id": self.company.id,
            }
        )
        self._run()
        invoice = self._invoice(self.unit_1)
        service = invoice.invoice_line_ids.filtered(
            lambda line: line.cs_fee_item_id == self.service_fee
        )
        self.assertEqual(service.analytic_distribution, {str(account.id): 100.0})
        self.assertSameInvoice(invoice, self._odoo_invoice(invoice))
        # without any model: no distribution, as Odoo computes it
        self.env["account.analytic.distribution.model"].search([]).unlink()
        self._run(FEB)
        february = self._invoice(self.unit_1, FEB)
        self.assertFalse(february.invoice_line_ids.mapped("analytic_distribution")[0])
        self.assertSameInvoice(february, self._odoo_invoice(february))

    def test_invoice_date_in_locked_period(self):
        """An invoice dated in a locked period is posted the ordinary way
        (Odoo moves its accounting date)."""
        # where Odoo moves the date depends on the journal's last number:
        # one invoice before, so that the run's and Odoo's see the same
        first = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.owner_3.id,
                "invoice_date": date(2026, 1, 5),
                "invoice_line_ids": [
                    Command.create({"name": "押金", "quantity": 1, "price_unit": 50})
                ],
            }
        )
        first.action_post()
        self.company.fiscalyear_lock_date = date(2026, 1, 15)
        self._run(invoice_date=date(2026, 1, 10))
        invoice = self._invoice(self.unit_1)
        self.assertEqual(invoice.state, "posted")
        self.assertGreater(invoice.date, date(2026, 1, 15))
        self.assertSameInvoice(invoice, self._odoo_invoice(invoice))
        self.assertEqual(invoice.invoice_date, date(2026, 1, 10))

    # -- untaxed invoices of every kind of item ---------------------------------
    def _untaxed_setup(self):
        """Untaxed items only, of every kind the run bills: by area (units of
        different areas), fixed, metered (a reading for one unit), with a
        vacancy discount (unit 2 vacant) and an override (unit 3)."""
        self.unit_2.status = "vacant"
        self.service_fee.write({"vacant_policy": "discount", "vacant_discount": 30})
        cleaning = self.env["cs.fee.item"].create(
            {"name": "垃圾清运费", "method": "fixed", "rate": 15.0}
        )
        water = self.env["cs.fee.item"].create(
            {"name": "水费", "method": "metered", "rate": 3.45, "uom_label": "m³"}
        )
        meter = self.env["cs.meter"].create(
            {
                "name": "W-0001",
                "unit_id": self.unit_1.id,
                "fee_item_id": water.id,
                "initial_value": 100,
                "date_installed": date(2025, 12, 1),
            }
        )
        self.env["cs.meter.reading"].create(
            {"meter_id": meter.id, "date": date(2026, 1, 31), "value": 112.7}
        )
        self.env["cs.fee.override"].create(
            {
                "unit_id": self.unit_3.id,
                "fee_item_id": self.service_fee.id,
                "rate": 1.99,
                "date_from": date(2025, 1, 1),
            }
        )
        return self.service_fee | self.parking_fee | cleaning | water

    def test_untaxed_invoices_equal_odoo_invoices(self):
        items = self._untaxed_setup()
        # a prepayment, enough for the run's invoice and Odoo's
        self._pay(self.owner_2, 1000.0, date(2025, 12, 20))
        run = self._run(fee_item_ids=[Command.set(items.ids)])
        self.assertEqual(run.invoice_count, 4)
        invoices = self._lines().move_id
        self.assertEqual(set(invoices.mapped("amount_tax")), {0.0})
        water = self._lines(self.unit_1).filtered(
            lambda line: line.cs_fee_item_id.method == "metered"
        )
        self.assertAlmostEqual(water.quantity, 12.7)
        vacant = self._invoice(self.unit_2)
        self.assertEqual(vacant.amount_total, 225.0)  # 120 × 2.5 × 70 % + 15
        self.assertEqual(vacant.amount_residual, 0.0)
        for invoice in invoices.sorted("id"):
            with self.subTest(unit=invoice.cs_unit_id.code):
                self.assertEqual(invoice.state, "posted")
                self.assertSameInvoice(invoice, self._odoo_invoice(invoice))

    def test_untaxed_drafts_equal_odoo_drafts(self):
        items = self._untaxed_setup()
        self._run(fee_item_ids=[Command.set(items.ids)], post_invoices=False)
        invoices = self._lines().move_id
        for invoice in invoices.sorted("id"):
            with self.subTest(unit=invoice.cs_unit_id.code):
                self.assertEqual(invoice.state, "draft")
                self.assertSameInvoice(invoice, self._odoo_invoice(invoice, post=False))

    def test_payer_with_payment_terms_equals_odoo(self):
        """A payer with payment terms (installments): the run leaves the
        receivable lines to Odoo."""
        self.owner_1.property_payment_term_id = self.env["account.payment.term"].create(
            {
                "name": "两期",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 30}
                    ),
                ],
            }
        )
        self._run(fee_item_ids=[Command.set(self.parking_fee.ids)])
        invoice = self._invoice(self.unit_p)
        terms = invoice.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )
        self.assertEqual(len(terms), 2)
        self.assertSameInvoice(invoice, self._odoo_invoice(invoice))

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FEB, JAN, PropertyCase


@tagged("post_install", "-at_install")
class TestBillingRun(PropertyCase):
    def test_run_bills_each_unit_once_per_item(self):
        run = self._run()
        self.assertEqual(run.state, "done")
        self.assertEqual((run.invoice_count, run.charge_count), (4, 4))
        lines = self._lines()
        by_unit = {line.cs_unit_id: line for line in lines}
        # area × rate, rounded to the cent: 89.37 × 2.5 = 223.425 -> 223.43
        self.assertEqual(by_unit[self.unit_1].price_subtotal, 223.43)
        self.assertEqual(by_unit[self.unit_1].cs_fee_item_id, self.service_fee)
        self.assertEqual(by_unit[self.unit_2].price_subtotal, 300.0)
        self.assertEqual(by_unit[self.unit_p].price_subtotal, 150.0)
        self.assertEqual(by_unit[self.unit_p].cs_fee_item_id, self.parking_fee)
        invoice = by_unit[self.unit_1].move_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.owner_1)
        self.assertEqual(invoice.cs_unit_id, self.unit_1)
        self.assertEqual(invoice.invoice_date_due, date(2026, 1, 31))
        # one invoice per payer AND unit: owner 1 pays two units
        self.assertEqual(
            len(lines.filtered(lambda l: l.move_id.partner_id == self.owner_1).move_id),
            2,
        )
        charges = self.env["cs.charge"].search([("run_id", "=", run.id)])
        self.assertEqual(charges.move_line_id, lines)
        self.assertEqual(set(charges.mapped("state")), {"posted"})

    def test_second_run_creates_nothing(self):
        self._run()
        again = self._run()
        self.assertEqual((again.invoice_count, again.charge_count), (0, 0))
        self.assertEqual(again.skipped_count, 4)
        self.assertEqual(len(self._lines()), 4)
        # the next month is billed
        self._run(FEB)
        self.assertEqual(len(self._lines(period=FEB)), 4)

    def test_rerun_passes_billed_units_at_once(self):
        """Units with nothing left to bill are passed over in one go,
        whatever the batch size; a unit with a charge left is billed."""
        self._run()
        invoice = self._lines(self.unit_2).move_id
        invoice.button_draft()
        invoice.button_cancel()  # frees unit 2's January
        run = self.env["cs.billing.run"].create(
            {
                "period_start": JAN,
                "estate_ids": [Command.set(self.estate.ids)],
                "batch_size": 1,
            }
        )
        run._cs_start()
        # unit 1 passed over (billed), unit 2 billed as the batch
        self.assertTrue(run._cs_run_batch())
        self.assertEqual(
            (run.units_done, run.skipped_count, run.charge_count), (2, 1, 1)
        )
        self.assertEqual(run.last_unit_id, self.unit_2.id)
        # units 3 and P: billed; the run ends in this call
        self.assertFalse(run._cs_run_batch())
        self.assertEqual((run.units_done, run.skipped_count, run.state), (4, 3, "done"))
        self.assertEqual(run.charge_count, 1)

    def test_interrupted_run_resumes(self):
        run = self.env["cs.billing.run"].create(
            {
                "period_start": JAN,
                "estate_ids": [Command.set(self.estate.ids)],
                "batch_size": 3,
            }
        )
        run._cs_start()
        self.assertTrue(run._cs_run_batch())  # then the worker dies
        self.assertEqual((run.units_done, run.charge_count), (3, 3))
        # a new run of the same period while the first one hangs
        other = self._run()
        self.assertEqual((other.charge_count, other.skipped_count), (1, 3))
        # the first run resumes after its last batch: nothing left to bill
        run.action_run()
        self.assertEqual(run.state, "done")
        self.assertEqual((run.units_done, run.charge_count), (4, 3))
        self.assertEqual(len(self._lines()), 4)

    def test_register_constraint(self):
        """The database refuses a second live charge for a unit, item and
        period, whatever code path tries; a cancelled one frees the key."""
        self._run()
        charge = self.env["cs.charge"].search([("unit_id", "=", self.unit_1.id)])
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            charge.copy()
            self.env.flush_all()
        # a credit note copies the invoice lines (with unit, item, period)
        invoice = charge.move_id
        reversal = invoice._reverse_moves(cancel=True)
        self.assertEqual(reversal.invoice_line_ids.cs_unit_id, self.unit_1)
        self.assertEqual(charge.state, "posted")
        # cancelling the invoice frees the period: a new run bills it again
        invoice.button_draft()
        invoice.button_cancel()
        self.assertEqual(charge.state, "cancelled")
        rerun = self._run()
        self.assertEqual(rerun.charge_count, 1)
        # the old invoice cannot come back while the new charge is live
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            invoice.button_draft()
            self.env.flush_all()

    def test_draft_option(self):
        run = self._run(post_invoices=False)
        invoices = self._lines().move_id
        self.assertEqual(set(invoices.mapped("state")), {"draft"})
        self.assertEqual(run.charge_count, 4)
        self.assertEqual(self.unit_1.balance, 0.0)
        # a draft invoice deleted: its charge goes, the period can be billed
        invoices.filtered(lambda m: m.cs_unit_id == self.unit_1).unlink()
        self.assertEqual(self._run(post_invoices=False).charge_count, 1)

    def test_overrides_and_validity(self):
        override = self.env["cs.fee.override"]
        override.create(
            [
                {
                    "fee_item_id": self.service_fee.id,
                    "building_id": self.building_a.id,
                    "rate": 3.0,
                },
                {
                    "fee_item_id": self.service_fee.id,
                    "unit_id": self.unit_2.id,
                    "rate": 2.0,
                    "date_from": FEB,
                },
                {
                    "fee_item_id": self.service_fee.id,
                    "unit_id": self.unit_3.id,
                    "exclude": True,
                    "date_to": date(2026, 1, 31),
                },
            ]
        )
        self._run(JAN)
        jan = {line.cs_unit_id: line.price_subtotal for line in self._lines()}
        self.assertEqual(jan[self.unit_1], 268.11)  # 89.37 × 3.00 (building A)
        self.assertEqual(jan[self.unit_2], 360.0)  # unit override not yet valid
        self.assertNotIn(self.unit_3, jan)  # excluded in January
        self._run(FEB)
        feb = {line.cs_unit_id: line.price_subtotal for line in self._lines(period=FEB)}
        self.assertEqual(feb[self.unit_2], 240.0)  # the unit override wins
        self.assertEqual(feb[self.unit_3], 151.25)  # building B: the item's rate
        # an item that ends in January is not billed in March
        self.parking_fee.date_to = date(2026, 2, 28)
        self._run(date(2026, 3, 1))
        march = self._lines(period=date(2026, 3, 1))
        self.assertNotIn(self.unit_p, march.cs_unit_id)

    def test_vacancy_rules_and_frequency(self):
        self.unit_2.status = "vacant"
        self.unit_3.status = "delivered_unoccupied"
        self.service_fee.write({"vacant_policy": "discount", "vacant_discount": 30})
        self._run()
        jan = {line.cs_unit_id: line.price_subtotal for line in self._lines()}
        self.assertEqual(jan[self.unit_2], 210.0)  # 120 × 2.5 × 70 %
        self.service_fee.vacant_policy = "skip"
        self.parking_fee.frequency = "quarterly"
        self._run(FEB)
        feb = self._lines(period=FEB)
        self.assertEqual(feb.cs_unit_id, self.unit_1)  # parking: next in April
        self.assertEqual(self.unit_p.id not in feb.cs_unit_id.ids, True)

    def test_unit_without_payer_is_reported(self):
        unit = self.env["cs.unit"].create(
            {"building_id": self.building_a.id, "code": "A-3-0101", "area": 50}
        )
        run = self._run()
        self.assertEqual(run.error_count, 1)
        self.assertIn("A-3-0101", run.error_log)
        self.assertFalse(self._lines(unit))

    def test_period_must_start_a_month(self):
        with self.assertRaisesRegex(ValidationError, "first day"):
            self._run(date(2026, 1, 15))

    def test_cron_batches_report_progress(self):
        run = self.env["cs.billing.run"].create(
            {
                "period_start": JAN,
                "estate_ids": [Command.set(self.estate.ids)],
                "batch_size": 3,
            }
        )
        run.with_user(self.fee_officer).action_start()
        self.assertEqual(run.state, "running")
        cron = self.env.ref("cs_property.ir_cron_billing_run")
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": cron.id, "remaining": 0, "done": 0}
        )
        model = self.env["cs.billing.run"].with_context(ir_cron_progress_id=progress.id)
        model._cron_process()
        self.assertEqual((progress.done, progress.remaining), (3, 1))
        model._cron_process()
        model._cron_process()
        self.assertEqual(run.state, "done")
        self.assertEqual(progress.remaining, 0)
        self.assertEqual(len(self._lines()), 4)

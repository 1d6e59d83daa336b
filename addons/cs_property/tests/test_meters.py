# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import JAN, PropertyCase


@tagged("post_install", "-at_install")
class TestMeters(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.water = cls.env["cs.fee.item"].create(
            {"name": "水费", "method": "metered", "rate": 3.45, "uom_label": "m³"}
        )
        cls.meter = cls.env["cs.meter"].create(
            {
                "name": "W-0001",
                "unit_id": cls.unit_1.id,
                "fee_item_id": cls.water.id,
                "rollover_at": 100000,
                "initial_value": 99900,
                "date_installed": date(2025, 12, 1),
            }
        )

    def _read(self, meter, day, value, **extra):
        return self.env["cs.meter.reading"].create(
            {"meter_id": meter.id, "date": day, "value": value} | extra
        )

    def test_consumption_and_refusal(self):
        reading = self._read(self.meter, date(2025, 12, 31), 99950)
        self.assertEqual((reading.previous_value, reading.consumption), (99900, 50))
        with self.assertRaisesRegex(ValidationError, "lower than the previous"):
            self._read(self.meter, date(2026, 1, 31), 20)
        with self.assertRaisesRegex(ValidationError, "date order"):
            self._read(self.meter, date(2025, 12, 15), 99990)
        rolled = self._read(self.meter, date(2026, 1, 31), 20, rollover=True)
        self.assertEqual(rolled.consumption, 70)
        with self.assertRaisesRegex(ValidationError, "cannot be changed"):
            rolled.value = 30
        with self.assertRaisesRegex(ValidationError, "latest reading"):
            reading.unlink()

    def test_replacement_and_billing(self):
        self._read(self.meter, date(2025, 12, 31), 99950)
        self._read(self.meter, date(2026, 1, 15), 99970)
        new = self.meter.action_replace(date(2026, 1, 20), 99980, "W-0002", 5)
        self.assertFalse(self.meter.active)
        with self.assertRaisesRegex(ValidationError, "replaced"):
            self._read(self.meter, date(2026, 1, 31), 99990)
        last = self._read(new, date(2026, 1, 31), 17)
        self.assertEqual(last.consumption, 12)
        run = self._run(JAN, fee_item_ids=[(6, 0, self.water.ids)])
        line = self._lines(self.unit_1)
        # January: 20 + 10 on the old meter, 12 on the new one
        self.assertEqual(line.quantity, 42)
        self.assertAlmostEqual(line.price_subtotal, 144.9)
        # units without a meter reading get no water line
        self.assertEqual(run.charge_count, 1)

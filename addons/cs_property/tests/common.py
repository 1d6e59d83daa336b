# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An estate with two buildings, four units, payers and two fee items,
built in the test's transaction (no demo data)."""

from datetime import date

from odoo import Command

from odoo.addons.cs_callcenter.tests.common import CsRolesCase

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)


class PropertyCase(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", cls.company, install_demo=False
            )
        cls.currency = cls.company.currency_id
        cls.estate = cls.env["cs.estate"].create(
            {"name": "浦江花园", "code": "PJ", "service_phone": "021-61234567"}
        )
        cls.building_a, cls.building_b = cls.env["cs.building"].create(
            [
                {"estate_id": cls.estate.id, "name": "A", "floors": 18},
                {"estate_id": cls.estate.id, "name": "B", "floors": 6},
            ]
        )
        cls.unit_1, cls.unit_2, cls.unit_3, cls.unit_p = cls.env["cs.unit"].create(
            [
                {"building_id": cls.building_a.id, "code": "A-1-1201", "area": 89.37},
                {"building_id": cls.building_a.id, "code": "A-1-1202", "area": 120.0},
                {"building_id": cls.building_b.id, "code": "B-1-101", "area": 60.5},
                {
                    "building_id": cls.building_b.id,
                    "code": "P-001",
                    "area": 12.5,
                    "unit_type": "parking",
                },
            ]
        )
        cls.units = cls.unit_1 | cls.unit_2 | cls.unit_3 | cls.unit_p
        cls.owner_1, cls.owner_2, cls.owner_3 = cls.env["res.partner"].create(
            [
                {"name": "张伟", "mobile": "+86 138 1234 5678"},
                {"name": "李娜", "mobile": "+86 139 1111 2222"},
                {"name": "王芳", "mobile": "+86 150 3333 4444"},
            ]
        )
        cls.env["cs.unit.occupancy"].create(
            [
                cls._payer(cls.unit_1, cls.owner_1),
                cls._payer(cls.unit_2, cls.owner_2),
                cls._payer(cls.unit_3, cls.owner_3),
                cls._payer(cls.unit_p, cls.owner_1),
            ]
        )
        parking = cls.env.ref("cs_property.cs_unit_type_parking")
        residential = cls.env.ref("cs_property.cs_unit_type_residential")
        cls.service_fee = cls.env["cs.fee.item"].create(
            {
                "name": "物业服务费",
                "method": "area",
                "rate": 2.5,
                "uom_label": "m²",
                "unit_type_ids": [Command.set(residential.ids)],
            }
        )
        cls.parking_fee = cls.env["cs.fee.item"].create(
            {
                "name": "车位管理费",
                "method": "fixed",
                "rate": 150.0,
                "unit_type_ids": [Command.set(parking.ids)],
            }
        )

    @classmethod
    def _payer(cls, unit, partner, day=date(2020, 1, 1), role="owner"):
        return {
            "unit_id": unit.id,
            "partner_id": partner.id,
            "role": role,
            "is_payer": True,
            "date_from": day,
        }

    def _run(self, period=JAN, **values):
        run = self.env["cs.billing.run"].create(
            {"period_start": period, "estate_ids": [Command.set(self.estate.ids)]}
            | values
        )
        run.action_run()
        return run

    def _lines(self, units=None, period=JAN):
        return self.env["account.move.line"].search(
            [
                ("cs_unit_id", "in", (units or self.units).ids),
                ("cs_period_start", "=", period),
                ("move_id.move_type", "=", "out_invoice"),
            ]
        )

    def _pay(self, partner, amount, day):
        """A posted customer payment (not matched to any invoice)."""
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "date": day,
            }
        )
        payment.action_post()
        return payment


class LateFeePolicyCase(PropertyCase):
    """The estate under the late-fee policy of issue 14 §5's example:
    0.05 % a day after 10 days of grace, capped at 30 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["cs.late.fee.policy"].create(
            {
                "estate_id": cls.estate.id,
                "daily_rate": 0.0005,
                "grace_days": 10,
                "cap_percent": 30.0,
            }
        )

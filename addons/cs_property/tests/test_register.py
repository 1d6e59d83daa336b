# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import file_open, mute_logger

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestRegister(PropertyCase):
    def test_unit_defaults(self):
        unit = self.env["cs.unit"].create(
            {"building_id": self.building_a.id, "code": "A-2-0301"}
        )
        self.assertEqual(unit.unit_type, "residential")
        self.assertEqual(unit.status, "occupied")
        self.assertEqual(unit.estate_id, self.estate)
        self.assertEqual(unit.company_id, self.company)

    def test_unit_code_unique_per_company(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["cs.unit"].create(
                {"building_id": self.building_b.id, "code": "A-1-1201"}
            )
        other = self.env["res.company"].create({"name": "Other Property Co"})
        estate = self.env["cs.estate"].create(
            {"name": "Other", "code": "PJ", "company_id": other.id}
        )
        building = self.env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        unit = self.env["cs.unit"].create(
            {"building_id": building.id, "code": "A-1-1201"}
        )
        self.assertEqual(unit.company_id, other)


@tagged("post_install", "-at_install")
class TestOccupancy(PropertyCase):
    def test_one_payer_at_any_date(self):
        occupancies = self.env["cs.unit.occupancy"]
        with (
            self.assertRaisesRegex(ValidationError, "two payers"),
            self.env.cr.savepoint(),
        ):
            occupancies.create(self._payer(self.unit_1, self.owner_2, date(2026, 3, 1)))
        # a second payer after the first one's period is closed is fine
        first = occupancies.search(
            [
                ("unit_id", "=", self.unit_1.id),
                ("is_payer", "=", True),
                ("partner_id", "=", self.owner_1.id),
            ]
        )
        first.date_to = date(2026, 2, 28)
        occupancies.create(self._payer(self.unit_1, self.owner_2, date(2026, 3, 1)))
        payer = self.unit_1.with_context(cs_date=date(2026, 2, 28)).payer_id
        self.assertEqual(payer, self.owner_1)
        self.assertEqual(
            self.unit_1.with_context(cs_date=date(2026, 3, 1)).payer_id, self.owner_2
        )
        # reopening the old period would overlap again
        with self.assertRaisesRegex(ValidationError, "two payers"):
            first.date_to = False

    def test_payer_role(self):
        unit = self.env["cs.unit"].create(
            {"building_id": self.building_a.id, "code": "A-2-0301"}
        )
        with self.assertRaisesRegex(ValidationError, "owner or a tenant"):
            self.env["cs.unit.occupancy"].create(
                self._payer(unit, self.owner_1, role="resident")
            )

    def test_move_wizards_keep_one_payer(self):
        tenant = self.env["res.partner"].create({"name": "赵敏"})
        wizard = self.env["cs.move.wizard"].with_user(self.agent)
        wizard.create(
            {
                "unit_id": self.unit_2.id,
                "mode": "in",
                "date": date(2026, 3, 1),
                "partner_id": tenant.id,
                "role": "tenant",
                "is_payer": True,
            }
        ).action_confirm()
        history = self.env["cs.unit.occupancy"].search(
            [("unit_id", "=", self.unit_2.id)], order="date_from, id"
        )
        self.assertEqual(
            [(o.partner_id, o.role, o.is_payer, o.date_to) for o in history],
            [
                (self.owner_2, "owner", True, date(2026, 2, 28)),
                (self.owner_2, "owner", False, False),
                (tenant, "tenant", True, False),
            ],
        )
        self.assertEqual(
            self.unit_2.with_context(cs_date=date(2026, 3, 1)).payer_id, tenant
        )
        # the tenant leaves: the owner must be named payer again
        leaving = history[-1]
        with self.assertRaisesRegex(UserError, "name the new payer"):
            wizard.create(
                {
                    "unit_id": self.unit_2.id,
                    "mode": "out",
                    "date": date(2026, 9, 1),
                    "leaving_ids": [(6, 0, leaving.ids)],
                }
            ).action_confirm()

    def test_partner_units_and_lookup_caller(self):
        self.assertEqual(self.owner_1.cs_unit_count, 2)
        result = (
            self.env["cs.api"].with_user(self.agent).lookup_caller("+8613812345678")
        )
        self.assertEqual(
            sorted((u["code"], u["estate"], u["role"]) for u in result["units"]),
            [("A-1-1201", "浦江花园", "owner"), ("P-001", "浦江花园", "owner")],
        )
        self.assertEqual(result["units"][0]["balance"], 0.0)
        nobody = self.env["cs.api"].with_user(self.agent).lookup_caller("0000000")
        self.assertEqual(nobody["units"], [])


@tagged("post_install", "-at_install")
class TestImportTemplate(PropertyCase):
    def test_unit_template_imports(self):
        # another company: the codes of the template are in use in this one
        other = self.env["res.company"].create({"name": "模板物业"})
        estate = self.env["cs.estate"].create(
            {"name": "模板花园", "code": "TPL", "company_id": other.id}
        )
        self.env["cs.building"].create(
            [
                {"estate_id": estate.id, "name": "1栋"},
                {"estate_id": estate.id, "name": "3栋"},
            ]
        )
        path = get_module_resource_path("cs_unit_import_template.csv")
        with file_open(path, "rb") as template:
            content = template.read()
        importer = self.env["base_import.import"].create(
            {"res_model": "cs.unit", "file": content, "file_type": "text/csv"}
        )
        options = {"has_headers": True, "quoting": '"', "separator": ","}
        header = content.decode().splitlines()[0].split(",")
        result = importer.execute_import(header, header, options)
        self.assertFalse(result["messages"], result["messages"])
        units = self.env["cs.unit"].browse(result["ids"])
        self.assertEqual(units.mapped("code"), ["A-1-1201", "A-1-1202", "P-B1-001"])
        self.assertEqual(units.estate_id, estate)
        self.assertEqual(units.company_id, other)
        self.assertEqual(units[2].unit_type, "parking")
        self.assertEqual(units[1].status, "vacant")


def get_module_resource_path(name):
    return f"cs_property/static/xls/{name}"

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import JAN, PropertyCase


@tagged("post_install", "-at_install")
class TestRecordRules(PropertyCase):
    def test_fee_officer_runs_billing(self):
        run = (
            self.env["cs.billing.run"]
            .with_user(self.fee_officer)
            .create({"period_start": JAN, "estate_ids": [Command.set(self.estate.ids)]})
        )
        run.action_run()
        self.assertEqual(run.charge_count, 4)
        charges = (
            self.env["cs.charge"]
            .with_user(self.fee_officer)
            .search([("run_id", "=", run.id)])
        )
        self.assertEqual(len(charges), 4)
        invoices = (
            self.env["account.move"]
            .with_user(self.fee_officer)
            .search([("cs_billing_run_id", "=", run.id)])
        )
        self.assertEqual(len(invoices), 4)
        # fee officers do not rewrite the register
        with self.assertRaises(AccessError):
            charges[0].write({"amount": 1.0})

    def test_fee_officer_sets_up_fee_items(self):
        item = (
            self.env["cs.fee.item"]
            .with_user(self.fee_officer)
            .create({"name": "垃圾清运费", "method": "fixed", "rate": 15})
        )
        self.assertEqual(item.product_id.name, "垃圾清运费")
        self.assertEqual(item.product_id.type, "service")
        with self.assertRaises(AccessError):
            self.env["cs.fee.item"].with_user(self.agent).create(
                {"name": "x", "rate": 1}
            )

    def test_agent_sees_units_and_balances_not_invoices(self):
        self._run()
        unit = self.unit_1.with_user(self.agent)
        self.assertEqual(unit.balance, 223.43)
        self.assertEqual(unit.payer_id.name, "张伟")
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.env["account.move.line"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.env["cs.charge"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.env["cs.billing.run"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            unit.write({"area": 1.0})
        statement = self.env["cs.api"].with_user(self.agent).unit_statement("A-1-1201")
        self.assertEqual(statement["balance"], 223.43)

    def test_portal_owner_sees_only_units_they_pay_for(self):
        portal = self.env["res.users"].create(
            {
                "name": "李娜",
                "login": "owner_li",
                "partner_id": self.owner_2.id,
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        units = self.env["cs.unit"].with_user(portal).search([])
        self.assertEqual(units, self.unit_2)
        with self.assertRaises(AccessError):
            self.unit_1.with_user(portal).read(["code"])
        with self.assertRaises(AccessError):
            self.env["cs.charge"].with_user(portal).search([])
        self._run()
        # Odoo's portal shows the owner their own invoices (the notices) only
        invoices = self.env["account.move"].with_user(portal).search([])
        self.assertEqual(invoices.cs_unit_id, self.unit_2)

    def test_company_rule(self):
        other = self.env["res.company"].create({"name": "Other Property Co"})
        estate = self.env["cs.estate"].create(
            {"name": "Other", "code": "OT", "company_id": other.id}
        )
        self.assertFalse(
            self.env["cs.estate"].with_user(self.agent).search([("id", "=", estate.id)])
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Manager confirms a late-fee charge (收取滞纳金) like a Fee Officer,
without accounting rights of their own (as for waivers)."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import LateFeePolicyCase


class LateFeeCase(LateFeePolicyCase):
    """Fee invoices of unit A-1-1201 under the example policy."""

    def _invoice(self, amount=1000.0, due=date(2026, 1, 31), day=date(2026, 1, 1)):
        """A posted service-fee invoice of unit A-1-1201 dated ``day``."""
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.owner_1.id,
                "invoice_date": day,
                "invoice_date_due": due,
                "cs_unit_id": self.unit_1.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.service_fee.product_id.id,
                            "name": self.service_fee.name,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            "cs_unit_id": self.unit_1.id,
                            "cs_fee_item_id": self.service_fee.id,
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice


@tagged("post_install", "-at_install")
class TestLateFeeManager(LateFeeCase):
    def test_manager_charges_late_fees(self):
        invoice = self._invoice()
        # the premise: a Manager has no accounting rights
        self.assertFalse(
            self.env["account.move"].with_user(self.manager).has_access("read")
        )
        self.assertFalse(self.manager.has_group("cs_callcenter.group_fee_officer"))
        self.assertCanOpen(self.manager, "cs_property.cs_late_fee_charge_menu")
        # the form as the Manager sees it (from the unit's Action menu)
        form = Form(
            self.env["cs.late.fee.charge"]
            .with_user(self.manager)
            .with_context(active_model="cs.unit", active_ids=self.unit_1.ids)
        )
        form.as_of = date(2026, 4, 1)
        self.assertEqual(form.fee_total, 25.0)
        self.assertEqual(form.source_count, 1)
        wizard = form.save()
        action = wizard.action_confirm()
        # the Manager cannot open invoices: a notification instead
        self.assertEqual(action["tag"], "display_notification")
        line = invoice.cs_late_fee_line_ids
        self.assertEqual(len(line), 1)
        charged = line.move_id
        self.assertEqual(charged.state, "posted")
        self.assertEqual(charged.amount_total, 25.0)
        self.assertEqual(line.cs_late_fee_to, date(2026, 4, 1))
        # charged by the Manager (not by the superuser)
        self.assertEqual(charged.create_uid, self.manager)
        # the same days are not charged twice, whoever asks
        self.assertEqual(invoice._cs_late_fee_accrued(date(2026, 4, 1)), {})

    def test_fee_officer_still_opens_the_invoices(self):
        self._invoice()
        wizard = (
            self.env["cs.late.fee.charge"]
            .with_user(self.fee_officer)
            .create({"as_of": date(2026, 4, 1), "unit_ids": self.unit_1.ids})
        )
        action = wizard.action_confirm()
        self.assertEqual(action["res_model"], "account.move")

    def test_other_roles_refused(self):
        self._invoice()
        for user in (self.supervisor, self.agent):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["cs.late.fee.charge"].with_user(user).create(
                    {"as_of": date(2026, 4, 1), "unit_ids": self.unit_1.ids}
                )
        self.assertMenuHidden(self.supervisor, "cs_property.cs_late_fee_charge_menu")

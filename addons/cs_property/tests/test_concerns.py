# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestConcerns(TransactionCase):
    def test_a_call_may_concern_an_invoice_or_a_unit(self):
        """Issue 15 §4: the "Concerns" list of calls and callbacks holds the
        business documents only, cs_property adding invoices and units."""
        models_ = [m for m, _label in self.env["cs.call"]._selection_res_reference()]
        self.assertEqual(
            models_,
            [
                "res.partner",
                "cs.callback.task",
                "helpdesk.ticket",
                "account.move",
                "cs.unit",
            ],
        )

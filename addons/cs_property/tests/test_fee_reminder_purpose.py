# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fee-reminder purpose of callback campaigns is cs_property's."""

from odoo.modules.migration import load_script
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

NAME = "selection__cs_callback_campaign__purpose__fee_reminder"


@tagged("post_install", "-at_install")
class TestFeeReminderPurpose(TransactionCase):
    def test_fee_reminder_purpose_comes_from_cs_property(self):
        Campaign = self.env["cs.callback.campaign"]
        self.assertIn("fee_reminder", dict(Campaign._fields["purpose"].selection))
        value = self.env.ref(f"cs_property.{NAME}")
        self.assertEqual(value.value, "fee_reminder")
        self.assertFalse(self.env.ref(f"cs_callcenter.{NAME}", False))
        campaign = Campaign.create({"name": "Arrears Q4", "purpose": "fee_reminder"})
        self.assertEqual(campaign.purpose, "fee_reminder")

    def test_migration_hands_the_value_over(self):
        """A database where cs_callcenter owned the value (before 18.0.2.0.0)."""
        self.env.cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = 'cs_callcenter' "
                "WHERE module = 'cs_property' AND name = %s",
                NAME,
            )
        )
        script = load_script(
            "cs_property/migrations/18.0.2.0.0/pre-migrate.py", "cs_fee_migration"
        )
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.env.cr.execute(
            SQL("SELECT module FROM ir_model_data WHERE name = %s", NAME)
        )
        self.assertEqual(self.env.cr.fetchall(), [("cs_property",)])

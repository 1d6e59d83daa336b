# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestPartnerPhone(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.Partner = cls.env["res.partner"]

    def test_keys_computed_on_create_and_write(self):
        partner = self.Partner.create(
            {"name": "Wang", "phone": "021 6123 4567 转 808", "mobile": "138 1234 5678"}
        )
        self.assertEqual(partner.phone_e164, "+862161234567")
        self.assertEqual(partner.phone_extension, "808")
        self.assertEqual(partner.mobile_e164, "+8613812345678")
        partner.mobile = "+44 20 7946 0958"
        self.assertEqual(partner.mobile_e164, "+442079460958")
        partner.phone = False
        self.assertFalse(partner.phone_e164)
        self.assertFalse(partner.phone_extension)

    def test_region_of_the_contact_first(self):
        partner = self.Partner.create(
            {
                "name": "Dupont",
                "phone": "06 12 34 56 78",
                "country_id": self.env.ref("base.fr").id,
            }
        )
        self.assertEqual(partner.phone_e164, "+33612345678")
        partner.country_id = self.env.ref("base.cn")
        self.assertFalse(partner.phone_e164, "not a Chinese number")
        self.assertTrue(partner.phone_invalid)

    def test_invalid_number_kept_as_typed_and_flagged(self):
        partner = self.Partner.create({"name": "Li", "phone": "call me maybe"})
        self.assertEqual(partner.phone, "call me maybe")
        self.assertFalse(partner.phone_e164)
        self.assertTrue(partner.phone_invalid)
        self.assertFalse(partner.mobile_invalid)

    def test_short_code_kept_as_dialled(self):
        bank = self.Partner.create(
            {"name": "Bank", "phone": "95588", "is_company": True}
        )
        self.assertEqual(bank.phone_e164, "95588")
        self.assertFalse(bank.phone_invalid)

    def test_columns_are_indexed(self):
        self.env.cr.execute(
            SQL(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner' "
                "AND (indexdef LIKE %s OR indexdef LIKE %s)",
                "%(phone_e164)%",
                "%(mobile_e164)%",
            )
        )
        self.assertEqual(len(self.env.cr.fetchall()), 2)

    def test_install_fill_in_batches(self):
        """The post-install fill computes keys missing in the table, batch by batch."""
        partners = self.Partner.create(
            [{"name": f"P{i}", "mobile": f"1390000{i:04d}"} for i in range(7)]
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET mobile_e164 = NULL WHERE id IN %s",
                tuple(partners.ids),
            )
        )
        self.env.invalidate_all()
        self.assertFalse(any(partners.mapped("mobile_e164")))
        Partner = type(self.Partner)
        original = Partner._recompute_recordset
        with patch.object(
            Partner, "_recompute_recordset", autospec=True, side_effect=original
        ) as recompute:
            self.Partner._cs_fill_phone_keys(batch_size=3)
        self.assertEqual(
            partners.mapped("mobile_e164"), [f"+861390000{i:04d}" for i in range(7)]
        )
        # at least the 7 new contacts, 3 per batch
        self.assertGreaterEqual(recompute.call_count, 3)
        self.assertTrue(all(len(c.args[0]) <= 3 for c in recompute.call_args_list))

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CsRolesCase


@tagged("post_install", "-at_install")
class TestLookupCaller(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {"name": "ACME Ltd", "is_company": True, "phone": "021-6123 4567"}
        )
        cls.person = Partner.create(
            {"name": "Zhang San", "parent_id": cls.company.id, "phone": "021 61234567"}
        )
        cls.mobile_owner = Partner.create({"name": "Li Si", "mobile": "13812345678"})
        cls.archived = Partner.create(
            {"name": "Old Li", "mobile": "13812345678", "active": False}
        )
        cls.api = cls.env["cs.api"]

    def test_person_before_company(self):
        result = self.api.with_user(self.agent).lookup_caller("+86 21 6123 4567")
        self.assertEqual(result["number_e164"], "+862161234567")
        ids = [p["id"] for p in result["partners"]]
        self.assertEqual(ids, [self.person.id, self.company.id])
        self.assertFalse(result["partners"][0]["is_company"])
        self.assertTrue(result["partners"][1]["is_company"])
        self.assertEqual(result["partners"][0]["display_name"], "ACME Ltd, Zhang San")

    def test_national_and_pbx_forms_find_the_mobile(self):
        for number in (
            "13812345678",
            "+8613812345678",
            "008613812345678",
            "8613812345678",
        ):
            with self.subTest(number=number):
                result = self.api.with_user(self.agent).lookup_caller(number)
                self.assertEqual(result["number"], number)
                self.assertEqual(
                    [p["id"] for p in result["partners"]], [self.mobile_owner.id]
                )

    def test_archived_contacts_are_not_callers(self):
        result = self.api.with_user(self.agent).lookup_caller("13812345678")
        self.assertNotIn(self.archived.id, [p["id"] for p in result["partners"]])

    def test_exact_key_ranks_before_country_code_guess(self):
        # "442079460958" reads as a (invalid) Chinese number first, then as +44...
        london = self.env["res.partner"].create(
            {"name": "London", "phone": "+44 20 7946 0958"}
        )
        result = self.api.with_user(self.agent).lookup_caller("442079460958")
        self.assertEqual([p["id"] for p in result["partners"]], [london.id])
        self.assertEqual(result["number_e164"], "+442079460958")

    def test_unknown_and_broken_numbers(self):
        result = self.api.with_user(self.agent).lookup_caller("13900000000")
        self.assertEqual(result["partners"], [])
        self.assertEqual(result["number_e164"], "+8613900000000")
        result = self.api.with_user(self.agent).lookup_caller("hello")
        self.assertEqual(result, dict(result, partners=[], number_e164=False))

    def test_recent_calls_of_the_best_match(self):
        calls = self.env["cs.call"].create(
            [
                {
                    "number": "13812345678",
                    "partner_id": self.mobile_owner.id,
                    "direction": "inbound",
                    "user_id": self.agent.id,
                }
                for _i in range(7)
            ]
        )
        result = self.api.with_user(self.agent).lookup_caller("13812345678")
        self.assertEqual(len(result["recent_calls"]), 5)
        self.assertTrue({c["id"] for c in result["recent_calls"]} <= set(calls.ids))
        self.assertEqual(result["recent_calls"][0]["agent"], self.agent.name)

    def test_bad_arguments(self):
        for bad in ("", "   ", None, 138, ["1"], "1" * 65):
            with self.subTest(value=bad), self.assertRaises(ValidationError):
                self.api.with_user(self.agent).lookup_caller(bad)

    def test_only_agents_and_integration_users(self):
        employee = new_test_user(self.env, login="employee_only")
        with self.assertRaises(AccessError):
            self.api.with_user(employee).lookup_caller("13812345678")
        # the integration user cannot read contacts, but gets the lookup
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.integration).browse(
                self.mobile_owner.id
            ).read(["name"])
        result = self.api.with_user(self.integration).lookup_caller("13812345678")
        self.assertEqual(result["partners"][0]["name"], "Li Si")

    def test_company_without_country_reads_numbers_in_the_default_region(self):
        """One default region: the company's country, else the system
        parameter (CN): a contact stored in E.164 is found from its national
        number even when the company has no country."""
        self.env.company.country_id = False
        partner = self.env["res.partner"].create(
            {"name": "No Country", "phone": "+8613800138112"}
        )
        result = self.api.with_user(self.agent).lookup_caller("13800138112")
        self.assertEqual([p["id"] for p in result["partners"]], [partner.id])
        self.assertEqual(result["number_e164"], "+8613800138112")
        # a national number typed on a contact is read the same way
        typed = self.env["res.partner"].create(
            {"name": "Typed", "mobile": "139 0000 8888"}
        )
        self.assertEqual(typed.mobile_e164, "+8613900008888")
        # the parameter decides when nothing else does
        self.env["ir.config_parameter"].set_param("cs_callcenter.default_region", "FR")
        self.assertEqual(self.env["res.partner"]._cs_default_region(), "FR")
        paris = self.env["res.partner"].create(
            {"name": "Paris", "phone": "+33 6 12 34 56 78"}
        )
        result = self.api.with_user(self.agent).lookup_caller("06 12 34 56 78")
        self.assertEqual([p["id"] for p in result["partners"]], [paris.id])

    def test_pbx_region_comes_first(self):
        other = self.env["res.company"].create(
            {"name": "UK Co", "country_id": self.env.ref("base.uk").id}
        )
        server = self.env["cs.pbx.server"].create(
            {"name": "London", "host": "h", "username": "u", "company_id": other.id}
        )
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._cs_default_region(server=server), "GB")
        self.assertEqual(Partner._cs_default_region(), "CN")

    def test_contacts_of_other_companies_are_never_returned(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        secret = self.env["res.partner"].create(
            {
                "name": "Other's customer",
                "mobile": "13812345678",
                "company_id": other.id,
            }
        )
        for user in (self.agent, self.integration):
            with self.subTest(user=user.login):
                result = self.api.with_user(user).lookup_caller("13812345678")
                ids = [p["id"] for p in result["partners"]]
                self.assertNotIn(secret.id, ids)
                self.assertIn(self.mobile_owner.id, ids)

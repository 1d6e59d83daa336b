# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestTicketApi(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.other_integration = new_test_user(
            cls.env,
            login="cs_integration_other",
            groups="base.group_portal,cs_callcenter.group_integration",
        )
        cls.api = cls.env["cs.api"].with_user(cls.integration)
        cls.values = {
            "kind": "complaint",
            "subject": "Noise at night",
            "description": "Construction after 22:00",
            "channel": "wechat",
        }

    def test_unknown_phone_creates_the_contact(self):
        result = self.api.create_ticket(
            dict(self.values, phone="139 0000 1111", partner_name="Ma Lan")
        )
        ticket = self.env["helpdesk.ticket"].browse(result["id"])
        self.assertEqual(result["number"], ticket.number)
        self.assertEqual(ticket.cs_kind, "complaint")
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("cs_helpdesk.helpdesk_ticket_channel_wechat"),
        )
        self.assertEqual(ticket.partner_id.name, "Ma Lan")
        self.assertEqual(ticket.partner_id.phone_e164, "+8613900001111")
        self.assertEqual(ticket.create_uid, self.integration)
        # the same phone again finds that contact, no duplicate
        again = self.api.create_ticket(dict(self.values, phone="+86 13900001111"))
        self.assertEqual(
            self.env["helpdesk.ticket"].browse(again["id"]).partner_id,
            ticket.partner_id,
        )

    def test_known_partner(self):
        partner = self.env["res.partner"].create({"name": "Known"})
        result = self.api.create_ticket(dict(self.values, partner_id=partner.id))
        self.assertEqual(
            self.env["helpdesk.ticket"].browse(result["id"]).partner_id, partner
        )

    def test_bad_values_name_the_key(self):
        cases = [
            (dict(self.values, colour="red", phone="13900001111"), "colour"),
            (dict(self.values, kind="rant", phone="13900001111"), "kind"),
            (dict(self.values, channel="fax", phone="13900001111"), "channel"),
            (dict(self.values, subject="", phone="13900001111"), "subject"),
            (dict(self.values, description=None, phone="13900001111"), "description"),
            (dict(self.values), "partner_id or phone"),
            (dict(self.values, phone="not a phone"), "phone"),
            (dict(self.values, partner_id="7"), "partner_id"),
        ]
        for values, key in cases:
            with self.subTest(key=key), self.assertRaises(ValidationError) as error:
                self.api.create_ticket(values)
            self.assertIn(key, str(error.exception))
        with self.assertRaises(ValidationError):
            self.api.create_ticket(["not", "a", "dict"])
        with self.assertRaises(UserError):
            self.api.create_ticket(dict(self.values, partner_id=99999999))

    def test_ticket_status_of_own_tickets_only(self):
        result = self.api.create_ticket(dict(self.values, phone="13900002222"))
        status = self.api.ticket_status(result["number"])
        self.assertEqual(status["number"], result["number"])
        self.assertEqual(status["kind"], "complaint")
        self.assertEqual(status["step"], "register")
        self.assertFalse(status["closed"])
        ticket = self.env["helpdesk.ticket"].browse(result["id"])
        self.assertEqual(status["sla_status"], ticket.cs_sla_status)
        self.assertIn(status["sla_status"], ("on_track", "at_risk", "breached"))
        self.assertEqual(
            status["deadline"], fields.Datetime.to_string(ticket.cs_sla_deadline)
        )
        with self.assertRaises(UserError):
            self.env["cs.api"].with_user(self.other_integration).ticket_status(
                result["number"]
            )
        with self.assertRaises(UserError):
            self.api.ticket_status("HT-NOPE")
        # agents read tickets with their own helpdesk rights
        self.assertEqual(
            self.env["cs.api"]
            .with_user(self.supervisor)
            .ticket_status(result["number"])["number"],
            result["number"],
        )

    def test_integration_users_cannot_reach_tickets_directly(self):
        self.api.create_ticket(dict(self.values, phone="13900003333"))
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.integration).create(
                {"name": "direct", "description": "<p>x</p>"}
            )

    def test_wrong_types_and_lengths_name_the_key(self):
        """Issue 10 §2.10: never a raw TypeError nor a database error."""
        base = dict(self.values, phone="13900004444")
        cases = [
            (dict(base, kind=["complaint"]), "kind"),
            (dict(base, kind={"a": 1}), "kind"),
            (dict(base, channel={"phone": 1}), "channel"),
            (dict(base, channel=["phone"]), "channel"),
            (dict(base, subject="x" * 201), "subject"),
            (dict(base, subject=["x"]), "subject"),
            (dict(base, description="x" * 20001), "description"),
            (dict(base, phone="1" * 65), "phone"),
            (dict(base, phone=13900004444), "phone"),
            (
                dict(self.values, phone="13900005555", partner_name="x" * 129),
                "partner_name",
            ),
            (
                dict(self.values, phone="13900005555", partner_name={"x": 1}),
                "partner_name",
            ),
            (dict(self.values, partner_id=[1]), "partner_id"),
            (dict(self.values, partner_id=2**40), "partner_id"),
            (dict(self.values, partner_id=-3), "partner_id"),
        ]
        for values, key in cases:
            with (
                self.subTest(key=key, value=str(values.get(key))[:20]),
                self.assertRaises(ValidationError) as error,
            ):
                self.api.create_ticket(values)
            self.assertIn(key, str(error.exception))
        for number in (["HT1"], {"n": 1}, 42, "H" * 33, ""):
            with (
                self.subTest(number=str(number)[:10]),
                self.assertRaisesRegex(ValidationError, "number"),
            ):
                self.api.ticket_status(number)

    def test_context_defaults_never_reach_the_records(self):
        """Issue 10 §2.1, in process (the suite test does it over XML-RPC)."""
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        api = self.api.with_context(
            default_cs_step="reviewed",
            default_stage_id=done.id,
            default_user_id=self.manager.id,
            default_cs_sla_status="met",
            default_company_id=self.env["res.company"].create({"name": "X"}).id,
            default_parent_id=self.env.user.partner_id.id,
            default_email="spoof@example.com",
        )
        result = api.create_ticket(
            dict(self.values, phone="13900006666", partner_name="Fang Yu")
        )
        ticket = self.env["helpdesk.ticket"].browse(result["id"])
        self.assertEqual(ticket.cs_step, "register")
        self.assertNotEqual(ticket.stage_id, done)
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.company_id, self.env.company)
        self.assertNotEqual(ticket.cs_sla_status, "met")
        self.assertFalse(ticket.partner_id.parent_id)
        self.assertFalse(ticket.partner_id.email)

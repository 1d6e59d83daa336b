# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestTicketFromCall(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Sun Li", "mobile": "13812345678"}
        )
        cls.call = cls.env["cs.call"].create(
            {
                "number": "13812345678",
                "partner_id": cls.customer.id,
                "user_id": cls.agent.id,
                "direction": "inbound",
            }
        )

    def test_ticket_registered_from_the_caller_card(self):
        action = self.call.with_user(self.agent).action_cs_new_ticket()
        context = action["context"]
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .with_context(**context)
            .create(
                {
                    "name": "Water leak",
                    "description": "<p>Kitchen</p>",
                    "cs_kind": "repair",
                }
            )
        )
        self.assertEqual(ticket.cs_call_id, self.call)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone"),
        )
        self.assertEqual(self.call.res_reference, ticket)
        self.assertEqual(self.call.ticket_count, 1)
        self.assertTrue(ticket.number.startswith("HT"))

    def test_explicit_values_win(self):
        email = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        other = self.env["res.partner"].create({"name": "Other"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Q",
                "description": "<p>Q</p>",
                "cs_call_id": self.call.id,
                "channel_id": email.id,
                "partner_id": other.id,
            }
        )
        self.assertEqual(ticket.channel_id, email)
        self.assertEqual(ticket.partner_id, other)
        self.assertEqual(ticket.cs_kind, "inquiry")

    def test_caller_lookup_lists_open_tickets(self):
        company = self.env["res.partner"].create({"name": "Sun Co", "is_company": True})
        self.customer.parent_id = company
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Open one",
                "description": "<p>x</p>",
                "partner_id": company.id,
                "cs_kind": "complaint",
            }
        )
        closed = self.env["helpdesk.ticket"].create(
            {"name": "Closed one", "description": "<p>x</p>", "partner_id": company.id}
        )
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        result = self.env["cs.api"].with_user(self.agent).lookup_caller("13812345678")
        self.assertEqual(
            result["open_tickets"],
            [
                {
                    "id": ticket.id,
                    "number": ticket.number,
                    "name": "Open one",
                    "kind": "complaint",
                    "stage": ticket.stage_id.name,
                }
            ],
        )
        self.assertIn("recent_calls", result)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalAcceptance(HttpCase):
    def setUp(self):
        super().setUp()
        # Closing mails the customer (helpdesk_mgmt's closed-stage template):
        # give the database a sender, as any real server has.
        self.env.company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "example.com", "default_from": "notifications"}
        )
        self.customer = new_test_user(
            self.env,
            login="cs_portal_owner",
            password="cs_portal_owner",
            groups="base.group_portal",
        )
        self.stranger = new_test_user(
            self.env,
            login="cs_portal_other",
            password="cs_portal_other",
            groups="base.group_portal",
        )
        supervisor = new_test_user(
            self.env, login="cs_portal_sup", groups="cs_callcenter.group_supervisor"
        )
        department = self.env["hr.department"].create({"name": "Property"})
        self.ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Broken gate",
                "description": "<p>x</p>",
                "cs_kind": "complaint",
                "partner_id": self.customer.partner_id.id,
                "cs_department_id": department.id,
            }
        )
        t = self.ticket
        t.action_cs_founded()
        t.write(
            {
                "cs_responsible_id": supervisor.id,
                "cs_cause": "facilities",
                "cs_root_cause": "Motor burnt",
            }
        )
        t.action_cs_investigated()
        remedy = self.env["cs.ticket.remedy"].create(
            {"ticket_id": t.id, "name": "Replace the gate motor"}
        )
        remedy.with_user(supervisor).action_approve()
        t.cs_actions_taken = "Motor replaced"
        t.action_cs_implemented()

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def test_customer_accepts_the_remedy_in_the_portal(self):
        self.authenticate("cs_portal_owner", "cs_portal_owner")
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Replace the gate motor", page.text)
        self.assertIn("Accept the remedy", page.text)
        response = self.url_open(
            f"/my/ticket/{self.ticket.id}/cs_accept",
            data={"csrf_token": self._csrf(page.text)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.ticket.cs_step, "closed")
        self.assertEqual(self.ticket.cs_confirmation, "portal")
        bodies = self.ticket.message_ids.mapped("body")
        self.assertTrue(any("accepted the remedy in the portal" in b for b in bodies))
        # a second submission changes nothing
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertNotIn("Accept the remedy", page.text)

    def test_another_customer_cannot_accept(self):
        self.authenticate("cs_portal_other", "cs_portal_other")
        token = self._csrf(self.url_open("/my").text)
        self.url_open(
            f"/my/ticket/{self.ticket.id}/cs_accept", data={"csrf_token": token}
        )
        self.assertEqual(self.ticket.cs_step, "confirm")
        self.assertFalse(self.ticket.cs_confirmation)

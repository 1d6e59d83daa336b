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

    def test_page_shows_customer_facing_fields_only(self):
        """Issue 10 §2.6: the portal page of a complaint."""
        self.ticket.write(
            {
                "cs_sanction_note": "SECRET-SANCTION",
                "cs_compensation": 4321,
                "cs_review_summary": "SECRET-REVIEW",
            }
        )
        self.ticket.message_post(body="SECRET-NOTE", subtype_xmlid="mail.mt_note")
        self.authenticate("cs_portal_owner", "cs_portal_owner")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertIn("Motor replaced", page)  # what we did: for the customer
        for secret in ("Motor burnt", "SECRET", "4321", "cs_portal_sup"):
            self.assertNotIn(secret, page)
        # the portal chatter loads the public messages only
        self.ticket.message_post(
            body="Public answer",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        chatter = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "helpdesk.ticket", "thread_id": self.ticket.id},
        )
        self.assertIn("Public answer", str(chatter))
        self.assertNotIn("SECRET", str(chatter))

    def test_another_customer_cannot_accept(self):
        self.authenticate("cs_portal_other", "cs_portal_other")
        token = self._csrf(self.url_open("/my").text)
        self.url_open(
            f"/my/ticket/{self.ticket.id}/cs_accept", data={"csrf_token": token}
        )
        self.assertEqual(self.ticket.cs_step, "confirm")
        self.assertFalse(self.ticket.cs_confirmation)


@tagged("post_install", "-at_install")
class TestPortalClose(HttpCase):
    """Issue 10 §2.9: helpdesk_mgmt's /ticket/close closed any ticket by a
    GET; it now takes a POST with the CSRF token, for the customer's own
    open ticket."""

    def setUp(self):
        super().setUp()
        # closing mails the customer: give the database a sender
        self.env.company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "example.com", "default_from": "notifications"}
        )
        self.owner = new_test_user(
            self.env,
            login="cs_close_owner",
            password="cs_close_owner",
            groups="base.group_portal",
        )
        new_test_user(
            self.env,
            login="cs_close_other",
            password="cs_close_other",
            groups="base.group_portal",
        )
        self.done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        Ticket = self.env["helpdesk.ticket"]
        self.ticket = Ticket.create(
            {
                "name": "Gate code",
                "description": "<p>x</p>",
                "partner_id": self.owner.partner_id.id,
            }
        )
        self.complaint = Ticket.create(
            {
                "name": "Rude guard",
                "description": "<p>x</p>",
                "cs_kind": "complaint",
                "partner_id": self.owner.partner_id.id,
            }
        )

    def _close(self, ticket, csrf=None, method="POST"):
        params = {"ticket_id": ticket.id, "stage_id": self.done.id}
        if method == "GET":
            return self.opener.get(
                f"{self.base_url()}/ticket/close",
                params=params,
                allow_redirects=False,
                timeout=30,
            )
        if csrf:
            params["csrf_token"] = csrf
        return self.url_open("/ticket/close", data=params, allow_redirects=False)

    def _csrf(self, path="/my"):
        return re.search(
            r'name="csrf_token" value="([^"]+)"', self.url_open(path).text
        ).group(1)

    def test_a_get_closes_nothing(self):
        self.authenticate("cs_close_owner", "cs_close_owner")
        response = self._close(self.ticket, method="GET")
        self.assertEqual(response.status_code, 405)
        self.assertFalse(self.ticket.stage_id.closed)

    def test_another_customer_cannot_close(self):
        self.authenticate("cs_close_other", "cs_close_other")
        response = self._close(self.ticket, csrf=self._csrf())
        self.assertIn(response.status_code, (302, 303))
        self.assertFalse(self.ticket.stage_id.closed)

    def test_without_csrf_token_nothing_closes(self):
        self.authenticate("cs_close_owner", "cs_close_owner")
        response = self._close(self.ticket)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.ticket.stage_id.closed)

    def test_owner_closes_with_the_page_form(self):
        self.authenticate("cs_close_owner", "cs_close_owner")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        form = re.search(r'<form[^>]*action="/ticket/close"[^>]*>', page).group(0)
        self.assertIn('method="POST"', form)
        response = self._close(
            self.ticket, csrf=self._csrf(f"/my/ticket/{self.ticket.id}")
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/ticket/{self.ticket.id}")
        )
        self.assertEqual(self.ticket.stage_id, self.done)

    def test_complaints_close_through_their_workflow(self):
        self.authenticate("cs_close_owner", "cs_close_owner")
        page = self.url_open(f"/my/ticket/{self.complaint.id}").text
        self.assertNotIn('action="/ticket/close"', page)
        self._close(self.complaint, csrf=self._csrf())
        self.assertFalse(self.complaint.stage_id.closed)
        self.assertEqual(self.complaint.cs_step, "register")

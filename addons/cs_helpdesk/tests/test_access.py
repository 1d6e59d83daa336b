# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What each role reaches of complaint tickets (issue 10 §2.6, §2.7, §2.8),
as that role."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase

INTERNAL_FIELDS = [
    "cs_root_cause",
    "cs_sanction_note",
    "cs_responsible_id",
    "cs_compensation",
    "cs_unfounded_reason",
    "cs_review_summary",
    "cs_department_id",
    "cs_remedy_ids",
    "cs_step_ids",
    "cs_dispatch_department_id",
    "cs_sla_escalation",
]
CUSTOMER_FIELDS = [
    "number",
    "name",
    "cs_kind",
    "cs_step",
    "cs_customer_reply",
    "cs_actions_taken",
    "stage_id",
]


@tagged("post_install", "-at_install")
class TestComplaintAccess(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = new_test_user(
            cls.env, login="cs_acc_customer", groups="base.group_portal"
        )
        cls.employee = new_test_user(
            cls.env, login="cs_acc_employee", groups="base.group_user", email=False
        )
        Ticket = cls.env["helpdesk.ticket"]
        cls.complaint = Ticket.create(
            {
                "name": "Noisy neighbour",
                "description": "<p>x</p>",
                "cs_kind": "complaint",
                "partner_id": cls.customer.partner_id.id,
                "cs_root_cause": "SECRET-ROOT-CAUSE",
                "cs_sanction_note": "SECRET-SANCTION",
                "cs_responsible_id": cls.agent.id,
                "cs_compensation": 99,
                "cs_customer_reply": "We are on it",
            }
        )
        cls.inquiry = Ticket.create(
            {"name": "Parking hours", "description": "<p>x</p>", "cs_kind": "inquiry"}
        )
        (cls.complaint + cls.inquiry).message_subscribe(
            partner_ids=cls.employee.partner_id.ids
        )
        cls.complaint.message_post(
            body="SECRET-INTERNAL-NOTE", subtype_xmlid="mail.mt_note"
        )

    # -- §2.7 staff outside the desk --------------------------------------------
    def test_plain_employee_following_a_complaint_reaches_nothing(self):
        complaint = self.complaint.with_user(self.employee)
        self.assertNotIn(
            self.complaint,
            self.env["helpdesk.ticket"].with_user(self.employee).search([]),
        )
        with self.assertRaises(AccessError):
            complaint.read(["name"])
        with self.assertRaises(AccessError):
            complaint.write(
                {
                    "stage_id": self.env.ref(
                        "helpdesk_mgmt.helpdesk_ticket_stage_done"
                    ).id
                }
            )
        self.assertFalse(self.complaint.stage_id.closed)

    def test_plain_employee_being_the_customer_of_a_complaint_neither(self):
        self.complaint.partner_id = self.employee.partner_id
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.employee).read(["name"])

    def test_plain_employee_reads_followed_inquiries_without_writing(self):
        inquiry = self.inquiry.with_user(self.employee)
        self.assertEqual(inquiry.read(["name"])[0]["name"], "Parking hours")
        with self.assertRaises(AccessError):
            inquiry.write({"name": "Changed"})

    def test_desk_roles_keep_their_complaints(self):
        for user in (self.supervisor, self.manager):
            with self.subTest(user=user.login):
                self.complaint.with_user(user).check_access("write")
        # an agent: tickets without a team are the desk's
        self.complaint.with_user(self.agent).check_access("write")

    # -- §2.6 portal -----------------------------------------------------------
    def test_portal_customer_reads_customer_facing_fields_only(self):
        complaint = self.complaint.with_user(self.customer)
        values = complaint.read(CUSTOMER_FIELDS)[0]
        self.assertEqual(values["cs_customer_reply"], "We are on it")
        for fname in INTERNAL_FIELDS:
            with self.subTest(field=fname):
                with self.assertRaises(AccessError):
                    complaint.read([fname])
                if not complaint._fields[fname].type.endswith("2many"):
                    with self.assertRaises(AccessError):
                        complaint.search_read([(fname, "!=", False)], ["name"])
        # the fields a portal user is told about: no internal one
        self.assertFalse(set(INTERNAL_FIELDS) & set(complaint.fields_get()))
        readable = [
            f
            for f, d in complaint.fields_get(attributes=["type"]).items()
            if not d["type"].endswith("2many")
        ]
        self.assertNotIn("SECRET", str(complaint.read(readable)))

    def test_portal_customer_never_sees_internal_messages(self):
        complaint = self.complaint.with_user(self.customer)
        bodies = complaint.message_ids.mapped("body")
        self.assertFalse([b for b in bodies if "SECRET-INTERNAL-NOTE" in b])
        found = (
            self.env["mail.message"]
            .with_user(self.customer)
            .search(
                [("model", "=", "helpdesk.ticket"), ("res_id", "=", self.complaint.id)]
            )
        )
        self.assertFalse(
            [b for b in found.mapped("body") if "SECRET-INTERNAL-NOTE" in b]
        )

    def test_portal_customer_does_not_see_other_customers_tickets(self):
        other = new_test_user(
            self.env, login="cs_acc_other", groups="base.group_portal"
        )
        self.assertFalse(
            self.env["helpdesk.ticket"]
            .with_user(other)
            .search([("id", "=", self.complaint.id)])
        )


@tagged("post_install", "-at_install")
class TestCompanyRules(CsRolesCase):
    """§2.8: a second company's SLA policies, phrases, steps and remedies,
    and its contacts in create_ticket, stay out of the first one's reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Estate Co"})
        cls.policy = cls.env["cs.sla.policy"].create(
            {
                "name": "Other policy",
                "company_id": cls.other_company.id,
                "resolution_hours": 8,
                "calendar_id": cls.env["resource.calendar"]
                .create({"name": "Other", "company_id": cls.other_company.id})
                .id,
            }
        )
        cls.phrase = cls.env["cs.forbidden.phrase"].create(
            {"name": "OTHER-CO-PHRASE", "company_id": cls.other_company.id}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Other company's complaint",
                "description": "<p>x</p>",
                "cs_kind": "complaint",
                "company_id": cls.other_company.id,
            }
        )
        cls.step = cls.env["cs.ticket.step"].create(
            {"ticket_id": cls.ticket.id, "step": "register"}
        )
        cls.remedy = cls.env["cs.ticket.remedy"].create(
            {"ticket_id": cls.ticket.id, "name": "Other remedy"}
        )
        cls.other_contact = cls.env["res.partner"].create(
            {
                "name": "Other company's owner",
                "phone": "+86 139 0000 7777",
                "company_id": cls.other_company.id,
            }
        )

    def test_company_bound_models_stay_in_their_company(self):
        for user in (self.agent, self.supervisor, self.manager):
            for record in (
                self.policy,
                self.phrase,
                self.step,
                self.remedy,
                self.ticket,
            ):
                with self.subTest(user=user.login, model=record._name):
                    self.assertFalse(
                        record.with_user(user).search([("id", "=", record.id)])
                    )
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["id"])

    def test_phrases_of_another_company_do_not_apply(self):
        found = (
            self.env["cs.forbidden.phrase"]
            .with_user(self.agent)
            ._cs_find("OTHER-CO-PHRASE")
        )
        self.assertFalse(found)

    def test_create_ticket_never_attaches_another_companys_contact(self):
        api = self.env["cs.api"].with_user(self.integration)
        values = {
            "kind": "repair",
            "subject": "Door",
            "description": "Broken",
            "channel": "api",
        }
        with self.assertRaisesRegex(UserError, "No contact"):
            api.create_ticket(dict(values, partner_id=self.other_contact.id))
        created = api.create_ticket(dict(values, phone="+86 139 0000 7777"))
        ticket = self.env["helpdesk.ticket"].browse(created["id"])
        self.assertNotEqual(ticket.partner_id, self.other_contact)
        self.assertFalse(ticket.partner_id.company_id)
        self.assertEqual(ticket.company_id, self.env.company)

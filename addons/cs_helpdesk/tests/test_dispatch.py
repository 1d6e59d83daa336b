# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestDispatch(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engineering = cls.env["hr.department"].create({"name": "Engineering"})
        cls.cleaning = cls.env["hr.department"].create({"name": "Cleaning"})
        cls.engineer = new_test_user(cls.env, login="cs_engineer", name="Engineer")
        cls.cleaner = new_test_user(cls.env, login="cs_cleaner", name="Cleaner")
        cls.env["hr.employee"].create(
            [
                {
                    "name": "Engineer",
                    "user_id": cls.engineer.id,
                    "department_id": cls.engineering.id,
                },
                {
                    "name": "Cleaner",
                    "user_id": cls.cleaner.id,
                    "department_id": cls.cleaning.id,
                },
            ]
        )
        Ticket = cls.env["helpdesk.ticket"]
        cls.leak = Ticket.create(
            {"name": "Leak", "description": "<p>x</p>", "cs_kind": "repair"}
        )
        cls.other = Ticket.create({"name": "Other", "description": "<p>y</p>"})
        cls.due = date.today() + timedelta(days=2)

    def _dispatch(self, ticket, department, user=None, deadline=None):
        wizard = (
            self.env["cs.ticket.dispatch"]
            .with_user(self.supervisor)
            .create(
                {
                    "ticket_id": ticket.id,
                    "department_id": department.id,
                    "user_id": user.id if user else False,
                    "deadline": deadline or self.due,
                }
            )
        )
        return wizard.action_dispatch()

    def test_department_members_see_and_work_only_their_tickets(self):
        Ticket = self.env["helpdesk.ticket"]
        self.assertFalse(Ticket.with_user(self.engineer).search([]))
        self._dispatch(self.leak, self.engineering)
        self.assertRecordValues(
            self.leak,
            [
                {
                    "cs_dispatch_department_id": self.engineering.id,
                    "cs_dispatch_deadline": self.due,
                    "cs_dispatched_by_id": self.supervisor.id,
                }
            ],
        )
        self.assertEqual(Ticket.with_user(self.engineer).search([]), self.leak)
        self.leak.with_user(self.engineer).notes = "<p>Valve replaced</p>"
        with self.assertRaises(AccessError):
            self.other.with_user(self.engineer).read(["name"])
        self.assertFalse(Ticket.with_user(self.cleaner).search([]))
        with self.assertRaises(AccessError):
            Ticket.with_user(self.engineer).create({"name": "x", "description": "<p/>"})

    def test_dispatched_person_sees_it_outside_the_department(self):
        self._dispatch(self.leak, self.engineering, user=self.cleaner)
        self.assertEqual(
            self.env["helpdesk.ticket"].with_user(self.cleaner).search([]), self.leak
        )
        activity = self.leak.activity_ids.filtered(lambda a: a.user_id == self.cleaner)
        self.assertEqual(activity.date_deadline, self.due)

    def test_agents_keep_their_tickets(self):
        self.assertIn(
            self.other, self.env["helpdesk.ticket"].with_user(self.agent).search([])
        )

    def test_only_supervisors_dispatch_with_a_future_date(self):
        with self.assertRaisesRegex(UserError, "supervisor"):
            self.leak.with_user(self.agent)._cs_dispatch(self.engineering, self.due)
        with self.assertRaisesRegex(UserError, "past"):
            self._dispatch(self.leak, self.engineering, deadline=date(2020, 1, 1))
        self.assertFalse(self.leak.cs_dispatch_department_id)


@tagged("post_install", "-at_install")
class TestDispatchWithoutEmail(CsRolesCase):
    """Issue 10 §1.2: staff without an e-mail address dispatch; a refused
    dispatch leaves nothing behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor_no_mail = new_test_user(
            cls.env,
            login="cs_sup_nomail",
            name="Supervisor Without Mail",
            groups="cs_callcenter.group_supervisor",
            email=False,
        )
        cls.engineer = new_test_user(
            cls.env, login="cs_eng_nomail", name="Engineer", email=False
        )
        cls.engineering = cls.env["hr.department"].create({"name": "Engineering"})
        manager = cls.env["hr.employee"].create(
            {"name": "Head of engineering", "user_id": cls.engineer.id}
        )
        cls.engineering.manager_id = manager
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Leak", "description": "<p>x</p>", "cs_kind": "complaint"}
        )
        cls.due = date.today() + timedelta(days=2)

    def test_supervisor_without_email_dispatches(self):
        self.assertFalse(self.supervisor_no_mail.email)
        self.env["cs.ticket.dispatch"].with_user(self.supervisor_no_mail).create(
            {
                "ticket_id": self.ticket.id,
                "department_id": self.engineering.id,
                "deadline": self.due,
            }
        ).action_dispatch()
        self.assertEqual(self.ticket.cs_dispatch_department_id, self.engineering)
        self.assertEqual(self.ticket.cs_dispatched_by_id, self.supervisor_no_mail)
        note = self.ticket.message_ids.filtered(
            lambda m: "Dispatched to" in (m.body or "")
        )
        self.assertEqual(note.author_id, self.supervisor_no_mail.partner_id)
        # the department's head (also without e-mail) gets the activity and
        # may open the ticket: it is theirs to work
        activity = self.ticket.activity_ids.filtered(
            lambda a: a.user_id == self.engineer
        )
        self.assertEqual(activity.date_deadline, self.due)
        self.ticket.with_user(self.engineer).check_access("write")

    def _try(self, **kwargs):
        """Dispatch without the savepoint of assertRaises, so that anything
        written before the refusal would still be there."""
        try:
            self.ticket.with_user(self.supervisor_no_mail)._cs_dispatch(**kwargs)
        except UserError as error:
            return error
        return None

    def test_refused_dispatch_writes_nothing(self):
        portal = new_test_user(
            self.env, login="cs_disp_portal", groups="base.group_portal"
        )
        other_company = self.env["res.company"].create({"name": "Elsewhere"})
        abroad = self.env["hr.department"].create(
            {"name": "Abroad", "company_id": other_company.id}
        )
        messages = len(self.ticket.message_ids)
        for kwargs in (
            {"department": self.engineering, "deadline": self.due, "user": portal},
            {"department": abroad, "deadline": self.due},
            {"department": self.engineering, "deadline": date(2020, 1, 1)},
        ):
            self.assertTrue(self._try(**kwargs), kwargs)
        self.ticket.invalidate_recordset()
        self.assertFalse(self.ticket.cs_dispatch_department_id)
        self.assertFalse(self.ticket.cs_dispatch_date)
        self.assertFalse(self.ticket.activity_ids)
        self.assertEqual(len(self.ticket.message_ids), messages)

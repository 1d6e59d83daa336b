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

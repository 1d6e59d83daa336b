# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees and works which ticket: one fixture, every role."""

from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestRecordRules(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        engineering = cls.env["hr.department"].create({"name": "Engineering"})
        cls.engineer = new_test_user(cls.env, login="cs_rr_engineer", name="Engineer")
        cls.env["hr.employee"].create(
            {
                "name": "Engineer",
                "user_id": cls.engineer.id,
                "department_id": engineering.id,
            }
        )
        desk = cls.env["helpdesk.ticket.team"].create(
            {"name": "Agent desk", "user_ids": [(6, 0, cls.agent.ids)]}
        )
        elsewhere = cls.env["helpdesk.ticket.team"].create({"name": "Back office"})
        Ticket = cls.env["helpdesk.ticket"]
        cls.tickets = {
            "desk": Ticket.create(
                {"name": "Desk", "description": "<p>x</p>", "team_id": desk.id}
            ),
            "elsewhere": Ticket.create(
                {
                    "name": "Elsewhere",
                    "description": "<p>x</p>",
                    "team_id": elsewhere.id,
                    "user_id": cls.manager.id,
                }
            ),
            "dispatched": Ticket.create(
                {
                    "name": "Dispatched",
                    "description": "<p>x</p>",
                    "team_id": elsewhere.id,
                    "user_id": cls.manager.id,
                }
            ),
        }
        cls.tickets["dispatched"].with_user(cls.supervisor)._cs_dispatch(
            engineering, date.today() + timedelta(days=1)
        )
        created = (
            cls.env["cs.api"]
            .with_user(cls.integration)
            .create_ticket(
                {
                    "kind": "repair",
                    "subject": "From the app",
                    "description": "Door",
                    "channel": "wechat",
                    "phone": "+86 139 0000 5555",
                }
            )
        )
        cls.tickets["api"] = Ticket.browse(created["id"])
        cls.tickets["api"].team_id = elsewhere

    def _visible(self, user):
        Ticket = self.env["helpdesk.ticket"].with_user(user)
        ids = set(Ticket.search([]).ids)
        return {name for name, ticket in self.tickets.items() if ticket.id in ids}

    def _writable(self, user):
        names = set()
        for name, ticket in self.tickets.items():
            try:
                ticket.with_user(user).check_access("write")
            except AccessError:
                continue
            names.add(name)
        return names

    def test_ticket_matrix(self):
        everything = set(self.tickets)
        expected = {
            # agents: their teams' tickets (helpdesk_mgmt team rule)
            self.agent: ({"desk"}, {"desk"}),
            # department members: what is dispatched to their department
            self.engineer: ({"dispatched"}, {"dispatched"}),
            self.supervisor: (everything, everything),
            self.manager: (everything, everything),
            # partner systems: nothing outside cs.api, not even their own
            self.integration: (set(), set()),
            # other internal staff: nothing of the complaint desk
            self.fee_officer: (set(), set()),
        }
        for user, (read, write) in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user), read)
                self.assertEqual(self._writable(user), write)

    def test_integration_reads_its_own_tickets_through_the_api_only(self):
        api = self.env["cs.api"].with_user(self.integration)
        number = self.tickets["api"].number
        self.assertEqual(api.ticket_status(number)["number"], number)
        with self.assertRaises(AccessError):
            self.tickets["api"].with_user(self.integration).read(["name"])
        with self.assertRaisesRegex(Exception, "No ticket"):
            api.ticket_status(self.tickets["desk"].number)

    def test_sla_policies_readable_by_staff_managed_by_managers(self):
        policy = self.env.ref("cs_helpdesk.cs_sla_policy_standard")
        for user in (self.agent, self.engineer, self.supervisor):
            with self.subTest(user=user.login):
                policy.with_user(user).check_access("read")
                with self.assertRaises(AccessError):
                    policy.with_user(user).check_access("write")
        policy.with_user(self.manager).check_access("write")
        with self.assertRaises(AccessError):
            policy.with_user(self.integration).check_access("read")

    def test_remedies_and_steps_follow_their_ticket(self):
        Remedy = self.env["cs.ticket.remedy"]
        remedies = {
            name: Remedy.create({"ticket_id": ticket.id, "name": f"Fix {name}"})
            for name, ticket in self.tickets.items()
        }
        for user in (self.agent, self.engineer, self.supervisor, self.fee_officer):
            with self.subTest(user=user.login):
                found = Remedy.with_user(user).search([])
                self.assertEqual(
                    {name for name, r in remedies.items() if r in found},
                    self._visible(user),
                )
        # the department member opens the dispatched ticket's complaint page
        ticket = self.tickets["dispatched"].with_user(self.engineer)
        values = ticket.read(["cs_remedy_ids", "cs_step_ids"])[0]
        self.assertEqual(values["cs_remedy_ids"], remedies["dispatched"].ids)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Workflow fields move only through their workflow methods (issue 10 §2.4):
a user's plain create/write of one is refused naming the field; the
superuser, administrators and the workflow methods themselves go through."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase

# field: a value a user might try to force
TICKET_FIELDS = {
    # the complaint loop
    "cs_step": "reviewed",
    "cs_founded": "founded",
    # dispatch
    "cs_dispatch_deadline": "2030-01-01",
    "cs_dispatch_date": "2030-01-01 00:00:00",
    # SLA
    "cs_sla_deadline": "2099-01-01 00:00:00",
    "cs_sla_next_deadline": "2099-01-01 00:00:00",
    "cs_sla_response_deadline": "2099-01-01 00:00:00",
    "cs_sla_risk_date": "2099-01-01 00:00:00",
    "cs_sla_status": "met",
    "cs_sla_escalation": "breached",
    "cs_sla_pause_start": "2030-01-01 00:00:00",
    "cs_sla_paused_hours": 500.0,
    "cs_sla_start": "2030-01-01 00:00:00",
    # KPIs
    "cs_first_response_date": "2020-01-01 00:00:00",
    "cs_response_count": 0,
    "cs_reopen_count": 0,
}


@tagged("post_install", "-at_install")
class TestWorkflowGuard(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "Engineering"})
        cls.ticket = (
            cls.env["helpdesk.ticket"]
            .with_user(cls.agent)
            .create(
                {
                    "name": "Lift noise",
                    "description": "<p>x</p>",
                    "cs_kind": "complaint",
                    "cs_department_id": cls.department.id,
                }
            )
        )

    def _at_remedy(self):
        ticket = self.ticket.with_user(self.agent)
        ticket.action_cs_founded()
        ticket.write(
            {
                "cs_responsible_id": self.agent.id,
                "cs_cause": "facilities",
                "cs_root_cause": "Worn pulley",
            }
        )
        ticket.action_cs_investigated()
        return ticket

    def test_agent_cannot_write_workflow_fields(self):
        ticket = self.ticket.with_user(self.agent)
        for fname, value in TICKET_FIELDS.items():
            with (
                self.subTest(field=fname),
                self.assertRaisesRegex(AccessError, rf"\({fname}\)"),
            ):
                ticket.write({fname: value})
        for fname in ("cs_dispatch_department_id", "cs_sla_policy_id"):
            with (
                self.subTest(field=fname),
                self.assertRaisesRegex(AccessError, rf"\({fname}\)"),
            ):
                ticket.write({fname: False})
        self.assertEqual(self.ticket.cs_step, "register")
        # what the agent types stays theirs
        ticket.write({"cs_root_cause": "Worn pulley", "priority": "2"})

    def test_supervisor_and_manager_neither(self):
        for user in (self.supervisor, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, r"\(cs_step\)"),
            ):
                self.ticket.with_user(user).write({"cs_step": "reviewed"})

    def test_create_with_workflow_values_or_defaults_is_refused(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        values = {"name": "x", "description": "<p>x</p>", "cs_kind": "complaint"}
        with self.assertRaisesRegex(AccessError, r"\(cs_step\)"):
            Ticket.create(dict(values, cs_step="closed"))
        with self.assertRaisesRegex(AccessError, r"\(cs_sla_status\)"):
            Ticket.create(dict(values, cs_sla_status="met"))
        with self.assertRaisesRegex(AccessError, r"\(cs_founded\)"):
            Ticket.with_context(default_cs_founded="unfounded").create(values)
        # the step log cannot be sent along either
        with self.assertRaisesRegex(AccessError, r"\(cs_step_ids\)"):
            Ticket.create(dict(values, cs_step_ids=[(0, 0, {"step": "reviewed"})]))

    def test_step_log_written_by_the_workflow_only(self):
        Step = self.env["cs.ticket.step"].with_user(self.agent)
        with self.assertRaises(AccessError):
            Step.create(
                {
                    "ticket_id": self.ticket.id,
                    "step": "reviewed",
                    "user_id": self.supervisor.id,
                }
            )
        with self.assertRaisesRegex(AccessError, r"\(cs_step_ids\)"):
            self.ticket.with_user(self.agent).write(
                {
                    "cs_step_ids": [
                        (0, 0, {"step": "reviewed", "user_id": self.supervisor.id})
                    ]
                }
            )
        self.ticket.with_user(self.agent).action_cs_founded()
        step = self.ticket.cs_step_ids
        self.assertEqual((step.step, step.user_id), ("register", self.agent))
        for user in (self.agent, self.manager):
            with self.assertRaises(AccessError):
                step.with_user(user).write({"user_id": self.supervisor.id})
            with self.assertRaises(AccessError):
                step.with_user(user).unlink()

    def test_workflow_methods_write_through_the_guard(self):
        ticket = self._at_remedy()
        self.assertEqual(ticket.cs_step, "remedy")
        self.assertEqual(ticket.cs_step_ids.mapped("user_id"), self.agent)
        # dispatch and SLA are written by their methods for a supervisor
        self.ticket.with_user(self.supervisor)._cs_dispatch(
            self.department, date.today() + timedelta(days=1)
        )
        self.assertEqual(self.ticket.cs_dispatch_department_id, self.department)

    def test_remedy_state_approval_and_amount(self):
        ticket = self._at_remedy()
        Remedy = self.env["cs.ticket.remedy"].with_user(self.agent)
        with self.assertRaisesRegex(AccessError, r"\(state\)"):
            Remedy.create(
                {"ticket_id": ticket.id, "name": "Refund", "state": "approved"}
            )
        with self.assertRaisesRegex(AccessError, r"\(decided_by_id\)"):
            Remedy.create(
                {
                    "ticket_id": ticket.id,
                    "name": "Refund",
                    "decided_by_id": self.supervisor.id,
                }
            )
        with self.assertRaisesRegex(AccessError, r"\(state\)"):
            ticket.write(
                {"cs_remedy_ids": [(0, 0, {"name": "Refund", "state": "approved"})]}
            )
        remedy = Remedy.create({"ticket_id": ticket.id, "name": "Refund", "amount": 50})
        # the proposal may be corrected until it is decided
        remedy.amount = 80
        for fname, value in (
            ("state", "approved"),
            ("decided_by_id", self.supervisor.id),
            ("decided_date", "2030-01-01 00:00:00"),
        ):
            with (
                self.subTest(field=fname),
                self.assertRaisesRegex(AccessError, rf"\({fname}\)"),
            ):
                remedy.write({fname: value})
        with self.assertRaisesRegex(AccessError, r"\(ticket_id\)"):
            remedy.write({"ticket_id": self.ticket.copy().id})
        remedy.with_user(self.supervisor).action_approve()
        self.assertEqual(remedy.state, "approved")
        with self.assertRaisesRegex(AccessError, r"\(amount\)"):
            remedy.write({"amount": 5000})
        with self.assertRaisesRegex(AccessError, r"\(amount\)"):
            remedy.with_user(self.supervisor).write({"amount": 5000})
        self.assertEqual(remedy.amount, 80)

    def test_remedy_only_at_the_remedy_step(self):
        with self.assertRaisesRegex(UserError, "remedy step"):
            self.env["cs.ticket.remedy"].with_user(self.agent).create(
                {"ticket_id": self.ticket.id, "name": "Too early"}
            )

    def test_superuser_and_administrators_are_not_guarded(self):
        # data files, demo data and upstream tests run as the superuser
        self.env["helpdesk.ticket"].browse(self.ticket.id).write(
            {"cs_sla_status": "met", "cs_step": "investigate"}
        )
        # and a user's record in sudo mode
        self.ticket.sudo().write({"cs_sla_escalation": "at_risk"})
        admin = new_test_user(
            self.env,
            login="cs_guard_admin",
            groups="base.group_system,helpdesk_mgmt.group_helpdesk_manager",
        )
        self.ticket.with_user(admin).write({"cs_step": "remedy"})
        self.assertEqual(self.ticket.cs_step, "remedy")

    def test_form_of_an_agent_saves(self):
        """The web client never sends the read-only workflow fields."""
        with Form(self.env["helpdesk.ticket"].with_user(self.agent)) as form:
            form.name = "From the form"
            form.description = "<p>x</p>"
            form.cs_kind = "complaint"
        self.assertEqual(form.record.cs_step, "register")

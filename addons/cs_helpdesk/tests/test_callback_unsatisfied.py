# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An unsatisfied customer's complaint (issue 10): recorded by staff without
e-mail, checked before anything is written, the link kept by the workflow;
ticket-based campaigns survive the uninstallation of cs_helpdesk."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase, contact_by_visit


@tagged("post_install", "-at_install")
class TestCallbackUnsatisfied(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_mailless_staff("cs_cbu")
        cls.customers = cls.env["res.partner"].create(
            [{"name": f"Owner {i}", "mobile": f"+86 139 0000 81{i}0"} for i in range(2)]
        )
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with freeze_time(datetime(2026, 11, 20, 2, 0)):
            tickets = cls.env["helpdesk.ticket"].create(
                [
                    {
                        "name": "Leak",
                        "description": "<p>x</p>",
                        "partner_id": customer.id,
                        "cs_kind": "repair",
                    }
                    for customer in cls.customers
                ]
            )
            tickets.stage_id = cls.done
            cls.campaign = cls.env["cs.callback.campaign"].create(
                {
                    "name": "After repairs",
                    "purpose": "after_service",
                    "target_source": "closed_tickets",
                    "date_from": "2026-11-01",
                    "agent_ids": [(6, 0, cls.mailless_agent.ids)],
                    "user_id": cls.mailless_supervisor.id,
                }
            )
            cls.campaign.action_generate()
        contact_by_visit(cls.campaign.task_ids)
        cls.tasks = cls.campaign.task_ids.with_user(cls.mailless_agent)

    def test_mailless_agent_opens_the_complaint_for_a_mailless_supervisor(self):
        task = self.tasks[0]
        task.write({"satisfaction": "1", "comment": "Water again"})
        task.action_unsatisfied()
        self.assertEqual((task.state, task.outcome), ("done", "unsatisfied"))
        ticket = task.cs_ticket_id
        self.assertEqual(ticket.cs_kind, "complaint")
        self.assertEqual(ticket.user_id, self.mailless_supervisor)
        for user in (self.mailless_agent, self.mailless_supervisor):
            with self.assertRaisesRegex(AccessError, "cs_ticket_id"):
                task.with_user(user).write({"cs_ticket_id": False})

    def test_a_refused_unsatisfied_opens_no_complaint_and_writes_nothing(self):
        first, second = self.tasks
        first.write({"satisfaction": "1", "comment": "Water again"})
        Ticket = self.env["helpdesk.ticket"]
        before = Ticket.search_count([])
        try:
            (first | second).action_unsatisfied()  # the second has no score
        except UserError as error:
            self.assertIn("satisfaction", str(error))
        else:
            self.fail("an unsatisfied result without a score was recorded")
        # no savepoint rolled anything back: nothing was created or written
        self.assertEqual(Ticket.search_count([]), before)
        self.assertEqual((first.state, first.outcome), ("open", False))
        self.assertFalse(first.cs_ticket_id)

    def test_uninstalling_helpdesk_does_not_call_every_contact(self):
        self.campaign.action_start()
        self.tasks[0].action_wrong_number()
        selection = self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "cs.callback.campaign"),
                ("field_id.name", "=", "target_source"),
                ("value", "=", "closed_tickets"),
            ]
        )
        # what the uninstallation of cs_helpdesk does with the value
        selection._process_ondelete()
        campaign = self.campaign
        self.assertFalse(campaign.active)
        self.assertEqual(campaign.state, "done")
        self.assertEqual(len(campaign.task_ids), 2)  # results kept
        campaign.state = "draft"
        self.assertFalse(campaign._cs_targets())  # nobody, not every contact

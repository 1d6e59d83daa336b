# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Callbacks meet tickets: closed tickets as targets, the follow-up call of
a closed complaint, an unsatisfied customer's new complaint."""

from datetime import datetime

from odoo.tests import freeze_time, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase, contact_by_visit


@tagged("post_install", "-at_install")
class TestCallbackFollowUp(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Owner Wu", "mobile": "+86 139 0000 6000", "tz": "Asia/Shanghai"}
        )
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.campaign = cls.env["cs.callback.campaign"].create(
            {
                "name": "After repairs",
                "purpose": "after_service",
                "target_source": "closed_tickets",
                "ticket_kind": "repair",
                "date_from": "2026-11-01",
                "date_to": "2026-11-30",
                "agent_ids": [(6, 0, cls.agent.ids)],
                "user_id": cls.supervisor.id,
            }
        )

    def _ticket(self, **values):
        return self.env["helpdesk.ticket"].create(
            {"name": "Leak", "description": "<p>x</p>", "partner_id": self.customer.id}
            | values
        )

    def test_closed_tickets_of_the_period_are_the_targets(self):
        with freeze_time(datetime(2026, 11, 20, 2, 0)):
            repair = self._ticket(cs_kind="repair")
            repair.stage_id = self.done
            inquiry = self._ticket(cs_kind="inquiry")
            inquiry.stage_id = self.done
            anonymous = self._ticket(cs_kind="repair", partner_id=False)
            anonymous.stage_id = self.done
            self._ticket(cs_kind="repair")  # still open
            self.assertEqual(self.campaign.action_generate(), 1)
        task = self.campaign.task_ids
        self.assertEqual(task.source_ref, repair)
        self.assertEqual(task.partner_id, self.customer)
        self.assertEqual(task.due_date, datetime(2026, 11, 23, 2, 0))
        # a second repair of the same customer is another target
        with freeze_time(datetime(2026, 11, 21, 2, 0)):
            second = self._ticket(cs_kind="repair")
            second.stage_id = self.done
            self.assertEqual(self.campaign.action_generate(), 1)
        self.assertEqual(
            {t.source_ref for t in self.campaign.task_ids}, {repair, second}
        )

    def test_closing_a_complaint_queues_the_follow_up_call(self):
        self.campaign.action_start()
        complaint = self._ticket(
            cs_kind="complaint",
            cs_founded="founded",
            cs_step="confirm",
            cs_confirmation="phone",
        )
        complaint.action_cs_confirmed()
        task = self.campaign.task_ids.filtered(lambda t: t.source_ref == complaint)
        self.assertEqual(task.user_id, self.agent)
        self.assertFalse(complaint.activity_ids)
        # without a running after-service campaign: an activity, as before
        self.campaign.action_done()
        other = self._ticket(
            cs_kind="complaint",
            cs_founded="founded",
            cs_step="confirm",
            cs_confirmation="phone",
        )
        other.action_cs_confirmed()
        self.assertEqual(other.activity_ids.activity_type_id.category, "phonecall")
        self.assertFalse(
            self.campaign.task_ids.filtered(lambda t: t.source_ref == other)
        )

    def test_unsatisfied_customer_opens_a_complaint(self):
        with freeze_time(datetime(2026, 11, 20, 2, 0)):
            repair = self._ticket(cs_kind="repair")
            repair.stage_id = self.done
            self.campaign.action_generate()
            contact_by_visit(self.campaign.task_ids)
            task = self.campaign.task_ids.with_user(self.agent)
            task.write({"satisfaction": "1", "comment": "Water again"})
            task.action_unsatisfied()
        ticket = task.cs_ticket_id
        self.assertEqual(ticket.cs_kind, "complaint")
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.user_id, self.supervisor)
        self.assertIn("Water again", ticket.description)
        self.assertIn(repair.display_name, ticket.description)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestComplaintLoop(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "Engineering"})
        cls.customer = cls.env["res.partner"].create({"name": "Qian Jin"})

    def _complaint(self, **values):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                dict(
                    {
                        "name": "Lift noise",
                        "description": "<p>All night</p>",
                        "cs_kind": "complaint",
                        "partner_id": self.customer.id,
                    },
                    **values,
                )
            )
        )

    def _steps(self, ticket):
        return ticket.cs_step_ids.mapped("step")

    def test_full_loop_from_register_to_review(self):
        ticket = self._complaint()
        self.assertEqual(ticket.cs_step, "register")
        ticket.cs_department_id = self.department
        ticket.action_cs_founded()
        self.assertEqual(
            (ticket.cs_step, ticket.cs_founded), ("investigate", "founded")
        )
        ticket.write(
            {
                "cs_responsible_id": self.agent.id,
                "cs_cause": "facilities",
                "cs_root_cause": "Worn pulley",
            }
        )
        ticket.action_cs_investigated()
        self.assertEqual(ticket.cs_step, "remedy")
        cheap, good = (
            self.env["cs.ticket.remedy"]
            .with_user(self.agent)
            .create(
                [
                    {"ticket_id": ticket.id, "name": "Apologise"},
                    {"ticket_id": ticket.id, "name": "Replace pulley", "amount": 200},
                ]
            )
        )
        cheap.reject_reason = "Not enough"
        cheap.with_user(self.supervisor).action_reject()
        self.assertEqual(ticket.cs_step, "remedy")
        good.with_user(self.supervisor).action_approve()
        self.assertEqual(good.decided_by_id, self.supervisor)
        self.assertEqual(ticket.cs_step, "implement")
        ticket.cs_actions_taken = "Pulley replaced on 3 May"
        ticket.action_cs_implemented()
        ticket.cs_confirmation = "phone"
        ticket.action_cs_confirmed()
        self.assertEqual(ticket.cs_step, "closed")
        self.assertTrue(ticket.stage_id.closed)
        follow_up = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(len(follow_up), 1)
        ticket.cs_review_summary = "Maintenance contract to be renegotiated"
        ticket.with_user(self.supervisor).action_cs_review()
        self.assertEqual(ticket.cs_step, "reviewed")
        self.assertEqual(
            self._steps(ticket),
            ["register", "investigate", "remedy", "implement", "confirm", "reviewed"],
        )
        self.assertEqual(ticket.cs_step_ids[2].user_id, self.supervisor)
        self.assertIn("Replace pulley", ticket.cs_step_ids[2].note)

    def test_unfounded_needs_reason_and_reply_then_closes(self):
        ticket = self._complaint()
        with self.assertRaisesRegex(UserError, "Why Unfounded.*Reply to the Customer"):
            ticket.action_cs_unfounded()
        ticket.write(
            {
                "cs_unfounded_reason": "Noise is from the street works",
                "cs_customer_reply": "We asked the city for the work schedule",
            }
        )
        ticket.action_cs_unfounded()
        self.assertEqual((ticket.cs_step, ticket.cs_founded), ("closed", "unfounded"))
        self.assertTrue(ticket.stage_id.closed)
        self.assertEqual(self._steps(ticket), ["unfounded"])

    def test_founded_needs_the_department(self):
        ticket = self._complaint()
        with self.assertRaisesRegex(UserError, "Responsible Department"):
            ticket.action_cs_founded()
        self.assertEqual(ticket.cs_step, "register")

    def test_steps_cannot_be_skipped(self):
        ticket = self._complaint(cs_department_id=self.department.id)
        for action in (
            "action_cs_investigated",
            "action_cs_implemented",
            "action_cs_confirmed",
            "action_cs_reopen",
        ):
            with self.subTest(action=action), self.assertRaisesRegex(UserError, "step"):
                getattr(ticket, action)()
        with self.assertRaisesRegex(UserError, "step"):
            ticket.with_user(self.supervisor).action_cs_review()
        self.assertEqual(ticket.cs_step, "register")
        self.assertFalse(ticket.cs_step_ids)

    def test_investigation_needs_every_finding(self):
        ticket = self._complaint(cs_department_id=self.department.id)
        ticket.action_cs_founded()
        with self.assertRaisesRegex(
            UserError, "Responsible Person.*Cause Category.*Root Cause"
        ):
            ticket.action_cs_investigated()

    def _at_remedy(self):
        ticket = self._complaint(cs_department_id=self.department.id)
        ticket.action_cs_founded()
        ticket.write(
            {
                "cs_responsible_id": self.agent.id,
                "cs_cause": "billing",
                "cs_root_cause": "Wrong meter reading",
            }
        )
        ticket.action_cs_investigated()
        remedy = self.env["cs.ticket.remedy"].create(
            {"ticket_id": ticket.id, "name": "Refund the difference", "amount": 35}
        )
        return ticket, remedy

    def test_only_a_supervisor_decides_remedies(self):
        ticket, remedy = self._at_remedy()
        with self.assertRaises(AccessError):
            remedy.with_user(self.agent).action_approve()
        remedy.with_user(self.supervisor).action_approve()
        with self.assertRaisesRegex(UserError, "not waiting"):
            remedy.with_user(self.supervisor).action_approve()
        self.assertEqual(ticket.cs_step, "implement")

    def test_rejection_needs_a_reason(self):
        ticket, remedy = self._at_remedy()
        with self.assertRaisesRegex(UserError, "reason"):
            remedy.with_user(self.supervisor).action_reject()
        self.assertEqual(remedy.state, "proposed")
        self.assertEqual(ticket.cs_step, "remedy")

    def _at_confirm(self):
        ticket, remedy = self._at_remedy()
        remedy.with_user(self.supervisor).action_approve()
        ticket.cs_actions_taken = "Refunded"
        ticket.action_cs_implemented()
        return ticket

    def test_paper_confirmation_needs_the_signed_sheet(self):
        ticket = self._at_confirm()
        with self.assertRaisesRegex(UserError, "Customer Confirmation"):
            ticket.action_cs_confirmed()
        ticket.cs_confirmation = "paper"
        with self.assertRaisesRegex(UserError, "signed confirmation"):
            ticket.action_cs_confirmed()
        self.env["ir.attachment"].create(
            {
                "name": "signed.pdf",
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
                "raw": b"%PDF-1.4 signed",
            }
        )
        ticket.invalidate_recordset(["attachment_ids"])
        ticket.action_cs_confirmed()
        self.assertEqual(ticket.cs_step, "closed")

    def test_review_by_supervisors_only(self):
        ticket = self._at_confirm()
        ticket.cs_confirmation = "phone"
        ticket.action_cs_confirmed()
        ticket.cs_review_summary = "Meter readings double-checked from now on"
        with self.assertRaisesRegex(UserError, "supervisor"):
            ticket.with_user(self.agent).action_cs_review()
        ticket.with_user(self.supervisor).action_cs_review()
        self.assertEqual(ticket.cs_step, "reviewed")

    def test_reopen_is_counted_and_goes_back_to_investigation(self):
        ticket = self._at_confirm()
        ticket.cs_confirmation = "phone"
        ticket.action_cs_confirmed()
        ticket.action_cs_reopen()
        self.assertEqual(ticket.cs_step, "investigate")
        self.assertFalse(ticket.stage_id.closed)
        self.assertEqual(ticket.cs_reopen_count, 1)
        self.assertTrue(ticket.cs_last_reopen_date)
        self.assertEqual(self._steps(ticket)[-1], "reopened")

    def test_loop_only_for_complaints(self):
        inquiry = self._complaint(
            cs_kind="inquiry", cs_department_id=self.department.id
        )
        with self.assertRaisesRegex(UserError, "not a complaint"):
            inquiry.action_cs_founded()

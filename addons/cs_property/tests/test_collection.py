# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The property collection (催缴) on account_credit_control: the ladder
reminder → notice → phone → legal, its holds and pauses, and the proof of
notice that restarts the limitation period."""

from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import JAN, PropertyCase


class CollectionCase(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env.ref("cs_property.cs_collection_policy")
        cls.levels = cls.policy.level_ids.sorted("level")
        cls.today = fields.Date.today()
        # January's four fee invoices, due 2026-01-31
        PropertyCase._run(cls, JAN)
        cls.invoices = PropertyCase._lines(cls).move_id
        cls.inv_1, cls.inv_2, cls.inv_3, cls.inv_p = (
            cls.invoices.filtered(lambda move, unit=unit: move.cs_unit_id == unit)
            for unit in (cls.unit_1, cls.unit_2, cls.unit_3, cls.unit_p)
        )

    def _crun(self, day, user=None):
        run = (
            self.env["credit.control.run"]
            .with_user(user or self.fee_officer)
            .create({"date": day, "policy_ids": [fields.Command.set(self.policy.ids)]})
        )
        run.generate_credit_lines()
        return run

    def _live(self, **filters):
        domain = [
            ("state", "!=", "ignored"),
            ("policy_id", "=", self.policy.id),
            ("cs_estate_id", "=", self.estate.id),
        ]
        domain += [(key, "=", value) for key, value in filters.items()]
        return self.env["credit.control.line"].search(domain)

    def _tasks(self):
        return self.env["cs.callback.task"].search(
            [
                ("campaign_id.purpose", "=", "fee_reminder"),
                ("campaign_id.cs_estate_id", "=", self.estate.id),
            ]
        )

    def _send(self, lines, day):
        """The fee officer sends the lines (marks them done on ``day``)."""
        lines.with_user(self.fee_officer).write({"state": "sent", "date_sent": day})

    def _climb_to_phone(self, start):
        """Reminder on ``start``, notice 20 days later, phone 15 days later."""
        self._crun(start)
        self._send(self._live(level=1), start)
        self._crun(start + timedelta(days=20))
        self._send(self._live(level=2), start + timedelta(days=20))
        self._crun(start + timedelta(days=35))
        return self._live(level=3)


@tagged("post_install", "-at_install")
class TestCollectionLadder(CollectionCase):
    def test_policy_is_data(self):
        self.assertTrue(self.policy.cs_property)
        self.assertEqual(
            self.levels.mapped("cs_stage"), ["reminder", "notice", "phone", "legal"]
        )
        self.assertEqual(
            self.levels.mapped("channel"), ["email", "letter", "phone", "letter"]
        )

    def test_level_order_and_idempotence(self):
        day = JAN + relativedelta(months=1, days=16)  # 2026-02-17
        self._crun(day)
        first = self._live()
        self.assertEqual(len(first), 4)
        self.assertEqual(set(first.mapped("level")), {1})
        self.assertEqual(first.invoice_id, self.invoices)
        # the owners have no email: upstream falls back to a letter
        self.assertEqual(set(first.mapped("channel")), {"letter"})
        # a second run the same day: one live line per invoice and level, the
        # replaced draft marked ignored (upstream's rule)
        self._crun(day)
        second = self._live()
        self.assertEqual(len(second), 4)
        self.assertFalse(first & second)
        self.assertEqual(set(first.mapped("state")), {"ignored"})
        # the next level only follows the previous one once it is sent
        self._crun(day + timedelta(days=30))
        self.assertEqual(set(self._live().mapped("level")), {1})
        self._send(self._live(), day + timedelta(days=30))
        self._crun(day + timedelta(days=46))
        self.assertEqual(len(self._live(level=2)), 4)
        # a run dated before a later one is refused (upstream)
        with self.assertRaises(UserError):
            self._crun(day)

    def test_live_line_unique_per_move_line_and_level(self):
        self._crun(JAN + relativedelta(months=1, days=16))
        line = self._live(invoice_id=self.inv_1.id)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            line.copy({"state": "draft"})
            self.env.flush_all()

    def test_phone_level_tasks_outcomes_and_hold(self):
        self.estate.cs_fee_officer_ids = self.fee_officer | self.agent
        start = self.today - timedelta(days=70)
        phone = self._climb_to_phone(start)
        self.assertEqual(len(phone), 4)
        self.assertEqual(set(phone.mapped("channel")), {"phone"})
        tasks = self._tasks()
        # one call per payer and unit, in the estate's fee-reminder campaign
        self.assertEqual(len(tasks), 4)
        campaign = tasks.campaign_id
        self.assertEqual(len(campaign), 1)
        self.assertEqual(campaign.cs_estate_id, self.estate)
        self.assertEqual(campaign.agent_ids, self.fee_officer | self.agent)
        self.assertIn("944", campaign.script)
        # balanced: two calls each
        self.assertEqual(
            sorted(tasks.mapped("user_id").ids), sorted(campaign.agent_ids.ids)
        )
        self.assertEqual(len(tasks.filtered(lambda t: t.user_id == self.agent)), 2)
        for line in phone:
            self.assertEqual(line.cs_task_id.source_ref, line)
            self.assertEqual(line.cs_task_id.cs_unit_id, line.cs_unit_id)
        # a second run the same day: no second task, the new drafts keep theirs
        self._crun(start + timedelta(days=35))
        self.assertEqual(self._tasks(), tasks)
        again = self._live(level=3)
        self.assertEqual(len(again), 4)
        self.assertEqual(again.cs_task_id, tasks)

        by_unit = {task.cs_unit_id: task for task in tasks}
        # the fee officers call each payer from the task (an outcome other
        # than Unreachable needs a call attempt)
        self.env["cs.call"].create(
            [
                {
                    "direction": "outbound",
                    "state": "done",
                    "disposition": "answered",
                    "number": task.partner_id.mobile or task.partner_id.phone or "1",
                    "user_id": task.user_id.id,
                    "res_reference": f"cs.callback.task,{task.id}",
                }
                for task in tasks
            ]
        )
        # promise to pay: needs a date; written back; holds the next level
        promise = by_unit[self.unit_1].with_user(by_unit[self.unit_1].user_id)
        with self.assertRaisesRegex(UserError, "promised to pay"):
            promise.action_cs_promise()
        promise.write({"cs_promise_date": self.today + timedelta(days=10)})
        promise.action_cs_promise()
        line_1 = self._live(invoice_id=self.inv_1.id, level=3)
        self.assertEqual(line_1.cs_call_outcome, "promise")
        self.assertEqual(line_1.cs_promise_date, self.today + timedelta(days=10))
        self.assertEqual(line_1.state, "sent")
        proof = line_1.cs_notice_ids
        self.assertEqual((proof.channel, proof.result), ("phone", "delivered"))
        # dispute: a billing-dispute ticket on the unit pauses it
        dispute = by_unit[self.unit_2].with_user(by_unit[self.unit_2].user_id)
        dispute.action_cs_dispute()
        ticket = self.env["helpdesk.ticket"].search(
            [("cs_unit_id", "=", self.unit_2.id)]
        )
        self.assertTrue(ticket.cs_billing_dispute)
        self.assertTrue(self.unit_2.cs_collection_paused)
        self.assertTrue(self._live(invoice_id=self.inv_2.id, level=3).cs_paused)
        # refused: reached, proof kept
        refused = by_unit[self.unit_3].with_user(by_unit[self.unit_3].user_id)
        refused.action_refused()
        self.assertEqual(
            self._live(invoice_id=self.inv_3.id, level=3).cs_call_outcome, "refused"
        )
        # unreachable: tried again, the line stays to be called
        unreachable = by_unit[self.unit_p].with_user(by_unit[self.unit_p].user_id)
        unreachable.action_unreachable()
        self.assertEqual(unreachable.state, "open")
        line_p = self._live(invoice_id=self.inv_p.id, level=3)
        self.assertEqual(
            (line_p.cs_call_outcome, line_p.state), ("unreachable", "draft")
        )

        # today: legal is due for all (30 days after the phone line), but the
        # promise holds unit 1, the dispute pauses unit 2, unit P's call is open
        self._crun(self.today)
        legal = self._live(level=4)
        self.assertEqual(legal.invoice_id, self.inv_3)
        self.assertEqual(len(self._tasks()), 4)
        case = self.env["cs.collection.legal"].search([])
        self.assertEqual((case.unit_id, case.partner_id), (self.unit_3, self.owner_3))
        self.env.invalidate_all()
        self.assertTrue(self.unit_3.cs_legal_stage)
        self.assertIn(legal, case.line_ids)
        # the dispute is settled, the promise date passes: both go on
        closed = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        ticket.stage_id = closed
        self.env.invalidate_all()
        self.assertFalse(self.unit_2.cs_collection_paused)
        self._crun(self.today + timedelta(days=11))
        self.assertEqual(
            self._live(level=4).invoice_id, self.inv_1 | self.inv_2 | self.inv_3
        )
        self.assertEqual(len(self.env["cs.collection.legal"].search([])), 3)

    def test_campaign_without_agents_gets_unassigned_tasks(self):
        self._climb_to_phone(self.today - timedelta(days=70))
        tasks = self._tasks()
        self.assertEqual(len(tasks), 4)
        self.assertFalse(tasks.user_id)
        action = self.env.ref("cs_property.cs_callback_task_action_fee_unassigned")
        unassigned = (
            self.env["cs.callback.task"]
            .with_user(self.supervisor)
            .search(self.action_domain(action))
        )
        self.assertEqual(unassigned, tasks)


@tagged("post_install", "-at_install")
class TestCollectionStops(CollectionCase):
    def test_legal_stage_stops_until_a_manager_releases(self):
        cases = self.env["cs.collection.legal"]._cs_open_cases(
            {(self.owner_1.id, self.unit_1.id)}
        )
        self.assertTrue(self.unit_1.cs_legal_stage)
        day = JAN + relativedelta(months=1, days=16)
        self._crun(day)
        # both of owner 1's... only unit 1 stops: the parking space goes on
        self.assertEqual(self._live().invoice_id, self.inv_2 | self.inv_3 | self.inv_p)
        with self.assertRaises(AccessError):
            cases.with_user(self.fee_officer).action_release()
        with self.assertRaises(AccessError):
            cases.with_user(self.fee_officer).write({"state": "released"})
        cases.with_user(self.manager).action_release()
        self.assertEqual(cases.state, "released")
        self.assertEqual(cases.released_by_id, self.manager)
        self._crun(day)
        self.assertEqual(self._live().invoice_id, self.invoices)

    def test_dispute_pauses_and_closing_resumes(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "物业费有误",
                "description": "<p>面积计算错误</p>",
                "partner_id": self.owner_1.id,
                "cs_unit_id": self.unit_1.id,
                "cs_billing_dispute": True,
            }
        )
        self.assertTrue(self.unit_1.cs_collection_paused)
        self.assertFalse(self.unit_p.cs_collection_paused)
        day = JAN + relativedelta(months=1, days=16)
        self._crun(day)
        self.assertEqual(self._live().invoice_id, self.inv_2 | self.inv_3 | self.inv_p)
        ticket.stage_id = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        self._crun(day + timedelta(days=1))
        self.assertEqual(self._live().invoice_id, self.invoices)

    def test_full_payment_exits_at_once(self):
        self.estate.cs_fee_officer_ids = self.fee_officer
        self._climb_to_phone(self.today - timedelta(days=70))
        task = self._live(invoice_id=self.inv_3.id).cs_task_id
        self.assertEqual(task.state, "open")
        payment = self._pay(self.owner_3, self.inv_3.amount_total, self.today)
        receivable = payment.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.inv_3.js_assign_outstanding_line(receivable.id)
        self.assertEqual(self.inv_3.payment_state in ("paid", "in_payment"), True)
        # at once: the pending line is ignored and the call closed
        self.assertFalse(self._live(invoice_id=self.inv_3.id, level=3))
        self.assertEqual(task.state, "done")
        self._crun(self.today + timedelta(days=40))
        self.assertFalse(self._live(invoice_id=self.inv_3.id, level=4))
        self.assertEqual(len(self._live(level=4)), 0)  # the others' calls are open


@tagged("post_install", "-at_install")
class TestProofOfNotice(CollectionCase):
    def test_notices_kept_and_limitation_restarted(self):
        due = self.inv_1.invoice_date_due
        self.assertEqual(self.inv_1.cs_limitation_date, due + relativedelta(years=3))
        day = JAN + relativedelta(months=1, days=16)
        self._crun(day)
        self._send(self._live(invoice_id=self.inv_1.id), day)
        proof = self.inv_1.cs_notice_ids
        self.assertEqual(len(proof), 1)
        self.assertEqual(
            (proof.date, proof.channel, proof.result), (day, "letter", "delivered")
        )
        self.assertIn("物业服务费", proof.content)
        self.assertEqual(proof.partner_id, self.owner_1)
        self.assertEqual(self.owner_1.cs_collection_notice_ids, proof)
        self.assertEqual(self.inv_1.cs_limitation_date, day + relativedelta(years=3))
        # the unit and the payer show the earliest expiry of their arrears
        self.assertEqual(self.unit_1.cs_limitation_date, day + relativedelta(years=3))
        self.assertEqual(self.owner_1.cs_limitation_date, due + relativedelta(years=3))
        # a failed delivery proves nothing
        self._crun(day + timedelta(days=1))
        self.env["credit.control.line"].search(
            [("invoice_id", "=", self.inv_2.id), ("state", "=", "draft")]
        ).write({"state": "email_error"})
        self.assertEqual(self.inv_2.cs_notice_ids.result, "failed")
        self.assertEqual(self.inv_2.cs_limitation_date, due + relativedelta(years=3))
        # the proof is never edited nor deleted
        with self.assertRaises(UserError):
            proof.with_user(self.fee_officer).write({"result": "failed"})
        with self.assertRaises(AccessError):
            proof.with_user(self.fee_officer).unlink()
        with self.assertRaises(UserError):
            proof.unlink()

    def test_limitation_warning_list(self):
        self.env.cr.execute(
            "UPDATE account_move SET cs_limitation_date = %s WHERE id = %s",
            (self.today + timedelta(days=60), self.inv_1.id),
        )
        self.env.cr.execute(
            "UPDATE account_move SET cs_limitation_date = %s WHERE id = %s",
            (self.today + timedelta(days=120), self.inv_2.id),
        )
        self.env.invalidate_all()
        Move = self.env["account.move"].with_user(self.fee_officer)
        action = Move.cs_action_limitation_warnings()
        warned = Move.search(action["domain"])
        self.assertIn(self.inv_1, warned)
        self.assertNotIn(self.inv_2, warned)

    def test_printed_notice_shows_the_statement(self):
        self._crun(JAN + relativedelta(months=1, days=16))
        lines = self._live(invoice_id=self.inv_1.id)
        comms = self.env[
            "credit.control.communication"
        ]._generate_comm_from_credit_lines(lines)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "account_credit_control.report_credit_control_summary", comms.ids
            )[0]
        )
        self.assertIn("A-1-1201", html)
        self.assertIn("o_cs_statement", html)
        self.assertIn(self.inv_1.name, html)
        self.assertIn("223.43", html)
        self.assertNotIn("o_cs_notice_late_fee", html)

    def test_printed_notice_shows_the_late_fee_accrued(self):
        """With a late-fee policy on the estate, the notice shows the fee
        accrued on its date (the statement's figure), for information."""
        self.env["cs.late.fee.policy"].create(
            {"estate_id": self.estate.id, "daily_rate": 0.0005, "grace_days": 10}
        )
        day = JAN + relativedelta(months=1, days=16)
        self._crun(day)
        lines = self._live(invoice_id=self.inv_1.id)
        comms = self.env[
            "credit.control.communication"
        ]._generate_comm_from_credit_lines(lines)
        accrued = self.unit_1._cs_statement(comms.report_date)["late_fee"]
        self.assertGreater(accrued, 0.0)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "account_credit_control.report_credit_control_summary", comms.ids
            )[0]
        )
        self.assertIn("o_cs_notice_late_fee", html)
        self.assertIn(f"{accrued:,.2f}", html)


@tagged("post_install", "-at_install")
class TestCollectionRules(CollectionCase):
    def test_record_rules(self):
        self.estate.cs_fee_officer_ids = self.agent
        self._climb_to_phone(self.today - timedelta(days=70))
        Line = self.env["credit.control.line"]
        everything = Line.search([])
        # the fee officer: every line; the agent: those of their calls only
        self.assertEqual(Line.with_user(self.fee_officer).search([]), everything)
        mine = Line.with_user(self.agent).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.cs_task_id.user_id, self.agent)
        other = self.env["res.users"].create(
            {
                "name": "Other Agent",
                "login": "cs_other_agent",
                "groups_id": [fields.Command.set(self.agent.groups_id.ids)],
            }
        )
        self.assertFalse(Line.with_user(other).search([]))
        self.assertFalse(self.env["cs.collection.notice"].with_user(other).search([]))
        # an agent records the call's outcome, never writes the credit lines
        with self.assertRaises(AccessError):
            mine[:1].with_user(self.agent).write({"cs_promise_date": self.today})
        # portal owners see nothing of the dunning
        portal = self.env["res.users"].create(
            {
                "name": "张伟 portal",
                "login": "cs_portal_owner",
                "partner_id": self.owner_1.id,
                "groups_id": [
                    fields.Command.set([self.env.ref("base.group_portal").id])
                ],
            }
        )
        for model in (
            "credit.control.line",
            "cs.collection.notice",
            "cs.collection.legal",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(portal).search([])

    def test_cron_works_units_in_batches(self):
        Run = self.env["credit.control.run"]
        units = self.env["cs.unit"].search(
            [("company_id", "=", self.env.company.id)], order="id"
        )
        done_before = units.filtered(lambda unit: unit.id < self.unit_1.id)
        # each call is one batch (one transaction for the cron runner)
        remaining = Run._cron_cs_collection_run(batch_size=len(done_before) + 2)
        run = Run.search([("cs_cron", "=", True)])
        self.assertEqual(run.date, self.today)
        self.assertEqual(run.policy_ids, self.policy)
        self.assertEqual(run.state, "draft")
        self.assertEqual(remaining, len(units) - len(done_before) - 2)
        self.assertEqual(self._live().invoice_id, self.inv_1 | self.inv_2)
        self.assertEqual(Run._cron_cs_collection_run(batch_size=100_000), 0)
        self.assertEqual(run.state, "done")
        self.assertEqual(self._live().invoice_id, self.invoices)
        self.assertEqual(self._live().run_id, run)
        # done for today: a further call makes nothing
        self.assertEqual(Run._cron_cs_collection_run(), 0)
        self.assertEqual(len(self._live()), 4)

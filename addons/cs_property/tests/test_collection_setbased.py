# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The property run's set-based path (credit lines inserted in SQL, phone
tasks and legal cases found with one query) gives the lines and tasks the
ORM path gives, field by field; a rerun writes no task or notice twice; the
unique index on live lines holds against a second writer."""

from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .test_collection import CollectionCase

# what differs between two runs by construction (ids, timestamps, the run)
VOLATILE = {
    "id",
    "create_date",
    "write_date",
    "run_id",
    "cs_task_id",
    "message_main_attachment_id",
}


@tagged("post_install", "-at_install")
class TestCollectionSetBased(CollectionCase):
    def _crun(self, day, user=None, **context):
        run = (
            self.env["credit.control.run"]
            .with_user(user or self.fee_officer)
            .with_context(**context)
            .create({"date": day, "policy_ids": [fields.Command.set(self.policy.ids)]})
        )
        run.generate_credit_lines()
        self.env.flush_all()
        return run

    def _climb(self, start, **context):
        """Reminder, notice, phone and a rerun of the phone day."""
        self._crun(start, **context)
        self._send(self._live(level=1), start)
        self._crun(start + timedelta(days=20), **context)
        self._send(self._live(level=2), start + timedelta(days=20))
        self._crun(start + timedelta(days=35), **context)
        self._crun(start + timedelta(days=35), **context)

    def _snapshot(self):
        """Every line of the policy (ignored ones too) and every fee task,
        as rows of their stored columns, keyed by what identifies them."""
        Line = self.env["credit.control.line"]
        names = sorted(
            name
            for name, field in Line._fields.items()
            if field.store and field.column_type and name not in VOLATILE
        )
        self.env.cr.execute(
            SQL(
                "SELECT %s, cs_task_id IS NOT NULL, run_id IS NOT NULL "
                "FROM credit_control_line WHERE policy_id = %s "
                "ORDER BY move_line_id, level, id",
                SQL(", ").join(SQL.identifier(name) for name in names),
                self.policy.id,
            )
        )
        lines = self.env.cr.fetchall()
        Task = self.env["cs.callback.task"]
        task_names = sorted(
            name
            for name, field in Task._fields.items()
            if field.store
            and field.column_type
            and name not in VOLATILE | {"source_ref", "target_key", "campaign_id"}
        )
        # the source (and the target key naming it) compared by what the
        # source line is about: its invoice line and level; the campaign is
        # the estate's fee-reminder campaign (made again after the rollback)
        self.env.cr.execute(
            SQL(
                """
                SELECT %s, cl.move_line_id, cl.level,
                       t.target_key = t.partner_id || ':' || t.source_ref,
                       (SELECT array_agg(l.move_line_id ORDER BY l.move_line_id, l.id)
                          FROM credit_control_line l WHERE l.cs_task_id = t.id)
                  FROM cs_callback_task t
                  JOIN cs_callback_campaign c ON c.id = t.campaign_id
                  JOIN credit_control_line cl
                    ON t.source_ref = 'credit.control.line,' || cl.id
                 WHERE c.purpose = 'fee_reminder' AND c.cs_estate_id = %s
                 ORDER BY t.cs_unit_id, t.partner_id
                """,
                SQL(", ").join(SQL.identifier("t", name) for name in task_names),
                self.estate.id,
            )
        )
        tasks = [
            dict(zip(task_names, row, strict=False)) | {"_": row[-4:]}
            for row in self.env.cr.fetchall()
        ]
        self.env.cr.execute(
            "SELECT count(*) FROM cs_collection_notice n "
            "JOIN credit_control_line cl ON cl.id = n.line_id WHERE cl.policy_id = %s",
            (self.policy.id,),
        )
        return names, lines, tasks, self.env.cr.fetchone()[0]

    def _both_paths(self, scenario):
        """``scenario`` run through the ORM path, rolled back, then through
        the set-based path: both snapshots."""
        self.env.flush_all()
        now = fields.Datetime.now()  # the tasks' due time and window
        self.env.cr.execute("SAVEPOINT cs_setbased")
        with freeze_time(now):
            scenario(cs_orm_create=True)
        orm = self._snapshot()
        self.env.cr.execute("ROLLBACK TO SAVEPOINT cs_setbased")
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        with freeze_time(now):
            scenario()
        return orm, self._snapshot()

    def test_same_lines_and_tasks_as_the_orm(self):
        self.maxDiff = None
        self.estate.cs_fee_officer_ids = self.fee_officer | self.agent
        start = self.today - timedelta(days=70)
        orm, sql = self._both_paths(lambda **ctx: self._climb(start, **ctx))
        names, orm_lines, orm_tasks, orm_notices = orm
        _names, sql_lines, sql_tasks, sql_notices = sql
        # 4 invoices × 3 levels + the phone day's rerun (4 replaced drafts)
        self.assertEqual(len(orm_lines), 16)
        self.assertEqual(len(orm_tasks), 4)
        self.assertTrue(all(task["_"][2] for task in orm_tasks))
        for orm_row, sql_row in zip(orm_lines, sql_lines, strict=True):
            self.assertEqual(
                dict(zip(names, sql_row, strict=False)),
                dict(zip(names, orm_row, strict=False)),
            )
            self.assertEqual(sql_row[-2:], orm_row[-2:])
        self.assertEqual(sql_tasks, orm_tasks)
        self.assertEqual(sql_notices, orm_notices)

    def test_tolerance_and_email_fallback_as_the_orm(self):
        # the reminder level by email: owner 2 has an address, the others
        # fall back to a letter; unit 3's invoice is under the tolerance
        self.owner_2.email = "lina@example.com"
        self.levels[0].channel = "email"
        self.company.credit_control_tolerance = self.inv_3.amount_residual + 1
        self.assertLess(self.inv_3.amount_residual, self.inv_2.amount_residual)
        day = self.today - timedelta(days=70)
        orm, sql = self._both_paths(lambda **ctx: self._crun(day, **ctx))
        self.assertEqual(sql, orm)
        live = self._live()
        tolerance = self.company.credit_control_tolerance
        self.assertEqual(
            live.invoice_id,
            self.invoices.filtered(lambda move: move.amount_residual >= tolerance),
        )
        self.assertNotIn(self.inv_3, live.invoice_id)
        self.assertEqual(
            {line.invoice_id: line.channel for line in live},
            {
                move: "email" if move == self.inv_2 else "letter"
                for move in live.invoice_id
            },
        )
        self.assertIn(self.inv_2, live.invoice_id)

    def test_rerun_writes_no_task_or_notice_twice(self):
        self.estate.cs_fee_officer_ids = self.fee_officer
        start = self.today - timedelta(days=70)
        self._climb(start)
        phone = self._live(level=3)
        tasks = self._tasks()
        notices = self.env["cs.collection.notice"].search_count([])
        run = self._crun(start + timedelta(days=35))
        again = self._live(level=3)
        self.assertEqual(len(again), 4)
        self.assertFalse(again & phone)
        self.assertEqual(set(phone.mapped("state")), {"ignored"})
        self.assertEqual(again.cs_task_id, tasks)
        self.assertEqual(self._tasks(), tasks)
        self.assertEqual(self.env["cs.collection.notice"].search_count([]), notices)
        # the run lists the lines it generated (upstream's link kept)
        self.assertEqual(run.line_ids, again)
        self.assertEqual(run.state, "done")
        # one live line per invoice and level
        self.env.cr.execute(
            "SELECT move_line_id, policy_level_id, count(*) FROM credit_control_line "
            "WHERE state != 'ignored' GROUP BY 1, 2 HAVING count(*) > 1"
        )
        self.assertFalse(self.env.cr.fetchall())

    def test_unique_index_stops_a_second_writer(self):
        """A second run that did not see the first one's lines (what
        upstream's row lock cannot prevent) fails on the unique index."""
        day = self.today - timedelta(days=70)
        self._crun(day)
        first = self._live(level=1)
        self.assertEqual(len(first), 4)
        # the first run's lines are sent: a second writer of the same level
        # does not replace them (only drafts are) and must not add a twin
        self._send(first, day)
        Line = self.env["credit.control.line"]
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Line.create_or_update_from_mv_lines(
                first.move_line_id, self.levels[0], day, self.company
            )
        # through the ORM path as well
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Line.with_context(cs_orm_create=True).create_or_update_from_mv_lines(
                first.move_line_id, self.levels[0], day, self.company
            )
            self.env.flush_all()

    def test_the_insert_is_checked_like_a_create(self):
        """The set-based insert keeps the ORM's access check: an agent (read
        only on credit lines) cannot write them through it."""
        day = self.today - timedelta(days=70)
        self._crun(day)
        move_lines = self._live(level=1).move_line_id
        Line = self.env["credit.control.line"].with_user(self.agent)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Line.create_or_update_from_mv_lines(
                move_lines.with_user(self.agent), self.levels[0], day, self.company
            )

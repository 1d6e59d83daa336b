# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Callbacks hardened (issue 10): the campaign screens open for every role,
workflow fields are written by the workflow only, a refused step writes
nothing, the window cron works in committed batches, results are never
deleted with their campaign."""

from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from ..models.cs_callback_campaign import PURPOSES
from .common import CsRolesCase, contact_by_visit


def cst(*args):
    """A Shanghai wall-clock moment as the naive UTC datetime Odoo stores."""
    return datetime(*args) - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestCallbackRules(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_mailless_staff("cs_cbr")
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"CBR Customer {i}",
                    "mobile": f"+86 139 0000 71{i}0",
                    "tz": "Asia/Shanghai",
                }
                for i in range(4)
            ]
        )

    def _campaign(self, agents=None, **values):
        with freeze_time(cst(2026, 11, 23, 10, 0)):
            campaign = (
                self.env["cs.callback.campaign"]
                .with_user(self.mailless_supervisor)
                .create(
                    {
                        "name": "Rules campaign",
                        "partner_domain": f"[('id', 'in', {self.customers.ids})]",
                        "agent_ids": [(6, 0, (agents or self.mailless_agent).ids)],
                        "tz": "Asia/Shanghai",
                        **values,
                    }
                )
            )
            campaign.action_generate()
        contact_by_visit(campaign.task_ids)
        return campaign

    # -- §1.1 the campaign screens open -------------------------------------------
    def test_campaign_views_load_for_every_role(self):
        for user in (self.agent, self.supervisor, self.manager):
            Campaign = self.env["cs.callback.campaign"].with_user(user)
            with self.subTest(user=user.login):
                # what the web client asks when it opens the list and the form
                views = Campaign.get_views([(False, "list"), (False, "form")])
                tz = views["models"]["cs.callback.campaign"]["fields"]["tz"]
                self.assertIn(("Asia/Shanghai", "Asia/Shanghai"), tz["selection"])
                self.assertTrue(Campaign.fields_get(["tz"])["tz"]["selection"])

    def test_fee_reminder_is_not_a_call_center_purpose(self):
        # cs_property adds it through selection_add (tested there)
        self.assertNotIn("fee_reminder", dict(PURPOSES))

    # -- §2.4 workflow fields -------------------------------------------------------
    def test_outcomes_are_written_by_the_buttons_only(self):
        campaign = self._campaign()
        task = campaign.task_ids[0]
        for user in (self.mailless_agent, self.mailless_supervisor, self.manager):
            for field, value in (
                ("outcome", "satisfied"),
                ("state", "done"),
                ("attempt_count", 5),
                ("satisfaction_value", 5),
                ("is_callable", True),
            ):
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRaisesRegex(AccessError, field),
                ):
                    task.with_user(user).write({field: value})
        with self.assertRaisesRegex(AccessError, "outcome"):
            self.env["cs.callback.task"].with_user(self.mailless_supervisor).create(
                {
                    "campaign_id": campaign.id,
                    "company_id": campaign.company_id.id,
                    "partner_id": self.customers[0].id,
                    "phone": "13900007100",
                    "target_key": "manual",
                    "due_date": datetime(2026, 12, 1),
                    "outcome": "satisfied",
                }
            )
        for field, value in (("state", "done"), ("skipped_dnc_count", 0)):
            with self.subTest(field=field), self.assertRaisesRegex(AccessError, field):
                campaign.with_user(self.mailless_supervisor).write({field: value})
        # the superuser (data files, administrators' imports) is not refused
        task.sudo().write({"attempt_count": 0})
        # a supervisor still reassigns a task; the buttons still work
        task.with_user(self.mailless_supervisor).user_id = self.agent
        task.with_user(self.agent).write({"satisfaction": "4"})
        task.with_user(self.agent).action_satisfied()
        self.assertEqual((task.state, task.outcome), ("done", "satisfied"))
        campaign.with_user(self.mailless_supervisor).action_done()
        self.assertEqual(campaign.state, "done")

    def test_reassign_on_the_form_by_a_supervisor_only(self):
        """The form offers the agent field to supervisors (open tasks only)
        and shows it read-only to agents, as the server rules say."""
        campaign = self._campaign(agents=self.mailless_agent | self.agent)
        task = campaign.task_ids.filtered(lambda t: t.user_id == self.agent)[0]
        with Form(task.with_user(self.mailless_supervisor)) as form:
            form.user_id = self.mailless_agent
        self.assertEqual(task.user_id, self.mailless_agent)
        task.user_id = self.agent
        form = Form(task.with_user(self.agent))
        with self.assertRaises(AssertionError):
            form.user_id = self.mailless_agent
        task.with_user(self.agent).write({"satisfaction": "4"})
        task.with_user(self.agent).action_satisfied()
        form = Form(task.with_user(self.mailless_supervisor))
        with self.assertRaises(AssertionError):
            form.user_id = self.mailless_agent

    def test_outcome_only_by_the_assigned_agent_or_a_supervisor(self):
        campaign = self._campaign(agents=self.mailless_agent | self.agent)
        theirs = campaign.task_ids.filtered(lambda t: t.user_id == self.agent)[0]
        theirs.with_user(self.agent).satisfaction = "5"
        # a desk that lets agents read their team's callbacks (a record rule
        # added by configuration): reading is not recording
        self.env["ir.rule"].create(
            {
                "name": "Callback tasks: agents read the team's",
                "model_id": self.env.ref("cs_callcenter.model_cs_callback_task").id,
                "groups": [(4, self.env.ref("cs_callcenter.group_agent").id)],
                "domain_force": "[(1, '=', 1)]",
                "perm_read": True,
                "perm_write": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        other = theirs.with_user(self.mailless_agent)
        self.assertEqual(other.state, "open")  # readable now
        with self.assertRaisesRegex(AccessError, "given to"):
            other.action_satisfied()
        self.assertFalse(theirs.outcome)
        theirs.with_user(self.mailless_supervisor).action_satisfied()
        self.assertEqual(theirs.outcome, "satisfied")

    def test_answers_only_while_open_and_agreed_time_within_reach(self):
        campaign = self._campaign(agreed_limit_days=5)
        first, second = campaign.task_ids[:2].with_user(self.mailless_agent)
        with freeze_time(cst(2026, 11, 23, 11, 0)):
            first.agreed_date = cst(2026, 11, 28, 9, 0)  # within five days
            self.assertEqual(first.due_date, cst(2026, 11, 28, 9, 0))
            with self.assertRaisesRegex(AccessError, "agreed_date"):
                second.agreed_date = cst(2026, 12, 20, 9, 0)
            with self.assertRaisesRegex(AccessError, "agreed_date"):
                second.with_user(self.mailless_supervisor).agreed_date = cst(
                    2026, 12, 20, 9, 0
                )
            self.assertFalse(second.agreed_date)
            second.action_refused()
            with self.assertRaisesRegex(UserError, "finished"):
                second.write({"satisfaction": "5", "comment": "changed my mind"})

    # -- §1.2 users without e-mail, nothing half-written ------------------------------
    def test_mailless_agent_records_unsatisfied_for_a_mailless_supervisor(self):
        campaign = self._campaign(user_id=self.mailless_supervisor.id)
        task = campaign.task_ids[0].with_user(self.mailless_agent)
        task.write({"satisfaction": "1", "comment": "Nobody came"})
        task.action_unsatisfied()
        self.assertEqual((task.state, task.outcome), ("done", "unsatisfied"))

    def test_a_refused_result_writes_nothing(self):
        campaign = self._campaign()
        first, second = campaign.task_ids[:2].with_user(self.mailless_agent)
        first.satisfaction = "2"  # the second has no satisfaction yet
        activities = self.env["mail.activity"].search_count([])
        try:
            (first | second)._cs_record_outcome("unsatisfied")
        except UserError as error:
            self.assertIn("satisfaction", str(error))
        else:
            self.fail("a result without satisfaction was recorded")
        # no savepoint rolled anything back here: nothing was written at all
        self.assertEqual(
            (first.state, first.outcome, first.attempt_count), ("open", False, 0)
        )
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)

    # -- §3.2 the window cron, deleting ---------------------------------------------
    def test_window_cron_works_in_batches_and_reports_progress(self):
        campaign = self._campaign()
        self.assertEqual(len(campaign.task_ids), 4)
        cron = self.env.ref("cs_callcenter.ir_cron_cs_callback_windows")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Task = self.env["cs.callback.task"].with_context(
            ir_cron_progress_id=progress.id
        )
        # 12:30 in Shanghai: every morning window has ended
        with freeze_time(cst(2026, 11, 23, 12, 30)):
            self.assertEqual(Task._cron_refresh_windows(batch_size=3), 1)
            self.assertEqual((progress.done, progress.remaining), (3, 1))
            self.assertEqual(Task._cron_refresh_windows(batch_size=3), 0)
            self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(
            set(campaign.task_ids.mapped("call_from")), {cst(2026, 11, 23, 14, 0)}
        )
        self.assertFalse(any(campaign.task_ids.mapped("is_callable")))

    def test_a_campaign_with_results_is_archived_not_deleted(self):
        campaign = self._campaign()
        task = campaign.task_ids[0].with_user(self.mailless_agent)
        task.action_wrong_number()
        Campaign = campaign.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "archive"):
            Campaign.unlink()
        with self.assertRaisesRegex(UserError, "archive"):
            task.with_user(self.manager).unlink()
        self.assertTrue(task.exists())
        Campaign.action_archive()
        self.assertFalse(campaign.active)
        # a task never tried, or a campaign without results, may go
        campaign.task_ids.filtered(lambda t: not t.outcome)[0].with_user(
            self.manager
        ).unlink()
        self._campaign().with_user(self.manager).unlink()

    # -- §1.4 Excel from a form ------------------------------------------------------
    def test_excel_reports_skip_the_document_layout(self):
        self.env.company.external_report_layout_id = False
        campaign = self._campaign().with_user(self.env.ref("base.user_admin"))
        for action in (campaign.action_print_record(), campaign.action_print_summary()):
            self.assertEqual(
                (action["type"], action["report_type"]),
                ("ir.actions.report", "xlsx"),
            )
            self.assertEqual(action["context"]["active_ids"], campaign.ids)

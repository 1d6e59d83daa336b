# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 15 §5: honest call-center KPIs. A callback outcome other than
Unreachable needs a contact (a call attempt or a documented visit/WeChat)
and only a contacted customer counts as reached; the service level over
several agents is weighted by their calls, not averaged per agent."""

from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import CsRolesCase


def cst(*args):
    """A Shanghai wall-clock moment as the naive UTC datetime Odoo stores."""
    return datetime(*args) - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestCallbackContact(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Contact Customer {i}",
                    "mobile": f"+86 139 0000 72{i}0",
                    "tz": "Asia/Shanghai",
                }
                for i in range(4)
            ]
        )
        with freeze_time(cst(2026, 11, 23, 10, 0)):
            cls.campaign = (
                cls.env["cs.callback.campaign"]
                .with_user(cls.supervisor)
                .create(
                    {
                        "name": "Contact campaign",
                        "partner_domain": f"[('id', 'in', {cls.customers.ids})]",
                        "agent_ids": [(6, 0, cls.agent.ids)],
                        "tz": "Asia/Shanghai",
                        "max_attempts": 1,
                    }
                )
            )
            cls.campaign.action_generate()
        cls.tasks = cls.campaign.task_ids.sorted("partner_id").with_user(cls.agent)

    def test_an_outcome_needs_a_call_or_a_documented_contact(self):
        task = self.tasks[0]
        task.satisfaction = "5"
        with (
            freeze_time(cst(2026, 11, 23, 10, 30)),
            self.assertRaisesRegex(UserError, "needs a contact"),
        ):
            task.action_satisfied()
        for outcome in ("refused", "wrong_number", "neutral"):
            with self.subTest(outcome=outcome), self.assertRaises(UserError):
                task._cs_record_outcome(outcome)
        self.assertEqual(
            (task.state, task.outcome, task.attempt_count), ("open", False, 0)
        )
        # the way without a word of what happened is not documented
        task.other_contact = "wechat"
        with self.assertRaisesRegex(UserError, "needs a contact"):
            task.action_satisfied()
        with freeze_time(cst(2026, 11, 23, 10, 30)):
            task.other_contact_note = "Answered our WeChat message at 10:20"
            task.action_satisfied()
        self.assertEqual((task.state, task.outcome), ("done", "satisfied"))
        self.assertTrue(task.contacted)
        self.assertTrue(task.reached_in_time)
        self.assertEqual(self.campaign.reach_rate, 25.0)

    def test_unreachable_needs_no_contact_and_a_call_is_a_contact(self):
        first, second = self.tasks[:2]
        with freeze_time(cst(2026, 11, 23, 10, 30)):
            first.action_unreachable()
        self.assertEqual((first.state, first.outcome), ("done", "unreachable"))
        self.assertFalse(first.contacted)
        # a call placed from the task, answered or not, is an attempt
        self.env["cs.call"].create(
            {
                "direction": "outbound",
                "state": "done",
                "disposition": "answered",
                "number": second.phone,
                "user_id": self.agent.id,
                "ring_date": cst(2026, 11, 23, 10, 40),
                "answer_date": cst(2026, 11, 23, 10, 40, 10),
                "end_date": cst(2026, 11, 23, 10, 45),
                "res_reference": f"cs.callback.task,{second.id}",
            }
        )
        with freeze_time(cst(2026, 11, 23, 10, 46)):
            second.action_refused()
        self.assertEqual((second.outcome, second.contacted), ("refused", True))
        self.assertTrue(second.reached_in_time)

    def test_an_outcome_written_without_contact_is_not_reached(self):
        # an import or a data file writes results directly (superuser): the
        # result stays as recorded, but it does not count as reached
        task = self.tasks[2].sudo()
        with freeze_time(cst(2026, 11, 23, 11, 0)):
            task.write(
                {
                    "outcome": "satisfied",
                    "satisfaction": "5",
                    "state": "done",
                    "done_date": cst(2026, 11, 23, 11, 0),
                    "first_attempt_date": cst(2026, 11, 23, 11, 0),
                }
            )
        self.assertEqual(task.outcome, "satisfied")
        self.assertFalse(task.reached_in_time)
        self.assertTrue(task.called_in_time)
        self.assertEqual(self.campaign.reach_rate, 0.0)

    def test_contact_fields_are_the_agents_but_contacted_is_the_workflows(self):
        task = self.tasks[3]
        task.write({"other_contact": "visit", "other_contact_note": "Door 3-1201"})
        with self.assertRaisesRegex(AccessError, "contacted"):
            task.write({"contacted": True})
        with self.assertRaisesRegex(AccessError, "contacted"):
            task.with_user(self.supervisor).write({"contacted": True})


@tagged("post_install", "-at_install")
class TestServiceLevelWeighted(CsRolesCase):
    def _calls(self, agent, in_time, late):
        ring = datetime(2026, 11, 2, 2, 0)
        values = []
        for wait in [5] * in_time + [60] * late:
            values.append(
                {
                    "direction": "inbound",
                    "state": "done",
                    "disposition": "answered",
                    "number": "+8613900007300",
                    "user_id": agent.id,
                    "ring_date": ring,
                    "answer_date": ring + timedelta(seconds=wait),
                    "end_date": ring + timedelta(seconds=wait + 100),
                }
            )
        return self.env["cs.call"].create(values)

    def test_service_level_is_weighted_by_calls(self):
        # the agent answers 1 of 1 in time, the supervisor 0 of 3: 1 of 4
        # calls is 25 %, not the 50 % of averaging the two agents
        calls = self._calls(self.agent, 1, 0) | self._calls(self.supervisor, 0, 3)
        self.env.flush_all()
        Report = self.env["cs.call.agent.report"]
        domain = [("user_id", "in", (self.agent | self.supervisor).ids)]
        per_agent = {
            user: level
            for user, level in Report._read_group(
                domain, ["user_id"], ["service_level:avg"]
            )
        }
        self.assertEqual(per_agent[self.agent], 100)
        self.assertEqual(per_agent[self.supervisor], 0)
        [(level, wait, aht)] = Report._read_group(
            domain, [], ["service_level:avg", "avg_wait:avg", "aht:avg"]
        )
        self.assertEqual(level, 25)
        # the same definition as cs.call's stored figures, over every call
        self.assertEqual(
            level, 100 * sum(calls.mapped("service_level_count")) / len(calls)
        )
        self.assertEqual(wait, sum(calls.mapped("wait_seconds")) / len(calls))
        self.assertEqual(aht, 100)
        # what the pivot asks the server (web read_group), the same figure
        [group] = Report.read_group(domain, ["service_level:avg"], [])
        self.assertEqual(group["service_level"], 25)

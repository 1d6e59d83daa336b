# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import T0, CsSurveyCase


@tagged("post_install", "-at_install")
class TestPeriodicSurvey(CsSurveyCase):
    def test_run_in_batches_with_throttle_and_summary(self):
        tag = self.env["res.partner.category"].create({"name": "Estate A owners"})
        Partner = self.env["res.partner"]
        owners = Partner.create(
            [{"name": f"Owner {n}", "email": f"owner{n}@example.com"} for n in range(4)]
        )
        owners |= Partner.create({"name": "No mail", "phone": "13900005555"})
        owners |= Partner.create(
            {"name": "Quiet", "email": "quiet@example.com", "cs_do_not_survey": True}
        )
        owners.category_id = tag
        # Owner 0 was asked about a ticket ten days before
        self.Invitation._cs_schedule(
            [
                {
                    "key": "earlier",
                    "survey": self.csat,
                    "partner": owners[0],
                    "channel": "email",
                    "scheduled_date": T0 - timedelta(days=10),
                    "trigger": "ticket_closed",
                }
            ]
        )
        run = self.env["cs.survey.periodic.run"].create(
            {
                "name": "2026 residents",
                "survey_id": self.nps.id,
                "partner_domain": f"[('category_id', 'in', [{tag.id}])]",
            }
        )
        with freeze_time(T0):
            run.with_context(cs_batch_size=2).action_start()  # first batch
            self.assertEqual(run.total_count, 6)
            self.assertEqual(run.processed_count, 2)
            self.assertEqual(run.progress, 33.3)
            run._cs_process(batch_size=2)
            run._cs_process(batch_size=2)
            self.assertEqual(run.state, "running")
            run._cs_process(batch_size=2)  # nobody left: done
            run._cs_process(batch_size=2)  # idempotent
        self.assertEqual(run.state, "done")
        self.assertEqual(len(run.invitation_ids), 6)
        self.assertEqual(run.invited_count, 3)
        self.assertEqual(run.skipped_count, 3)
        self.assertEqual(run.progress, 100.0)
        reasons = {
            i.partner_id.name: i.skip_reason
            for i in run.invitation_ids.filtered(lambda i: i.state == "skipped")
        }
        self.assertEqual(
            reasons,
            {
                "Owner 0": "surveyed on 2026-02-20",
                "No mail": "no e-mail address",
                "Quiet": "do not survey",
            },
        )
        self.assertIn("do not survey: 1", run.summary)
        with self.assertRaises(UserError):
            run.action_start()

    def test_run_reads_the_periodic_rule(self):
        """The run takes its settings from the periodic survey rule: survey,
        channel, throttle and expiry (changeable per run), the rule's delay,
        and its follow-up team for a dissatisfied answer (no source ticket)."""
        shipped = self.env.ref("cs_survey.cs_survey_rule_periodic")
        self.assertEqual(shipped.trigger, "periodic")
        self.assertEqual(self.env["cs.survey.periodic.run"].new({}).rule_id, shipped)
        rule = self.env["cs.survey.rule"].create(
            {
                "name": "Residents' CES",
                "trigger": "periodic",
                "survey_id": self.ces.id,
                "channel": "sms",
                "delay_hours": 2,
                "expiry_days": 3,
                "throttle_days": 90,
                "followup_team_id": self.other_team.id,
            }
        )
        owners = self.env["res.partner"].create(
            [{"name": f"Resident {n}", "phone": f"1390000700{n}"} for n in range(2)]
        )
        # Resident 0 was asked 60 days ago: inside the rule's 90 days
        self.Invitation._cs_schedule(
            [
                {
                    "key": "two months ago",
                    "survey": self.csat,
                    "partner": owners[0],
                    "channel": "sms",
                    "scheduled_date": T0 - timedelta(days=60),
                }
            ]
        )
        run = self.env["cs.survey.periodic.run"].create(
            {
                "name": "Residents",
                "rule_id": rule.id,
                "partner_domain": f"[('id', 'in', {owners.ids})]",
            }
        )
        self.assertEqual(run.survey_id, self.ces)
        self.assertEqual(run.channel, "sms")
        self.assertEqual(run.throttle_days, 90)
        self.assertEqual(run.expiry_days, 3)
        with freeze_time(T0):
            run.action_start()
            run._cs_process()
        self.assertEqual(run.state, "done")
        skipped = run.invitation_ids.filtered(lambda i: i.state == "skipped")
        self.assertEqual(skipped.partner_id, owners[0])
        self.assertEqual(skipped.skip_reason, "surveyed on 2026-01-01")
        invitation = run.invitation_ids - skipped
        self.assertEqual(invitation.rule_id, rule)
        self.assertEqual(invitation.trigger, "periodic")
        self.assertEqual(invitation.channel, "sms")
        self.assertEqual(invitation.survey_id, self.ces)
        self.assertEqual(invitation.scheduled_date, T0 + timedelta(hours=2))
        answer = self._send(invitation, T0 + timedelta(hours=2))
        self.assertEqual(answer.deadline, T0 + timedelta(hours=2, days=3))
        self._answer(answer, 1, when=T0 + timedelta(hours=3))
        self.assertEqual(answer.cs_followup_ticket_id.team_id, self.other_team)

    def test_run_refuses_a_rule_of_another_trigger(self):
        with self.assertRaises(ValidationError):
            self.env["cs.survey.periodic.run"].create(
                {"name": "Wrong", "rule_id": self.rule.id}
            )

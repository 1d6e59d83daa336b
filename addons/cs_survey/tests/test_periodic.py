# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
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

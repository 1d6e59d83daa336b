# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA deadlines in working hours, pauses, status and escalation.

The calendar is in Asia/Shanghai (UTC+8) while the server and the stored
datetimes are UTC: every expected moment below is written in Shanghai time
and converted, so a timezone slip shows as an eight-hour error."""

from datetime import datetime, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


def cst(*args):
    """A Shanghai wall-clock moment as the naive UTC datetime Odoo stores."""
    return datetime(*args) - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestSla(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["cs.sla.policy"].search([]).active = False
        attendances = []
        for day in range(5):  # Monday to Friday, 09-12 and 13-18
            for begin, end, period in ((9, 12, "morning"), (13, 18, "afternoon")):
                attendances.append(
                    (
                        0,
                        0,
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": begin,
                            "hour_to": end,
                            "day_period": period,
                        },
                    )
                )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Shanghai desk",
                "tz": "Asia/Shanghai",
                "attendance_ids": [(5, 0, 0)] + attendances,
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Complaint desk", "user_id": cls.supervisor.id}
        )
        cls.policy = cls.env["cs.sla.policy"].create(
            {
                "name": "Complaints",
                "kind": "complaint",
                "calendar_id": cls.calendar.id,
                "response_hours": 2,
                "resolution_hours": 16,
            }
        )
        cls.awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.Ticket = cls.env["helpdesk.ticket"]

    def _ticket(self, **values):
        return self.Ticket.create(
            {
                "name": "Water leak",
                "description": "<p>Ceiling drips</p>",
                "cs_kind": "complaint",
                "team_id": self.team.id,
                **values,
            }
        )

    def _respond(self, ticket):
        ticket.message_post(
            body="<p>We are on it.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _cron(self):
        return self.Ticket._cron_cs_sla()

    # -- deadlines ---------------------------------------------------------------
    def test_deadlines_skip_the_night_and_the_weekend(self):
        with freeze_time(cst(2026, 11, 20, 17, 0)):  # a Friday, one hour before closing
            ticket = self._ticket()
        self.assertEqual(ticket.cs_sla_policy_id, self.policy)
        # 2 h: Friday 17-18, then Monday 09-10
        self.assertEqual(ticket.cs_sla_response_deadline, cst(2026, 11, 23, 10, 0))
        # 16 h: Friday 1 h, Monday 8 h, Tuesday 09-12 and 13-17
        self.assertEqual(ticket.cs_sla_deadline, cst(2026, 11, 24, 17, 0))
        # awaiting the first response, 80 % of 2 h = 1.6 h: Monday 09:36
        self.assertEqual(ticket.cs_sla_risk_date, cst(2026, 11, 23, 9, 36))
        self.assertEqual(ticket.cs_sla_next_deadline, ticket.cs_sla_response_deadline)
        self.assertEqual(ticket.cs_sla_status, "on_track")

    def test_public_holiday_does_not_count(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": cst(2026, 11, 23, 0, 0),
                "date_to": cst(2026, 11, 23, 23, 59, 59),
            }
        )
        with freeze_time(cst(2026, 11, 20, 17, 0)):
            ticket = self._ticket()
        self.assertEqual(ticket.cs_sla_response_deadline, cst(2026, 11, 24, 10, 0))
        self.assertEqual(ticket.cs_sla_deadline, cst(2026, 11, 25, 17, 0))

    def test_sunday_night_utc_is_monday_morning_in_shanghai(self):
        # 23:00 UTC on Sunday is 07:00 on Monday in Shanghai: the clock starts
        # at 09:00 there, not on the (UTC) Monday morning 17 hours later.
        with freeze_time(datetime(2026, 11, 22, 23, 0)):
            ticket = self._ticket()
        self.assertEqual(ticket.cs_sla_response_deadline, cst(2026, 11, 23, 11, 0))
        self.assertEqual(ticket.cs_sla_response_deadline, datetime(2026, 11, 23, 3, 0))

    def test_first_response_counts_working_hours_and_moves_the_target(self):
        with freeze_time(cst(2026, 11, 20, 17, 0)):
            ticket = self._ticket()
        with freeze_time(cst(2026, 11, 23, 10, 0)):
            self._respond(ticket)
        self.assertTrue(ticket.cs_sla_response_met)
        # ART in business hours: Friday 17-18 and Monday 09-10, not 65 hours
        self.assertAlmostEqual(ticket.cs_response_hours, 2.0, places=3)
        self.assertEqual(ticket.cs_sla_next_deadline, ticket.cs_sla_deadline)
        # at risk now at 80 % of the 16 h resolution target: 12.8 h
        # (Friday 1 h, Monday 8 h, Tuesday 09-12 = 12 h, then 13:48)
        self.assertEqual(ticket.cs_sla_risk_date, cst(2026, 11, 24, 13, 48))

    # -- pauses ------------------------------------------------------------------
    def test_waiting_for_the_customer_pauses_the_clock(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):  # Monday opening
            ticket = self._ticket()
        with freeze_time(cst(2026, 11, 23, 10, 0)):
            self._respond(ticket)
            ticket.stage_id = self.awaiting
        self.assertEqual(ticket.cs_sla_pause_start, cst(2026, 11, 23, 10, 0))
        self.assertEqual(ticket.cs_sla_deadline, cst(2026, 11, 24, 18, 0))
        # Wednesday noon: past the first deadline, but the clock is stopped
        with freeze_time(cst(2026, 11, 25, 12, 0)):
            self._cron()
            self.assertEqual(ticket.cs_sla_status, "on_track")
            ticket.stage_id = self.in_progress
        # waited: Monday 10-12 + 13-18, Tuesday 8 h, Wednesday 09-12 = 18 h
        self.assertAlmostEqual(ticket.cs_sla_paused_hours, 18.0, places=3)
        self.assertFalse(ticket.cs_sla_pause_start)
        # 16 + 18 = 34 h from Monday 09:00: four full days, then Friday 09-11
        self.assertEqual(ticket.cs_sla_deadline, cst(2026, 11, 27, 11, 0))
        self.assertEqual(ticket.cs_sla_status, "on_track")

    def test_complaint_awaiting_confirmation_pauses_the_clock(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            ticket = self._ticket()
            ticket.cs_step = "confirm"
        self.assertEqual(ticket.cs_sla_pause_start, cst(2026, 11, 23, 9, 0))
        with freeze_time(cst(2026, 11, 23, 11, 0)):
            ticket.cs_step = "implement"
        self.assertAlmostEqual(ticket.cs_sla_paused_hours, 2.0, places=3)

    # -- status and escalation ---------------------------------------------------
    def _escalation_counts(self, ticket):
        activities = self.env["mail.activity"].search_count(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("summary", "=", "SLA at risk"),
                ("user_id", "=", self.supervisor.id),
            ]
        )
        digests = self.env["mail.message"].search_count(
            [
                ("model", "=", False),
                ("subject", "ilike", "SLA breached"),
                ("partner_ids", "in", self.manager.partner_id.ids),
                ("body", "ilike", f'/odoo/helpdesk.ticket/{ticket.id}"'),
            ]
        )
        return activities, digests

    def test_escalation_happens_once_per_level(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            ticket = self._ticket()
        with freeze_time(cst(2026, 11, 23, 10, 0)):
            self.assertEqual(self._cron(), 0)
            self.assertEqual(ticket.cs_sla_status, "on_track")
            self.assertEqual(self._escalation_counts(ticket), (0, 0))
        with freeze_time(cst(2026, 11, 23, 10, 40)):  # past 1.6 h
            self._cron()
            self._cron()
            self.assertEqual(ticket.cs_sla_status, "at_risk")
            self.assertEqual(ticket.cs_sla_escalation, "at_risk")
            self.assertEqual(self._escalation_counts(ticket), (1, 0))
        with freeze_time(cst(2026, 11, 23, 11, 5)):  # no response after 2 h
            self._cron()
            self._cron()
            self.assertEqual(ticket.cs_sla_status, "breached")
            self.assertEqual(self._escalation_counts(ticket), (1, 1))
            self._respond(ticket)  # late: the breach stays
        self.assertEqual(ticket.cs_sla_status, "breached")
        self.assertFalse(ticket.cs_sla_response_met)
        with freeze_time(cst(2026, 11, 24, 17, 0)):
            self._cron()
        self.assertEqual(self._escalation_counts(ticket), (1, 1))
        bodies = ticket.message_ids.mapped("body")
        self.assertEqual(sum("SLA at risk" in b for b in bodies), 1)
        self.assertEqual(sum("SLA breached" in b for b in bodies), 1)

    def test_resolution_deadline_is_exact_to_the_minute(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            ticket = self._ticket()
            self._respond(ticket)
        self.assertEqual(ticket.cs_sla_deadline, cst(2026, 11, 24, 18, 0))
        with freeze_time(cst(2026, 11, 24, 14, 47)):  # 12.8 h is 14:48
            self._cron()
            self.assertEqual(ticket.cs_sla_status, "on_track")
        with freeze_time(cst(2026, 11, 24, 17, 59)):
            self._cron()
            self.assertEqual(ticket.cs_sla_status, "at_risk")
        with freeze_time(cst(2026, 11, 24, 18, 1)):
            self._cron()
            self.assertEqual(ticket.cs_sla_status, "breached")

    def test_breach_skipping_at_risk_still_alerts_the_supervisor(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            ticket = self._ticket()
        with freeze_time(cst(2026, 11, 25, 9, 0)):  # the cron was down
            self._cron()
        self.assertEqual(ticket.cs_sla_status, "breached")
        self.assertEqual(self._escalation_counts(ticket), (1, 1))
        # one chatter line for the run, not one per level
        bodies = ticket.message_ids.mapped("body")
        self.assertEqual(sum("SLA breached" in b for b in bodies), 1)
        self.assertFalse(any("SLA at risk" in b for b in bodies))

    def test_closing_in_time_is_met_and_reopening_judges_again(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            ticket = self._ticket()
        with freeze_time(cst(2026, 11, 23, 9, 30)):
            self._respond(ticket)
        with freeze_time(cst(2026, 11, 24, 9, 0)):
            ticket.stage_id = self.done
            self.assertEqual(ticket.cs_sla_status, "met")
            self.assertTrue(ticket.cs_sla_resolution_met)
            self.assertEqual(ticket.cs_sla_met_count, 1)
        with freeze_time(cst(2026, 11, 25, 9, 0)):  # reopened past the deadline
            ticket.stage_id = self.in_progress
            self.assertEqual(ticket.cs_sla_status, "breached")
            self.assertFalse(ticket.cs_sla_resolution_met)

    def test_closing_late_is_breached(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            ticket = self._ticket()
            self._respond(ticket)
        with freeze_time(cst(2026, 11, 26, 9, 0)):
            ticket.stage_id = self.done
        self.assertEqual(ticket.cs_sla_status, "breached")
        self.assertFalse(ticket.cs_sla_resolution_met)
        self.assertTrue(ticket.cs_sla_response_met)

    def test_cron_works_in_batches(self):
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            tickets = self._ticket() | self._ticket() | self._ticket()
        with freeze_time(cst(2026, 11, 23, 12, 0)):
            self.assertEqual(self.Ticket._cron_cs_sla(batch_size=2), 1)
            self.assertEqual(self.Ticket._cron_cs_sla(batch_size=2), 0)
        self.assertEqual(set(tickets.mapped("cs_sla_status")), {"breached"})
        self.assertEqual(set(tickets.mapped("cs_sla_escalation")), {"breached"})

    # -- policies ----------------------------------------------------------------
    def test_most_specific_policy_applies_and_changes_replan(self):
        Policy = self.env["cs.sla.policy"]
        standard = Policy.create(
            {
                "name": "Standard",
                "calendar_id": self.calendar.id,
                "resolution_hours": 40,
            }
        )
        urgent = Policy.create(
            {
                "name": "Urgent complaints",
                "sequence": 50,  # listed last, chosen for being specific
                "kind": "complaint",
                "priority": "3",
                "calendar_id": self.calendar.id,
                "response_hours": 1,
                "resolution_hours": 4,
            }
        )
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            inquiry = self._ticket(cs_kind="inquiry")
            complaint = self._ticket(priority="1")
            self.assertEqual(inquiry.cs_sla_policy_id, standard)
            self.assertFalse(inquiry.cs_sla_response_deadline)
            self.assertEqual(complaint.cs_sla_policy_id, self.policy)
            complaint.priority = "3"
        self.assertEqual(complaint.cs_sla_policy_id, urgent)
        self.assertEqual(complaint.cs_sla_deadline, cst(2026, 11, 23, 14, 0))
        (standard | urgent | self.policy).active = False
        inquiry.cs_kind = "repair"
        self.assertFalse(inquiry.cs_sla_policy_id)
        self.assertFalse(inquiry.cs_sla_status)
        self.assertFalse(inquiry.cs_sla_deadline)

    def test_policy_targets_are_checked(self):
        values = {"name": "Bad", "calendar_id": self.calendar.id}
        for bad in (
            {"resolution_hours": 0},
            {"resolution_hours": 4, "response_hours": -1},
            {"resolution_hours": 4, "response_hours": 8},
            {"resolution_hours": 4, "risk_percent": 100},
        ):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                self.env["cs.sla.policy"].create({**values, **bad})

    def test_calendar_without_hours_is_a_clear_error(self):
        empty = self.env["resource.calendar"].create(
            {"name": "Never", "tz": "UTC", "attendance_ids": [(5, 0, 0)]}
        )
        self.policy.calendar_id = empty
        with self.assertRaisesRegex(ValidationError, "too few working hours"):
            self._ticket()

    def test_cron_survives_a_ticket_whose_deadline_was_emptied(self):
        """Issue 10 §3.2: the run goes on, and the ticket is planned again."""
        with freeze_time(cst(2026, 11, 23, 9, 0)):
            emptied = self._ticket()
            fine = self._ticket()
        emptied.write(
            {
                "cs_sla_deadline": False,
                "cs_sla_next_deadline": False,
                "cs_sla_response_deadline": False,
                "cs_sla_status": "breached",
            }
        )
        with freeze_time(cst(2026, 11, 23, 11, 5)):
            self.assertEqual(self._cron(), 0)
        self.assertEqual(fine.cs_sla_status, "breached")
        self.assertEqual(emptied.cs_sla_deadline, cst(2026, 11, 24, 18, 0))
        self.assertEqual(emptied.cs_sla_status, "breached")
        self.assertEqual(emptied.cs_sla_escalation, "breached")

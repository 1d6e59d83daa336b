# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestSurveyUnit(PropertyCase):
    """cs_survey's one hook: the unit and estate a survey is about reach the
    invitation and the response."""

    def test_ticket_survey_carries_unit_and_estate(self):
        self.owner_1.email = "zhang.wei@example.com"
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Door bell",
                "description": "<p>Broken</p>",
                "partner_id": self.owner_1.id,
                "cs_unit_id": self.unit_1.id,
            }
        )
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        invitation = ticket.cs_survey_invitation_ids
        self.assertEqual(invitation.state, "scheduled")
        self.assertEqual(invitation.cs_unit_id, self.unit_1)
        self.assertEqual(invitation.cs_estate_id, self.estate)
        invitation._cs_send()
        answer = invitation.user_input_id
        self.assertEqual(answer.cs_unit_id, self.unit_1)
        self.assertEqual(answer.cs_estate_id, self.estate)

    def test_periodic_survey_of_owners_carries_their_unit(self):
        run = self.env["cs.survey.periodic.run"].create(
            {
                "name": "浦江花园 满意度普查",
                "survey_id": self.env.ref("cs_survey.survey_nps").id,
                "channel": "sms",
                "partner_domain": f"[('id', 'in', {[self.owner_2.id]})]",
            }
        )
        run.action_start()
        invitation = run.invitation_ids
        self.assertEqual(invitation.state, "scheduled", invitation.skip_reason)
        self.assertEqual(invitation.cs_unit_id, self.unit_2)
        self.assertEqual(invitation.cs_estate_id, self.estate)
        invitation._cs_send()
        self.assertEqual(invitation.user_input_id.cs_estate_id, self.estate)

    def test_former_occupant_has_no_unit(self):
        yesterday = fields.Date.today() - timedelta(days=1)
        self.env["cs.unit.occupancy"].search(
            [("partner_id", "=", self.owner_3.id)]
        ).date_to = yesterday
        unit = self.env["cs.survey.invitation"]._cs_partner_unit(self.owner_3)
        self.assertFalse(unit)
        self.assertEqual(
            self.env["cs.survey.invitation"]._cs_partner_unit(self.owner_1),
            self.unit_1,
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestRepairTickets(PropertyCase):
    def _ticket(self, **values):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                {
                    "name": "厨房漏水",
                    "description": "<p>厨房水管漏水</p>",
                    "partner_id": self.owner_2.id,
                    "cs_kind": "repair",
                }
                | values
            )
        )

    def test_repair_needs_the_unit(self):
        with self.assertRaisesRegex(ValidationError, "needs the unit"):
            self._ticket()
        ticket = self._ticket(cs_unit_id=self.unit_2.id)
        self.assertEqual(ticket.cs_estate_id, self.estate)
        self.assertEqual(self.unit_2.ticket_count, 1)
        self.assertEqual(self.unit_2.ticket_ids, ticket)
        # any kind may carry a unit; a customer without units needs none
        stranger = self.env["res.partner"].create({"name": "路人"})
        self._ticket(partner_id=stranger.id)
        self._ticket(cs_kind="complaint")

    def test_form_preselects_the_callers_unit(self):
        form = Form(self.env["helpdesk.ticket"].with_user(self.agent))
        form.name = "电梯故障"
        form.description = "<p>电梯停在 12 楼</p>"
        form.partner_id = self.owner_1
        self.assertIn(form.cs_unit_id, self.unit_1 | self.unit_p)
        form.cs_unit_id = self.unit_1
        ticket = form.save()
        self.assertEqual(ticket.cs_unit_id, self.unit_1)

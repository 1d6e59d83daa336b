# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAgentTour(HttpCase):
    def test_agent_opens_customer_service_app(self):
        new_test_user(
            self.env,
            login="cs_tour_agent",
            name="Tour Agent",
            groups="cs_callcenter.group_agent",
        )
        self.start_tour("/odoo", "cs_callcenter_agent_opens_app", login="cs_tour_agent")

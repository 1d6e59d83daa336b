# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestSecurity(CsRolesCase):
    def test_agent_opens_its_menus(self):
        self.assertCanOpen(self.agent, "cs_helpdesk.helpdesk_ticket_menu_all")
        self.assertMenuHidden(
            self.agent, "cs_helpdesk.helpdesk_ticket_team_menu_config"
        )

    def test_manager_opens_configuration(self):
        self.assertCanOpen(self.manager, "cs_helpdesk.helpdesk_ticket_team_menu_config")
        self.assertMenuHidden(
            self.supervisor, "cs_helpdesk.helpdesk_ticket_team_menu_config"
        )

    def test_roles_carry_helpdesk_rights(self):
        self.assertTrue(self.agent.has_group("helpdesk_mgmt.group_helpdesk_user_team"))
        self.assertFalse(self.agent.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(self.supervisor.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(self.manager.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        self.assertFalse(
            self.fee_officer.has_group("helpdesk_mgmt.group_helpdesk_user_own")
        )

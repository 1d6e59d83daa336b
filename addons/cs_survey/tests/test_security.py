# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestSecurity(CsRolesCase):
    def test_agent_opens_its_menus(self):
        self.assertCanOpen(self.agent, "cs_survey.survey_user_input_menu_answers")
        self.assertMenuHidden(self.agent, "cs_survey.survey_survey_menu_config")

    def test_manager_opens_configuration(self):
        self.assertCanOpen(self.manager, "cs_survey.survey_survey_menu_config")
        self.assertMenuHidden(self.supervisor, "cs_survey.survey_survey_menu_config")

    def test_roles_carry_survey_rights(self):
        self.assertTrue(self.agent.has_group("survey.group_survey_user"))
        self.assertFalse(self.agent.has_group("survey.group_survey_manager"))
        self.assertTrue(self.manager.has_group("survey.group_survey_manager"))

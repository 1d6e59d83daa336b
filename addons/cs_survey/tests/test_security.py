# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestSecurity(CsRolesCase):
    def test_agent_opens_its_menus(self):
        self.assertCanOpen(self.agent, "cs_survey.survey_user_input_menu_answers")
        self.assertCanOpen(self.agent, "cs_survey.cs_survey_invitation_menu")
        self.assertMenuHidden(self.agent, "cs_survey.survey_survey_menu_config")
        self.assertMenuHidden(self.agent, "cs_survey.cs_survey_report_menu")

    def test_supervisor_opens_statistics(self):
        self.assertCanOpen(self.supervisor, "cs_survey.cs_survey_report_menu")
        self.assertCanOpen(self.supervisor, "cs_survey.cs_survey_periodic_run_menu")

    def test_manager_opens_configuration(self):
        self.assertCanOpen(self.manager, "cs_survey.survey_survey_menu_config")
        self.assertCanOpen(self.manager, "cs_survey.cs_survey_rule_menu")
        self.assertMenuHidden(self.supervisor, "cs_survey.survey_survey_menu_config")

    def test_roles_carry_survey_rights(self):
        # Odoo's survey user group reads every answer: agents read theirs
        # through the suite's rules instead
        self.assertFalse(self.agent.has_group("survey.group_survey_user"))
        self.assertFalse(self.supervisor.has_group("survey.group_survey_user"))
        self.assertTrue(self.manager.has_group("survey.group_survey_manager"))

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.cs_callcenter.tests.common import CsRolesCase


@tagged("post_install", "-at_install")
class TestSecurity(CsRolesCase):
    def test_agent_opens_its_menus(self):
        self.assertCanOpen(self.agent, "cs_property.res_partner_menu_owners")
        self.assertMenuHidden(self.agent, "cs_property.product_template_menu_fee_items")

    def test_manager_opens_configuration(self):
        self.assertCanOpen(self.manager, "cs_property.product_template_menu_fee_items")
        self.assertMenuHidden(
            self.supervisor, "cs_property.product_template_menu_fee_items"
        )

    def test_fee_officer_menus(self):
        self.assertCanOpen(
            self.fee_officer, "cs_property.account_move_menu_fee_notices"
        )
        self.assertCanOpen(self.fee_officer, "cs_property.res_partner_menu_owners")
        self.assertMenuHidden(self.agent, "cs_property.account_move_menu_fee_notices")
        self.assertMenuHidden(
            self.fee_officer, "cs_property.product_template_menu_fee_items"
        )

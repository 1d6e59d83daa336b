# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CsCall(models.Model):
    _inherit = "cs.call"

    @api.model
    def cs_click_to_call(self, number, res_model=False, res_id=False, force=False):
        # 岗前认证: a new agent calls customers after passing the onboarding
        # certification (checked before anything is dialled)
        self.env.user._cs_check_onboarding()
        return super().cs_click_to_call(number, res_model, res_id, force)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _cs_home_action(self):
        """Supervisors and managers land on the helpdesk dashboard (their
        own queue stays one menu away, under My Work)."""
        if self.env.user.has_group("cs_callcenter.group_supervisor"):
            return self.env["ir.actions.actions"]._for_xml_id(
                "cs_helpdesk.cs_kpi_dashboard_action"
            )
        return super()._cs_home_action()

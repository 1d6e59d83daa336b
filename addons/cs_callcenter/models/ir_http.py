# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Staff land in the Customer Service app (their home per role,
        ``res.users._cs_home_action``) unless they chose a home action of
        their own in their preferences."""
        info = super().session_info()
        user = self.env.user
        if (
            info.get("uid")
            and not info.get("home_action_id")
            and user._cs_is_service_staff()
        ):
            home = self.env.ref(
                "cs_callcenter.cs_home_server_action", raise_if_not_found=False
            )
            info["home_action_id"] = home.id if home else False
        return info

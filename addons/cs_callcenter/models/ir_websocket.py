# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .cs_call_live import LIVE_SUBCHANNEL


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        """Supervisors and Managers receive the wallboard's live updates of
        their companies (``cs.call.live._cs_publish_live``); nobody else
        can subscribe to them."""
        channels = super()._build_bus_channel_list(channels)
        user = self.env.user
        if (
            user
            and user._is_internal()
            and user.has_group("cs_callcenter.group_supervisor")
        ):
            channels.extend((company, LIVE_SUBCHANNEL) for company in user.company_ids)
        return channels

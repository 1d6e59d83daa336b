# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models


class CsCallbackTask(models.Model):
    _inherit = "cs.callback.task"

    cs_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follow-up Ticket",
        readonly=True,
        copy=False,
        help="The complaint opened because the customer was unsatisfied.",
    )

    def _cs_follow_up_unsatisfied(self):
        """An unsatisfied customer opens a complaint for the supervisor
        (DOMAIN.md §4), linked to the callback and what it was about."""
        self.ensure_one()
        campaign = self.campaign_id
        about = self.source_ref
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": self.env._(
                    "Unsatisfied at callback: %s", self.partner_id.display_name
                ),
                "description": Markup("<p>%s</p><p>%s</p>")
                % (
                    self.comment or "",
                    self.env._("Campaign: %s", campaign.name)
                    + (f" — {about.display_name}" if about else ""),
                ),
                "cs_kind": "complaint",
                "partner_id": self.partner_id.id,
                "user_id": campaign.user_id.id or False,
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "team_id": about.team_id.id
                if about and about._name == "helpdesk.ticket"
                else False,
            }
        )
        # sudo: the link is recorded for the agent, who may not edit it
        self.sudo().cs_ticket_id = ticket
        return ticket

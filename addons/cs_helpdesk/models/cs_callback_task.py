# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models

from odoo.addons.cs_callcenter.models.cs_callback_task import PROTECTED_FIELDS


class CsCallbackTask(models.Model):
    _inherit = "cs.callback.task"
    _cs_protected_fields = (*PROTECTED_FIELDS, "cs_ticket_id")

    cs_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follow-up Ticket",
        readonly=True,
        copy=False,
        help="The complaint opened because the customer was unsatisfied.",
    )

    def _cs_check_outcome(self, outcome):
        result = super()._cs_check_outcome(outcome)
        if outcome == "unsatisfied":
            # the follow-up complaint is opened as the user: refuse before
            # anything is written rather than after
            self.env["helpdesk.ticket"].check_access("create")
        return result

    def _cs_follow_up_unsatisfied(self):
        """An unsatisfied customer opens a complaint for the supervisor
        (DOMAIN.md §4), linked to the callback and what it was about; the
        link is written with the callback's result."""
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
        return {"cs_ticket_id": ticket.id}

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    cs_pbx_queues = fields.Char(
        string="PBX Queues",
        help="Comma-separated PBX queue names and IVR choices (CS_IVR) whose "
        "calls this team handles: a ticket registered from such a call goes "
        "to this team.",
    )

    @api.model
    def _cs_for_call(self, call):
        """The team of a call's queue, else of its IVR choice (the first
        team by sequence naming it); an empty recordset when none does."""
        for label in (call.queue_name, call.ivr_choice):
            if not label:
                continue
            for team in self.search(
                [
                    ("cs_pbx_queues", "ilike", label),
                    ("company_id", "in", [call.company_id.id, False]),
                ]
            ):
                names = {n.strip() for n in (team.cs_pbx_queues or "").split(",")}
                if label in names:
                    return team
        return self.browse()

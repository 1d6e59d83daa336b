# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.cs_callcenter.models.cs_agent_home import HOME_ROWS

SLA_BADGES = {
    "on_track": "text-bg-success",
    "at_risk": "text-bg-warning",
    "breached": "text-bg-danger",
}


class CsAgentHome(models.AbstractModel):
    _inherit = "cs.agent.home"

    @api.model
    def _cs_home_sections(self):
        return super()._cs_home_sections() + [self._cs_home_tickets()]

    @api.model
    def _cs_home_tickets(self):
        """My open tickets, the most urgent (SLA deadline) first."""
        Ticket = self.env["helpdesk.ticket"]
        if not Ticket.has_access("read"):
            return None
        domain = [("user_id", "=", self.env.uid), ("stage_id.closed", "=", False)]
        count = Ticket.search_count(domain)
        tickets = Ticket.search(
            domain, order="cs_sla_deadline asc nulls last, id desc", limit=HOME_ROWS
        )
        now = fields.Datetime.now()
        statuses = dict(
            Ticket._fields["cs_sla_status"]._description_selection(self.env)
        )
        kinds = dict(Ticket._fields["cs_kind"]._description_selection(self.env))
        rows = [
            {
                "id": ticket.id,
                "model": Ticket._name,
                "title": ticket.display_name,
                "subtitle": " · ".join(
                    filter(None, [kinds.get(ticket.cs_kind), ticket.partner_id.name])
                ),
                "date": fields.Datetime.to_string(ticket.cs_sla_deadline),
                "late": bool(ticket.cs_sla_deadline and ticket.cs_sla_deadline < now),
                "badge": statuses.get(ticket.cs_sla_status, ""),
                "badge_class": SLA_BADGES.get(ticket.cs_sla_status, "text-bg-light"),
            }
            for ticket in tickets
        ]
        return {
            "key": "tickets",
            "sequence": 10,
            "title": self.env._("My Open Tickets"),
            "count": count,
            "overdue": Ticket.search_count(
                domain + [("cs_sla_status", "=", "breached")]
            ),
            "rows": rows,
            "action": "cs_helpdesk.helpdesk_ticket_action_my_open",
        }

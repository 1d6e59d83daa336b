# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import fields, models

from .helpdesk_ticket import KINDS


class CsCallbackCampaign(models.Model):
    _inherit = "cs.callback.campaign"

    target_source = fields.Selection(
        selection_add=[("closed_tickets", "Closed Tickets")],
        # uninstalling cs_helpdesk must not turn a campaign that calls back
        # the customers of closed tickets into one that calls every contact
        # (the default source): it is archived and stopped instead
        ondelete={"closed_tickets": lambda records: records._cs_source_removed()},
    )
    ticket_kind = fields.Selection(
        KINDS, help="Only tickets of this kind (empty: every kind)."
    )
    ticket_team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Ticket Teams", help="Empty: every team."
    )

    def _cs_targets_closed_tickets(self):
        """The customers of the tickets closed in the period, due from the
        closing (DOMAIN.md §4: called back within three days of it)."""
        domain = [("stage_id.closed", "=", True), ("partner_id", "!=", False)]
        if self.date_from:
            domain.append(
                ("closed_date", ">=", datetime.combine(self.date_from, time.min))
            )
        if self.date_to:
            domain.append(
                ("closed_date", "<=", datetime.combine(self.date_to, time.max))
            )
        if self.ticket_kind:
            domain.append(("cs_kind", "=", self.ticket_kind))
        if self.ticket_team_ids:
            domain.append(("team_id", "in", self.ticket_team_ids.ids))
        tickets = self.env["helpdesk.ticket"].search(domain, order="closed_date, id")
        return [(t.partner_id, t, t.closed_date) for t in tickets]

    def _cs_follow_up_campaign(self, company):
        """The running campaign that calls back customers after their
        complaint or repair is closed, if the desk runs one."""
        return self.search(
            [
                ("state", "=", "running"),
                ("purpose", "=", "after_service"),
                ("target_source", "=", "closed_tickets"),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )

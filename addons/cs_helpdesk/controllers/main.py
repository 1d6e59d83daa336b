# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import werkzeug

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class CsHelpdeskTicketController(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], csrf=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        """Close a ticket from the portal: the customer's own ticket only, by
        a POST with its CSRF token (helpdesk_mgmt's route closed any ticket
        by a GET). Complaints close through their workflow (the customer
        accepts the remedy), not here."""
        try:
            ticket_id, stage_id = int(ticket_id), int(stage_id)
        except (TypeError, ValueError):
            return request.redirect("/my")
        ticket = request.env["helpdesk.ticket"].browse(ticket_id).exists()
        if not ticket or not self._cs_customer_may_close(ticket):
            return request.redirect("/my")
        stage = request.env["helpdesk.ticket.stage"].browse(stage_id).exists()
        if (
            stage.close_from_portal
            and stage in ticket.sudo().team_id._get_applicable_stages()
        ):
            # sudo: customers have no write access to tickets; closing their
            # own one from the portal is allowed, as checked above.
            ticket.sudo().stage_id = stage
        # helpdesk_mgmt answers with a plain 302 to the ticket page
        return werkzeug.utils.redirect(f"/my/ticket/{ticket.id}")

    def _cs_customer_may_close(self, ticket):
        """The user reads the ticket and is its customer (or of the customer's
        company); the ticket is open and not a complaint."""
        user = request.env.user
        if not ticket.has_access("read"):
            return False
        ticket = ticket.sudo()
        return bool(
            ticket.partner_id
            and ticket.partner_id.commercial_partner_id == user.commercial_partner_id
            and not ticket.stage_id.closed
            and ticket.cs_kind != "complaint"
        )

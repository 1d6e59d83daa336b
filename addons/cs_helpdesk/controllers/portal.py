# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

_logger = logging.getLogger(__name__)


class CsCustomerPortal(CustomerPortalHelpdesk):
    @http.route(
        ["/my/ticket/<int:ticket_id>/cs_accept"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_cs_accept_remedy(self, ticket_id, access_token=None, **kw):
        """The customer accepts the remedy of their complaint (签字确认)."""
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            ticket_sudo._cs_portal_accept()
        except UserError as error:
            # Already accepted, or not at that step: the page shows the step.
            _logger.info("portal acceptance of ticket %s refused: %s", ticket_id, error)
        url = f"/my/ticket/{ticket_id}"
        if access_token:
            url += f"?access_token={access_token}"
        return request.redirect(url)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's request becomes the ticket's description (one text on the
form): a request typed apart from the description is added below it, so
that nothing stored is lost. The field stays, computed from the description
(post-migrate)."""

from markupsafe import Markup

from odoo.tools import SQL, html2plaintext, plaintext2html


def migrate(cr, version):
    cr.execute(
        SQL(
            "SELECT id, description, cs_request FROM helpdesk_ticket "
            "WHERE COALESCE(cs_request, '') <> '' ORDER BY id"
        )
    )
    for ticket_id, description, request in cr.fetchall():
        request = request.strip()
        current = html2plaintext(description or "").strip()
        if not request or request in current:
            continue
        added = plaintext2html(request)
        # the stored description is the sanitized HTML of the field
        merged = Markup(description) + added if current else added  # noqa: S704
        cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET description = %s WHERE id = %s",
                str(merged),
                ticket_id,
            )
        )

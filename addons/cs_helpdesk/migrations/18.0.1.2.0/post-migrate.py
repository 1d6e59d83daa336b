# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """cs_request is now the plain text of the description (pre-migrate
    merged the two): recompute it for the existing tickets."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Ticket = env["helpdesk.ticket"].with_context(active_test=False)
    tickets = Ticket.search([])
    env.add_to_compute(Ticket._fields["cs_request"], tickets)
    tickets.flush_recordset(["cs_request"])

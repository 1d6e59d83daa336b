# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class PropertyPortal(CustomerPortal):
    """Owners see the statements and fee notices of the units they pay for
    (the portal record rule on cs.unit decides which), and nothing else."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "cs_unit_count" in counters:
            values["cs_unit_count"] = request.env["cs.unit"].search_count([])
        return values

    def _cs_unit(self, unit_id):
        """The unit if the user may read it (record rules apply)."""
        unit = request.env["cs.unit"].browse(unit_id)
        try:
            unit.check_access("read")
            return unit.exists()
        except (AccessError, MissingError):
            return request.env["cs.unit"]

    @http.route(["/my/units"], type="http", auth="user", website=True)
    def portal_my_units(self, **kw):
        units = request.env["cs.unit"].search([])
        today = fields.Date.context_today(request.env.user)
        partner = request.env.user.partner_id.commercial_partner_id
        # sudo: statements and notices read invoices; only those of the
        # units the user may read (their own), addressed to them, are shown.
        notices = (
            request.env["account.move"]
            .sudo()
            .search(
                [
                    ("cs_unit_id", "in", units.ids),
                    ("state", "=", "posted"),
                    ("move_type", "=", "out_invoice"),
                    ("commercial_partner_id", "=", partner.id),
                ],
                order="invoice_date desc, id desc",
            )
        )
        statements = [
            (
                unit,
                unit.sudo()._cs_statement(today),
                notices.filtered(lambda move, unit=unit: move.cs_unit_id == unit)[:12],
            )
            for unit in units
        ]
        values = self._prepare_portal_layout_values()
        values.update({"statements": statements, "page_name": "cs_units"})
        return request.render("cs_property.portal_my_units", values)

    @http.route(
        ["/my/units/<int:unit_id>/notice/<int:move_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_unit_notice(self, unit_id, move_id, **kw):
        unit = self._cs_unit(unit_id)
        if not unit:
            raise request.not_found()
        # sudo: the notice is shown only when it is a posted invoice of this
        # unit, addressed to the user's commercial partner.
        move = request.env["account.move"].sudo().browse(move_id).exists()
        partner = request.env.user.partner_id.commercial_partner_id
        if (
            not move
            or move.cs_unit_id != unit
            or move.state != "posted"
            or move.commercial_partner_id != partner
        ):
            raise request.not_found()
        report = request.env.ref("cs_property.report_fee_notice").sudo()
        pdf, _type = report._render_qweb_pdf(report.id, move.ids)
        headers = [
            ("Content-Type", "application/pdf" if _type == "pdf" else "text/html"),
            ("Content-Length", len(pdf)),
        ]
        return request.make_response(pdf, headers=headers)

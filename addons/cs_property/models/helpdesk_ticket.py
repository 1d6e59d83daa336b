# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CsUnit(models.Model):
    _inherit = "cs.unit"

    ticket_ids = fields.One2many("helpdesk.ticket", "cs_unit_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("cs_unit_id", "in", self.ids)], ["cs_unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.ticket_count = counts.get(unit, 0)

    def action_open_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("cs_unit_id", "=", self.id)]
        action["context"] = {
            "default_cs_unit_id": self.id,
            "default_partner_id": self.payer_id.id,
        }
        return action


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cs_unit_id = fields.Many2one(
        "cs.unit",
        string="Unit",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    cs_estate_id = fields.Many2one(
        related="cs_unit_id.estate_id", string="Estate", store=True
    )
    # §4: while open, no new reminder for the payer's fee invoices of the unit
    cs_billing_dispute = fields.Boolean(
        string="Billing Dispute",
        tracking=True,
        help="The customer disputes the fees of the unit: the collection "
        "reminders of the unit are paused until this ticket is closed.",
    )

    cs_partner_has_units = fields.Boolean(
        compute="_compute_cs_partner_has_units", string="Customer Has Units"
    )

    @api.depends("partner_id")
    def _compute_cs_partner_has_units(self):
        partners = self.partner_id | self.partner_id.commercial_partner_id
        # sudo: only whether the customer has a unit leaves this method.
        with_units = set(
            self.env["cs.unit.occupancy"]
            .sudo()
            ._read_group([("partner_id", "in", partners.ids)], ["partner_id"])
        )
        with_units = {partner for (partner,) in with_units}
        for ticket in self:
            ticket.cs_partner_has_units = bool(
                {ticket.partner_id, ticket.partner_id.commercial_partner_id}
                & with_units
            )

    @api.constrains("cs_kind", "cs_unit_id", "partner_id")
    def _check_cs_unit_repair(self):
        """A resident's repair request (报修) says which unit to repair.
        Repairs for customers without any unit (other services) need none."""
        for ticket in self:
            if (
                ticket.cs_kind == "repair"
                and not ticket.cs_unit_id
                and ticket.cs_partner_has_units
            ):
                raise ValidationError(
                    self.env._("A repair request (报修) needs the unit to repair.")
                )

    @api.onchange("partner_id")
    def _onchange_cs_unit_partner(self):
        """Preselect the caller's unit (the one they pay for first)."""
        if self.partner_id and not self.cs_unit_id:
            today = fields.Date.context_today(self)
            occupancy = self.env["cs.unit.occupancy"].search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("date_from", "<=", today),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", today),
                ],
                order="is_payer desc, date_from desc",
                limit=1,
            )
            self.cs_unit_id = occupancy.unit_id

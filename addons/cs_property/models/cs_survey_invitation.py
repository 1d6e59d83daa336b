# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CsSurveyInvitation(models.Model):
    """The unit and estate a survey is about, through cs_survey's one hook
    (``_cs_about_fields`` / ``_cs_about_values``): copied from the ticket
    (or the ticket a callback follows) and, for a periodic survey of a
    customer, from the unit they pay for; then onto the response."""

    _inherit = "cs.survey.invitation"

    cs_unit_id = fields.Many2one(
        "cs.unit", string="Unit", readonly=True, index="btree_not_null"
    )
    cs_estate_id = fields.Many2one(
        "cs.estate", string="Estate", readonly=True, index="btree_not_null"
    )

    @api.model
    def _cs_about_fields(self):
        return super()._cs_about_fields() + ["cs_unit_id", "cs_estate_id"]

    @api.model
    def _cs_about_values(self, record):
        values = super()._cs_about_values(record)
        if not record:
            return values
        if record._name == "helpdesk.ticket":
            values.update(
                cs_unit_id=record.cs_unit_id.id,
                cs_estate_id=record.cs_unit_id.estate_id.id,
            )
        elif record._name == "res.partner":
            unit = self._cs_partner_unit(record)
            values.update(cs_unit_id=unit.id, cs_estate_id=unit.estate_id.id)
        return values

    @api.model
    def _cs_partner_unit(self, partner):
        """The unit a customer pays for now (their first, as the ticket form
        preselects it), else any unit they occupy now."""
        today = fields.Date.context_today(self)
        # sudo: only the unit's id and estate leave this method, for the
        # statistics per estate; the survey rules run for any user
        occupancy = (
            self.env["cs.unit.occupancy"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", (partner | partner.commercial_partner_id).ids),
                    ("date_from", "<=", today),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", today),
                ],
                order="is_payer desc, date_from desc, id",
                limit=1,
            )
        )
        return occupancy.unit_id

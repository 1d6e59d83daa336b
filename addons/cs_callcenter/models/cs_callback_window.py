# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
# DOMAIN.md §4: never while customers rest — mornings and evenings, every day
DEFAULT_WINDOWS = [(9.0, 12.0), (14.0, 20.0)]


class CsCallbackWindow(models.Model):
    """When a campaign may call, in the customer's local time."""

    _name = "cs.callback.window"
    _description = "Callback Calling Window"
    _order = "campaign_id, weekday, hour_from"

    campaign_id = fields.Many2one(
        "cs.callback.campaign", required=True, ondelete="cascade", index=True
    )
    weekday = fields.Selection(WEEKDAYS, required=True)
    hour_from = fields.Float(string="From", required=True)
    hour_to = fields.Float(string="To", required=True)

    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for window in self:
            if not 0 <= window.hour_from < window.hour_to <= 24:
                raise ValidationError(
                    self.env._(
                        "A calling window runs from one hour to a later one of "
                        "the same day (00:00-24:00)."
                    )
                )

    @api.model
    def _cs_default_commands(self):
        return [
            fields.Command.create(
                {"weekday": str(day), "hour_from": start, "hour_to": end}
            )
            for day in range(7)
            for start, end in DEFAULT_WINDOWS
        ]

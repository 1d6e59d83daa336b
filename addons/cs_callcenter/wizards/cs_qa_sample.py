# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


def _last_month_start(wizard):
    return fields.Date.context_today(wizard).replace(day=1) - relativedelta(months=1)


def _last_month_end(wizard):
    return fields.Date.context_today(wizard).replace(day=1) - relativedelta(days=1)


class CsQaSample(models.TransientModel):
    """Sample calls to review (录音抽检) for a period."""

    _name = "cs.qa.sample"
    _description = "Sample Calls for Review"

    scorecard_id = fields.Many2one("cs.qa.scorecard", required=True)
    date_from = fields.Date(required=True, default=_last_month_start)
    date_to = fields.Date(required=True, default=_last_month_end)
    reviewer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )

    def action_sample(self):
        self.ensure_one()
        reviews = self.env["cs.qa.review"]._cs_sample(
            self.scorecard_id, self.date_from, self.date_to, reviewer=self.reviewer_id
        )
        if not reviews:
            raise UserError(
                self.env._("No answered call of this period is left to review.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sampled Reviews"),
            "res_model": "cs.qa.review",
            "view_mode": "list,form",
            "domain": [("id", "in", reviews.ids)],
        }

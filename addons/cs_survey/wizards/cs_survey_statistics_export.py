# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class CsSurveyStatisticsExport(models.TransientModel):
    """Export 《满意度调查统计表》 for the answers of a period."""

    _name = "cs.survey.statistics.export"
    _description = "Satisfaction Statistics Export"

    date_from = fields.Date(required=True, default=lambda self: fields.Date.today())
    date_to = fields.Date(required=True, default=lambda self: fields.Date.today())

    def action_export(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        return self.env.ref("cs_survey.survey_statistics_xlsx_report").report_action(
            self.env["cs.survey.report"],
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )

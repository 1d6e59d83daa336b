# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class CsSurvey(Survey):
    def _check_validity(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        """A phone survey's response belongs to the customer, but the agent
        who interviews them fills it in: let that agent (and only them) in."""
        if check_partner and answer_token and not request.env.user._is_public():
            # sudo: the token identifies the response, as in the survey
            # controller itself
            answer = (
                request.env["survey.user_input"]
                .sudo()
                .search([("access_token", "=", answer_token)], limit=1)
            )
            if (
                answer.cs_interviewer_id
                and answer.cs_interviewer_id == request.env.user
            ):
                check_partner = False
        return super()._check_validity(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    def _cs_missing_onboarding(self):
        """The onboarding certifications (岗前认证) of the user's company the
        user has not passed yet; none for supervisors and managers."""
        self.ensure_one()
        Survey = self.env["survey.survey"]
        if not self.has_group("cs_callcenter.group_agent") or self.has_group(
            "cs_callcenter.group_supervisor"
        ):
            return Survey
        # sudo: whether an agent passed is read whoever places the call; only
        # the certifications' titles leave this method
        required = Survey.sudo().search(
            [("cs_onboarding", "=", True), ("cs_training", "=", True)]
        )
        if not required:
            return Survey
        passed = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("survey_id", "in", required.ids),
                    ("partner_id", "=", self.partner_id.id),
                    ("state", "=", "done"),
                    ("scoring_success", "=", True),
                ]
            )
            .survey_id
        )
        return required - passed

    def _cs_check_onboarding(self):
        """Refuse to let a new agent take calls before passing the onboarding
        certification."""
        missing = self._cs_missing_onboarding()
        if missing:
            raise UserError(
                self.env._(
                    "%(agent)s takes calls after passing the onboarding "
                    "certification: %(quiz)s.",
                    agent=self.name,
                    quiz=", ".join(missing.mapped("title")),
                )
            )

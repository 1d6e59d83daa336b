# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    cs_survey_response_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The dissatisfied survey answer this follow-up ticket is for.",
    )
    cs_survey_closing_note = fields.Text(
        string="Follow-up Closing Note",
        copy=False,
        help="What was done for the dissatisfied customer: required to close a "
        "survey follow-up.",
    )
    cs_survey_invitation_ids = fields.One2many(
        "cs.survey.invitation", "cs_ticket_id", string="Survey Invitations"
    )

    def _cs_check_survey_closing(self, vals):
        """A survey follow-up closes only with a note of what was done."""
        stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        if not stage.closed:
            return
        note = vals.get("cs_survey_closing_note")
        for ticket in self.filtered("cs_survey_response_id"):
            if not (note or ticket.cs_survey_closing_note or "").strip():
                raise UserError(
                    self.env._(
                        "%s follows up a dissatisfied survey answer: write the "
                        "closing note (what was done for the customer) first.",
                        ticket.display_name,
                    )
                )

    def _cs_stage_follows_step(self):
        # A survey follow-up is closed by its stage with a closing note
        # (_cs_check_survey_closing), not through the complaint steps.
        return (
            super()
            ._cs_stage_follows_step()
            .filtered(lambda t: not t.cs_survey_response_id)
        )

    def write(self, vals):
        closing = reopening = self.browse()
        if vals.get("stage_id"):
            self._cs_check_survey_closing(vals)
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.closed:
                closing = self.filtered(lambda t: not t.stage_id.closed)
            else:
                reopening = self.filtered(lambda t: t.stage_id.closed)
        result = super().write(vals)
        if reopening:
            # sudo: whoever reopens the ticket withdraws its survey, which
            # agents may not edit themselves
            invitations = (
                self.env["cs.survey.invitation"]
                .sudo()
                .search([("cs_ticket_id", "in", reopening.ids)])
            )
            invitations._cs_cancel(self.env._("ticket reopened before the answer"))
        if closing:
            # sudo: closing a ticket schedules its survey by the manager's rules
            self.env["cs.survey.invitation"].sudo()._cs_invite_tickets(closing.sudo())
        return result

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        closed = tickets.filtered(lambda t: t.stage_id.closed)
        if closed:
            # sudo: a ticket registered closed is surveyed by the same rules
            self.env["cs.survey.invitation"].sudo()._cs_invite_tickets(closed.sudo())
        return tickets

    def action_cs_survey_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_survey.cs_survey_invitation_action"
        )
        action["domain"] = [("cs_ticket_id", "=", self.id)]
        action["context"] = {}
        return action

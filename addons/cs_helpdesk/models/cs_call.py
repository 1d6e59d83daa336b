# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

OPEN_TICKETS = 10
# When set, a Supervisor (not a Manager) monitors only the calls of agents of
# the helpdesk teams they lead or belong to. Off by default.
MONITOR_OWN_TEAMS_PARAM = "cs_helpdesk.monitor_own_teams"


class CsCall(models.Model):
    _inherit = "cs.call"

    ticket_ids = fields.One2many(
        "helpdesk.ticket", "cs_call_id", string="Tickets Registered"
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    cs_forbidden_phrases = fields.Char(
        string="Forbidden Phrases Used",
        compute="_compute_cs_forbidden_phrases",
        help="Forbidden phrases found in the call notes (for quality control).",
    )

    @api.depends("note")
    def _compute_cs_forbidden_phrases(self):
        Phrase = self.env["cs.forbidden.phrase"]
        for call in self:
            call.cs_forbidden_phrases = (
                Phrase._cs_find(call.note)._cs_describe() or False
            )

    @api.model
    def _cs_reference_models(self):
        return super()._cs_reference_models() + ["helpdesk.ticket"]

    @api.model
    def _cs_caller_extra(self, partners):
        result = super()._cs_caller_extra(partners)
        tickets = self.env["helpdesk.ticket"].search(
            [
                ("commercial_partner_id", "in", partners.commercial_partner_id.ids),
                ("stage_id.closed", "=", False),
            ],
            limit=OPEN_TICKETS,
            order="id desc",
        )
        result["open_tickets"] = [
            {
                "id": t.id,
                "number": t.number,
                "name": t.name,
                "kind": t.cs_kind,
                "stage": t.stage_id.name or False,
            }
            for t in tickets
        ]
        return result

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("cs_call_id", "in", self.ids)], ["cs_call_id"], ["__count"]
            )
        )
        for call in self:
            call.ticket_count = counts.get(call, 0)

    def action_cs_new_ticket(self):
        """Register a ticket from this call (caller card, call form)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_cs_call_id": self.id,
                "default_partner_id": self.partner_id.id,
                # the queue or IVR choice of the call routes the ticket
                "default_team_id": self.env["helpdesk.ticket.team"]
                ._cs_for_call(self)
                .id
                or False,
            },
        }

    def _cs_check_monitor_allowed(self, user):
        super()._cs_check_monitor_allowed(user)
        if user.has_group("cs_callcenter.group_manager"):
            return
        # sudo: configuration read on behalf of a Supervisor
        restricted = (
            self.env["ir.config_parameter"].sudo().get_param(MONITOR_OWN_TEAMS_PARAM)
        )
        if restricted not in ("1", "True", "true"):
            return
        # sudo: team membership decides, whatever the teams the user may read
        teams = (
            self.env["helpdesk.ticket.team"]
            .sudo()
            .search(["|", ("user_id", "=", user.id), ("user_ids", "in", user.ids)])
        )
        if not self.user_id or self.user_id not in teams.user_ids | teams.user_id:
            raise AccessError(
                self.env._(
                    "You may only monitor the calls of the agents of your "
                    "helpdesk teams."
                )
            )

    def action_cs_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("cs_call_id", "=", self.id)]
        action["context"] = {"default_cs_call_id": self.id}
        return action

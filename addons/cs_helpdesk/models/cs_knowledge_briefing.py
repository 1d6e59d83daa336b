# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class CsKnowledgeBriefing(models.Model):
    """班前会: the daily page of a team before its shift, with the articles
    approved or changed since the team's previous briefing and the typical
    cases (典型案例) of the day before; each agent acknowledges it."""

    _name = "cs.knowledge.briefing"
    _description = "Pre-shift Briefing"
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    team_id = fields.Many2one("helpdesk.ticket.team", required=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    since = fields.Datetime(
        readonly=True, help="Articles approved or changed after this time are listed."
    )
    article_ids = fields.Many2many(
        "document.page", string="New and Changed Articles", readonly=True
    )
    ticket_ids = fields.Many2many(
        "helpdesk.ticket", string="Typical Cases", readonly=True
    )
    note = fields.Html(string="Supervisor's Note")
    ack_ids = fields.One2many(
        "cs.knowledge.briefing.ack", "briefing_id", string="Acknowledgements"
    )
    ack_count = fields.Integer(string="Acknowledged", compute="_compute_ack")
    member_count = fields.Integer(string="Team Members", compute="_compute_ack")
    acknowledged = fields.Boolean(string="I Acknowledged", compute="_compute_ack")

    _sql_constraints = [
        (
            "team_date_unique",
            "unique(team_id, date)",
            "A team has one briefing a day.",
        )
    ]

    @api.depends("team_id", "date")
    def _compute_name(self):
        for briefing in self:
            briefing.name = (
                f"{briefing.team_id.name or ''} {briefing.date or ''}".strip()
            )

    @api.depends("ack_ids", "team_id.user_ids")
    def _compute_ack(self):
        for briefing in self:
            # sudo: agents see their own acknowledgements only (record rule),
            # but the page shows how many of the team have read it.
            acks = briefing.sudo().ack_ids
            briefing.ack_count = len(acks)
            briefing.member_count = len(briefing.sudo().team_id.user_ids)
            briefing.acknowledged = self.env.user in acks.user_id

    @api.model_create_multi
    def create(self, vals_list):
        briefings = super().create(vals_list)
        briefings._cs_fill()
        return briefings

    def action_cs_refresh(self):
        self._cs_fill()

    def _cs_fill(self):
        """List the articles approved or changed since the team's previous
        briefing (or the day before) and the day before's typical cases."""
        Page = self.env["document.page"]
        Ticket = self.env["helpdesk.ticket"]
        for briefing in self:
            day = datetime.combine(briefing.date, time.min)
            previous = self.search(
                [("team_id", "=", briefing.team_id.id), ("date", "<", briefing.date)],
                limit=1,
            )
            since = (
                datetime.combine(previous.date, time.min)
                if previous
                else day - timedelta(days=1)
            )
            articles = Page.search(
                [
                    ("type", "=", "content"),
                    ("cs_state", "=", "approved"),
                    "|",
                    ("cs_approved_date", ">=", since),
                    ("content_date", ">=", since),
                ]
            )
            yesterday = day - timedelta(days=1)
            tickets = Ticket.search(
                [
                    ("cs_typical_case", "=", True),
                    ("team_id", "=", briefing.team_id.id),
                    "|",
                    "&",
                    ("create_date", ">=", yesterday),
                    ("create_date", "<", day),
                    "&",
                    ("closed_date", ">=", yesterday),
                    ("closed_date", "<", day),
                ]
            )
            briefing.write(
                {
                    "since": since,
                    "article_ids": [fields.Command.set(articles.ids)],
                    "ticket_ids": [fields.Command.set(tickets.ids)],
                }
            )

    def action_cs_acknowledge(self):
        """The current user has read the briefing (once)."""
        self.ensure_one()
        self.check_access("read")
        if self.acknowledged:
            raise UserError(self.env._("You acknowledged this briefing already."))
        self.env["cs.knowledge.briefing.ack"].create(
            {"briefing_id": self.id, "user_id": self.env.uid}
        )
        return True


class CsKnowledgeBriefingAck(models.Model):
    """Who read which briefing, when."""

    _name = "cs.knowledge.briefing.ack"
    _description = "Briefing Acknowledgement"
    _order = "date desc"

    briefing_id = fields.Many2one(
        "cs.knowledge.briefing", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Agent", required=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(
        string="Read On", required=True, default=fields.Datetime.now, readonly=True
    )

    _sql_constraints = [
        (
            "briefing_user_unique",
            "unique(briefing_id, user_id)",
            "An agent acknowledges a briefing once.",
        )
    ]

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import split_every

# what an agent may change on their own review: their answer
AGENT_FIELDS = {"agent_comment"}
# what the reviewer fills in while reviewing, read-only on the form once the
# review is submitted: put it back to review (action_reset) to change it
DRAFT_FIELDS = {
    "call_id",
    "agent_id",
    "scorecard_id",
    "mystery",
    "reviewer_id",
    "date",
    "line_ids",
    "comment",
}
# reviews created per batch of a sampling, each batch followed by its progress
SAMPLE_BATCH = 500
# the totals and the workflow (cs.workflow.mixin): written by the scoring and
# the buttons only, by nobody's hand
PROTECTED_FIELDS = (
    "score",
    "failed",
    "failed_count",
    "state",
    "acknowledged_date",
    "sampled",
)


class CsQaReview(models.Model):
    """A reviewer scores a call (or a mystery caller's visit) on a
    scorecard; the agent sees it and acknowledges it."""

    _name = "cs.qa.review"
    _description = "Quality Review"
    _inherit = ["cs.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _cs_protected_fields = PROTECTED_FIELDS
    _cs_draft_fields = DRAFT_FIELDS

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    call_id = fields.Many2one("cs.call", index="btree_not_null", check_company=True)
    agent_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    reviewer_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    scorecard_id = fields.Many2one("cs.qa.scorecard", required=True, check_company=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    mystery = fields.Boolean(
        string="Mystery Caller", help="A mystery caller's (神秘顾客) visit or call."
    )
    sampled = fields.Boolean(readonly=True, copy=False, help="Chosen by the sampling.")
    line_ids = fields.One2many("cs.qa.review.line", "review_id", string="Scores")
    score = fields.Float(
        string="Score (%)",
        compute="_compute_score",
        store=True,
        aggregator="avg",
        help="Weighted share of the points: pass 100, partly 50, fail 0.",
    )
    failed = fields.Boolean(
        compute="_compute_score",
        store=True,
        help="A fatal item failed: the review fails whatever the score.",
    )
    failed_count = fields.Integer(
        string="Failed Reviews", compute="_compute_score", store=True
    )
    state = fields.Selection(
        [
            ("draft", "To Review"),
            ("done", "Reviewed"),
            ("acknowledged", "Acknowledged"),
        ],
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    comment = fields.Text(string="Reviewer's Comments")
    agent_comment = fields.Text(string="Agent's Comments")
    acknowledged_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "call_scorecard_unique",
            "unique(call_id, scorecard_id)",
            "This call is already reviewed on this scorecard.",
        )
    ]

    @api.depends("agent_id", "date", "call_id")
    def _compute_name(self):
        for review in self:
            review.name = " / ".join(
                filter(
                    None,
                    [
                        review.agent_id.name,
                        review.call_id.display_name,
                        review.date and fields.Date.to_string(review.date),
                    ],
                )
            )

    @api.depends("line_ids.points", "line_ids.weight", "line_ids.result")
    def _compute_score(self):
        for review in self:
            lines = review.line_ids
            total = sum(lines.mapped("weight"))
            review.score = (
                round(sum(line.weight * line.points for line in lines) / total, 1)
                if total
                else 0.0
            )
            review.failed = any(line.fatal and line.result == "fail" for line in lines)
            review.failed_count = 1 if review.failed else 0

    @api.onchange("call_id")
    def _onchange_call_id(self):
        if self.call_id.user_id:
            self.agent_id = self.call_id.user_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("call_id") and not vals.get("agent_id"):
                call = self.env["cs.call"].browse(vals["call_id"])
                vals["agent_id"] = call.user_id.id
            if not vals.get("line_ids") and vals.get("scorecard_id"):
                card = self.env["cs.qa.scorecard"].browse(vals["scorecard_id"])
                vals["line_ids"] = [
                    fields.Command.create({"criterion_id": criterion.id})
                    for criterion in card.criterion_ids
                ]
        return super().create(vals_list)

    def write(self, vals):
        # Agents see their reviews (record rule) and only answer them.
        if self._cs_guard_applies():
            self._cs_check_workflow_fields(vals)
            # the agent's answer is the agent's own words: a reviewer cannot
            # put words in their mouth
            if "agent_comment" in vals and self.filtered(
                lambda r: r.agent_id != self.env.user
            ):
                raise AccessError(
                    self.env._(
                        "Only the agent reviewed writes the Agent's Comments "
                        "(agent_comment) of a quality review."
                    )
                )
            if not self.env.user.has_group("cs_callcenter.group_supervisor"):
                forbidden = set(vals) - AGENT_FIELDS
                if forbidden:
                    raise AccessError(
                        self.env._(
                            "Only the reviewer changes a quality review, not the "
                            "agent: %s.",
                            ", ".join(sorted(forbidden)),
                        )
                    )
                if self.filtered(lambda r: r.state != "done"):
                    raise UserError(
                        self.env._(
                            "The agent answers a review before acknowledging it."
                        )
                    )
        return super().write(vals)

    def action_done(self):
        """Submit the reviews: every review is checked before any is
        submitted, then each agent gets an activity to read theirs."""
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise AccessError(self.env._("Only a supervisor submits a review."))
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("%s is already reviewed.", review.name))
            missing = review.line_ids.filtered(lambda line: not line.result)
            if missing:
                raise UserError(
                    self.env._(
                        "Score every item first (%(review)s): %(items)s.",
                        review=review.name,
                        items=", ".join(missing.criterion_id.mapped("name")),
                    )
                )
        self._cs_workflow_write({"state": "done"})
        for review in self:
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Read and acknowledge your quality review"),
                user_id=review.agent_id.id,
            )
        return True

    def action_acknowledge(self):
        """The agent has read the review (with their comment, if any)."""
        for review in self:
            if review.agent_id != self.env.user:
                raise UserError(self.env._("Only the agent acknowledges a review."))
            if review.state != "done":
                raise UserError(
                    self.env._("%s cannot be acknowledged now.", review.name)
                )
        self._cs_workflow_write(
            {"state": "acknowledged", "acknowledged_date": fields.Datetime.now()}
        )
        # sudo: the activity is the agent's own to-do, scheduled by the reviewer
        self.activity_ids.filtered(
            lambda a: a.user_id == self.env.user
        ).sudo().action_feedback()
        return True

    def action_reset(self):
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            raise AccessError(self.env._("Only a supervisor reopens a review."))
        self._cs_workflow_write({"state": "draft", "acknowledged_date": False})
        return True

    # -- sampling (录音抽检) --------------------------------------------------------
    @api.model
    def _cs_sample(self, scorecard, date_from, date_to, reviewer=None, rng=None):
        """Draft reviews for a random sample of each agent's answered calls
        of the period: the scorecard's count or share per agent, never a call
        reviewed before. Returns the new reviews."""
        if date_from > date_to:
            raise UserError(self.env._("The period ends before it starts."))
        rng = rng or random.SystemRandom()
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to, time.max)
        Call = self.env["cs.call"]
        calls = Call.search(
            [
                ("disposition", "=", "answered"),
                ("user_id", "!=", False),
                ("answer_date", ">=", start),
                ("answer_date", "<=", end),
                ("company_id", "=", scorecard.company_id.id),
            ]
        )
        reviewed = set(self.search([("call_id", "in", calls.ids)]).call_id.ids)
        by_agent = {}
        for call in calls:
            if call.id not in reviewed:
                by_agent.setdefault(call.user_id, []).append(call.id)
        vals_list = []
        for agent, call_ids in by_agent.items():
            if scorecard.sample_percent:
                size = max(1, round(len(call_ids) * scorecard.sample_percent / 100))
            else:
                size = scorecard.sample_count
            for call_id in rng.sample(sorted(call_ids), min(size, len(call_ids))):
                vals_list.append(
                    {
                        "call_id": call_id,
                        "agent_id": agent.id,
                        "scorecard_id": scorecard.id,
                        "reviewer_id": (reviewer or scorecard.reviewer_id).id,
                        "company_id": scorecard.company_id.id,
                        "sampled": True,
                    }
                )
        reviews = self.browse()
        progress = self.env._("Sampling calls for %s", scorecard.name)
        for batch in split_every(SAMPLE_BATCH, vals_list):
            reviews |= self._cs_workflow_create(list(batch))
            self.env.user._cs_notify_progress(
                f"{scorecard._name},{scorecard.id}",
                progress,
                len(reviews),
                len(vals_list),
            )
        return reviews

    @api.model
    def _cron_sample_last_month(self):
        first = date.today().replace(day=1)
        start, end = first - relativedelta(months=1), first - relativedelta(days=1)
        cards = self.env["cs.qa.scorecard"].search([("auto_sample", "=", True)])
        for card in cards:
            self._cs_sample(card, start, end)
        self.env["ir.cron"]._notify_progress(done=len(cards), remaining=0)

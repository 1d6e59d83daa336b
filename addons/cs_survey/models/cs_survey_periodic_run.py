# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ..tools.survey_math import rate

BATCH = 2000
DEFAULT_THROTTLE_DAYS = 30
DEFAULT_EXPIRY_DAYS = 7
# what the run asks, typed while it is a draft (read-only on the form once
# it has started: the invitations sent say what was asked)
DRAFT_FIELDS = {
    "name",
    "company_id",
    "rule_id",
    "survey_id",
    "partner_domain",
    "channel",
    "throttle_days",
    "expiry_days",
}


class CsSurveyPeriodicRun(models.Model):
    """满意度普查: one survey to every contact of a domain, in batches, each
    contact at most once per run, through the invitation gate (throttle,
    do-not-survey)."""

    _name = "cs.survey.periodic.run"
    _description = "Periodic Survey Run"
    _inherit = ["cs.workflow.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # written by the buttons and the cron only (cs.workflow.mixin)
    _cs_protected_fields = ("state", "total_count")
    _cs_draft_fields = DRAFT_FIELDS

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company
    )
    rule_id = fields.Many2one(
        "cs.survey.rule",
        string="Survey Rule",
        default=lambda s: s._default_rule_id(),
        domain="[('trigger', '=', 'periodic'), ('company_id', '=', company_id)]",
        check_company=True,
        help="The periodic survey rule: its survey, delay, channel, expiry, "
        "throttle and follow-up team apply to the run (the survey, channel, "
        "expiry and throttle may be changed for one run).",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        compute="_compute_from_rule",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('cs_metric', '!=', False)]",
    )
    partner_domain = fields.Char(
        string="Contacts to Ask", default="[('customer_rank', '>=', 0)]", required=True
    )
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS Link"), ("wechat", "WeChat Link")],
        required=True,
        compute="_compute_from_rule",
        store=True,
        readonly=False,
        precompute=True,
    )
    throttle_days = fields.Integer(
        string="At most once per (days)",
        compute="_compute_from_rule",
        store=True,
        readonly=False,
        precompute=True,
    )
    expiry_days = fields.Integer(
        string="Expires after (days)",
        compute="_compute_from_rule",
        store=True,
        readonly=False,
        precompute=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
    )
    total_count = fields.Integer(string="Contacts Found", readonly=True)
    invitation_ids = fields.One2many("cs.survey.invitation", "periodic_run_id")
    processed_count = fields.Integer(compute="_compute_summary", string="Processed")
    invited_count = fields.Integer(compute="_compute_summary", string="Invited")
    skipped_count = fields.Integer(compute="_compute_summary", string="Skipped")
    progress = fields.Float(compute="_compute_summary")
    summary = fields.Text(compute="_compute_summary", string="Skipped by Reason")

    @api.model
    def _default_rule_id(self):
        return self.env["cs.survey.rule"].search(
            [("trigger", "=", "periodic"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )

    @api.depends("rule_id")
    def _compute_from_rule(self):
        """The rule's settings; without a rule, the suite's defaults (the
        survey then is the manager's choice)."""
        for run in self:
            rule = run.rule_id
            run.survey_id = rule.survey_id or run.survey_id
            run.channel = rule.channel or run.channel or "email"
            run.throttle_days = rule.throttle_days if rule else DEFAULT_THROTTLE_DAYS
            run.expiry_days = rule.expiry_days if rule else DEFAULT_EXPIRY_DAYS

    @api.constrains("rule_id")
    def _check_rule(self):
        for run in self.filtered("rule_id"):
            if run.rule_id.trigger != "periodic":
                raise ValidationError(
                    self.env._(
                        "%(run)s: %(rule)s is not a periodic survey rule.",
                        run=run.name,
                        rule=run.rule_id.name,
                    )
                )

    @api.constrains("throttle_days", "expiry_days")
    def _check_numbers(self):
        for run in self:
            if run.throttle_days < 0 or run.expiry_days < 1:
                raise ValidationError(
                    self.env._(
                        "%s: the period cannot be negative, and a survey is open "
                        "at least one day.",
                        run.name,
                    )
                )

    @api.depends("invitation_ids.state", "total_count")
    def _compute_summary(self):
        Invitation = self.env["cs.survey.invitation"]
        rows = Invitation._read_group(
            [("periodic_run_id", "in", self.ids)],
            ["periodic_run_id", "state", "skip_reason"],
            ["__count"],
        )
        stats = {}
        for run, state, reason, count in rows:
            stats.setdefault(run.id, []).append((state, reason, count))
        for run in self:
            lines = stats.get(run.id, [])
            run.processed_count = sum(c for _s, _r, c in lines)
            run.skipped_count = sum(c for s, _r, c in lines if s == "skipped")
            run.invited_count = run.processed_count - run.skipped_count
            run.progress = rate(run.processed_count, run.total_count)
            run.summary = "\n".join(
                f"{reason}: {count}"
                for state, reason, count in sorted(lines, key=lambda x: -x[2])
                if state == "skipped"
            )

    def _cs_domain(self):
        self.ensure_one()
        try:
            domain = safe_eval(self.partner_domain or "[]")
        except Exception as error:
            raise UserError(
                self.env._("Contacts: the domain cannot be read (%s).", error)
            ) from error
        return domain + [("company_id", "in", [False, self.company_id.id])]

    def action_start(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("%s has started already.", self.name))
        self._cs_workflow_write(
            {
                "state": "running",
                "total_count": self.env["res.partner"].search_count(self._cs_domain()),
            }
        )
        return self._cs_process()

    def action_continue(self):
        return self._cs_process()

    def _cs_process(self, batch_size=None):
        """Invite the next batch of contacts not in this run yet; the run is
        done when none remains. Rerunning never invites anybody twice."""
        batch_size = batch_size or self.env.context.get("cs_batch_size") or BATCH
        Invitation = self.env["cs.survey.invitation"]
        now = fields.Datetime.now()
        for run in self.filtered(lambda r: r.state == "running"):
            # the rule's delay: e.g. invite at the start of the next day
            scheduled = now + timedelta(hours=run.rule_id.delay_hours)
            seen = Invitation.with_context(active_test=False)._read_group(
                [("periodic_run_id", "=", run.id)], [], ["partner_id:array_agg"]
            )[0][0]
            partners = self.env["res.partner"].search(
                run._cs_domain() + [("id", "not in", [p for p in seen if p])],
                limit=batch_size,
                order="id",
            )
            if not partners:
                run._cs_workflow_write({"state": "done"})
                continue
            Invitation._cs_schedule(
                [
                    {
                        "key": f"periodic:{run.id}:{partner.id}",
                        "rule": run.rule_id,
                        "trigger": "periodic",
                        "survey": run.survey_id,
                        "partner": partner,
                        "channel": run.channel,
                        "scheduled_date": scheduled,
                        "throttle_days": run.throttle_days,
                        "periodic_run_id": run.id,
                        # what a periodic survey is about: the customer
                        # (cs_property adds their unit and estate)
                        "about": partner,
                        "company_id": run.company_id.id,
                    }
                    for partner in partners
                ]
            )
        return True

    @api.model
    def _cron_cs_periodic(self):
        self.search([("state", "=", "running")])._cs_process()

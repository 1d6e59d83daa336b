# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

from ..tools.survey_math import rate

BATCH = 2000


class CsSurveyPeriodicRun(models.Model):
    """满意度普查: one survey to every contact of a domain, in batches, each
    contact at most once per run, through the invitation gate (throttle,
    do-not-survey)."""

    _name = "cs.survey.periodic.run"
    _description = "Periodic Survey Run"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company
    )
    survey_id = fields.Many2one(
        "survey.survey", required=True, domain="[('cs_metric', '!=', False)]"
    )
    partner_domain = fields.Char(
        string="Contacts to Ask", default="[('customer_rank', '>=', 0)]", required=True
    )
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS Link"), ("wechat", "WeChat Link")],
        required=True,
        default="email",
    )
    throttle_days = fields.Integer(string="At most once per (days)", default=30)
    expiry_days = fields.Integer(string="Expires after (days)", default=7)
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
        self.write(
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
            seen = Invitation.with_context(active_test=False)._read_group(
                [("periodic_run_id", "=", run.id)], [], ["partner_id:array_agg"]
            )[0][0]
            partners = self.env["res.partner"].search(
                run._cs_domain() + [("id", "not in", [p for p in seen if p])],
                limit=batch_size,
                order="id",
            )
            if not partners:
                run.state = "done"
                continue
            Invitation._cs_schedule(
                [
                    {
                        "key": f"periodic:{run.id}:{partner.id}",
                        "trigger": "periodic",
                        "survey": run.survey_id,
                        "partner": partner,
                        "channel": run.channel,
                        "scheduled_date": now,
                        "throttle_days": run.throttle_days,
                        "periodic_run_id": run.id,
                        "company_id": run.company_id.id,
                    }
                    for partner in partners
                ]
            )
        return True

    @api.model
    def _cron_cs_periodic(self):
        self.search([("state", "=", "running")])._cs_process()

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import heapq
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, split_every
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.models.res_partner import _tz_get

from ..tools.stats import grouped_stats, rate
from ..tools.windows import is_open, window_at
from .cs_callback_task import OUTCOMES, PROGRESS_MEASURES

PURPOSES = [
    ("after_service", "After a Complaint or Repair"),
    ("satisfaction", "Service Satisfaction"),
    ("greeting", "Holiday Greeting"),
    ("renewal", "Renewal Reminder"),
]
CREATE_BATCH = 1000


def _default_script(env):
    _ = env._
    return Markup(
        "<h3>%s</h3><p>%s</p><h3>%s</h3><p>%s</p><h3>%s</h3><ul><li>%s</li>"
        "<li>%s</li></ul><h3>%s</h3><p>%s</p>"
    ) % (
        _("Opening"),
        _(
            "Good morning, this is [name], agent number [工号], of [company]. "
            "Am I speaking with [customer]? Sorry to disturb you."
        ),
        _("Question"),
        _("Are you satisfied with how we handled your request?"),
        _("Answer"),
        _("Satisfied: thank them and ask for suggestions."),
        _("Neutral or unsatisfied: ask what we should improve."),
        _("Closing"),
        _(
            "Thank you for your time. (Unsatisfied: apologise and say what we "
            "will do, and by when.)"
        ),
    )


class CsCallbackCampaign(models.Model):
    """A callback campaign (回访): who to call, why, with which script, by
    when and at which hours, and how far it has come."""

    _name = "cs.callback.campaign"
    _description = "Callback Campaign"
    _inherit = ["cs.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # written by the buttons and the generation only
    _cs_protected_fields = (
        "state",
        "skipped_dnc_count",
        "skipped_no_phone_count",
        "generated_date",
    )

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Supervisor",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
        help="Follows the campaign up and gets the unsatisfied customers.",
    )
    purpose = fields.Selection(
        PURPOSES,
        required=True,
        default="satisfaction",
        tracking=True,
        help="Other modules add theirs (cs_property: fee reminders).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    target_source = fields.Selection(
        [("domain", "Contacts")],
        default="domain",
        required=True,
        help="Where the people to call come from.",
    )
    partner_domain = fields.Char(
        string="Contacts to Call",
        default="[]",
        help="Which contacts, when the targets are contacts.",
    )
    date_from = fields.Date(
        string="Source From", help="Period of the source records (tickets, invoices)."
    )
    date_to = fields.Date(string="Source To")
    agent_ids = fields.Many2many(
        "res.users",
        string="Agents",
        domain="[('share', '=', False)]",
        check_company=True,
        help="The calls are shared among them, balancing their open tasks.",
    )
    script = fields.Html(
        default=lambda self: _default_script(self.env),
        help="Shown to the agent during the call.",
    )
    due_days = fields.Integer(
        string="Call Back within (days)",
        default=3,
        help="DOMAIN rule: every target is called back within three days of "
        "the event (or the time the customer agreed).",
    )
    window_ids = fields.One2many(
        "cs.callback.window",
        "campaign_id",
        string="Calling Windows",
        default=lambda self: self.env["cs.callback.window"]._cs_default_commands(),
        copy=True,
    )
    agreed_limit_days = fields.Integer(
        string="Agreed Time within (days)",
        default=14,
        help="A time agreed with the customer for the callback is at most this "
        "many days after the callback was planned.",
    )
    tz = fields.Selection(
        _tz_get,
        string="Default Timezone",
        default=lambda self: self.env.user.tz or "Asia/Shanghai",
        required=True,
        help="For contacts without a timezone of their own.",
    )
    max_attempts = fields.Integer(default=3)
    retry_hours = fields.Float(string="Retry after (h)", default=2.0)
    coverage_target = fields.Float(string="Coverage Target (%)", default=100.0)
    task_ids = fields.One2many("cs.callback.task", "campaign_id", string="Tasks")
    skipped_dnc_count = fields.Integer(
        string="Skipped: Do Not Call",
        readonly=True,
        copy=False,
        help="Targets left out at the last generation: they asked not to be called.",
    )
    skipped_no_phone_count = fields.Integer(
        string="Skipped: No Valid Number",
        readonly=True,
        copy=False,
        help="Targets left out at the last generation: no number that can be dialled.",
    )
    generated_date = fields.Datetime(string="Last Generated", readonly=True, copy=False)

    task_count = fields.Integer(string="Targets", compute="_compute_progress")
    open_count = fields.Integer(string="To Call", compute="_compute_progress")
    done_count = fields.Integer(string="Finished", compute="_compute_progress")
    overdue_count = fields.Integer(string="Overdue", compute="_compute_progress")
    called_in_time_count = fields.Integer(
        string="Called in Time", compute="_compute_progress"
    )
    reached_in_time_count = fields.Integer(
        string="Reached in Time", compute="_compute_progress"
    )
    coverage = fields.Float(
        string="Coverage (%)",
        compute="_compute_progress",
        help="Targets called within their due time, of all targets.",
    )
    reach_rate = fields.Float(
        string="Reached (%)",
        compute="_compute_progress",
        help="Targets reached within their due time, of all targets.",
    )
    satisfaction_avg = fields.Float(
        string="Average Satisfaction", compute="_compute_progress"
    )
    satisfied_count = fields.Integer(string="Satisfied", compute="_compute_progress")
    neutral_count = fields.Integer(string="Neutral", compute="_compute_progress")
    unsatisfied_count = fields.Integer(
        string="Unsatisfied", compute="_compute_progress"
    )
    unreachable_count = fields.Integer(
        string="Unreachable", compute="_compute_progress"
    )
    refused_count = fields.Integer(string="Refused", compute="_compute_progress")
    wrong_number_count = fields.Integer(
        string="Wrong Number", compute="_compute_progress"
    )

    @api.constrains(
        "due_days",
        "max_attempts",
        "retry_hours",
        "coverage_target",
        "agreed_limit_days",
    )
    def _check_rules(self):
        for campaign in self:
            if (
                campaign.due_days < 1
                or campaign.max_attempts < 1
                or campaign.agreed_limit_days < 1
            ):
                raise ValidationError(
                    self.env._(
                        "%s: the due time, the attempts and the agreed time "
                        "limit are at least 1.",
                        campaign.name,
                    )
                )
            if campaign.retry_hours < 0 or not 0 < campaign.coverage_target <= 100:
                raise ValidationError(
                    self.env._(
                        "%s: the retry delay is positive and the coverage target "
                        "a percentage.",
                        campaign.name,
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for campaign in self:
            if (
                campaign.date_from
                and campaign.date_to
                and campaign.date_from > campaign.date_to
            ):
                raise ValidationError(self.env._("The period ends before it starts."))

    @api.depends("task_ids.state", "task_ids.outcome", "task_ids.due_date")
    def _compute_progress(self):
        Task = self.env["cs.callback.task"]
        domain = [("campaign_id", "in", self.ids)]
        overdue = [("state", "=", "open"), ("due_date", "<", fields.Datetime.now())]
        stats = grouped_stats(
            Task,
            domain,
            ["campaign_id"],
            dict(PROGRESS_MEASURES, overdue=(overdue, "__count")),
        )
        outcomes = {
            (campaign.id, outcome): count
            for campaign, outcome, count in Task._read_group(
                domain, ["campaign_id", "outcome"], ["__count"]
            )
        }
        for campaign in self:
            figures = stats.get((campaign,), dict.fromkeys(PROGRESS_MEASURES, 0))
            total = figures["targets"]
            campaign.task_count = total
            campaign.open_count = figures["open"]
            campaign.done_count = total - figures["open"]
            campaign.overdue_count = figures.get("overdue", 0)
            campaign.called_in_time_count = figures["called"]
            campaign.reached_in_time_count = figures["reached"]
            campaign.coverage = rate(figures["called"], total)
            campaign.reach_rate = rate(figures["reached"], total)
            campaign.satisfaction_avg = round(figures["satisfaction"], 2)
            for outcome, _label in OUTCOMES:
                campaign[f"{outcome}_count"] = outcomes.get((campaign.id, outcome), 0)

    def _cs_agent_heap(self):
        """The campaign's agents as a heap of ``(open tasks, user id)``: the
        next task goes to the agent on top (the fewest open tasks), who is
        pushed back with one more. Empty when the campaign has no agents."""
        self.ensure_one()
        loads = dict.fromkeys(self.agent_ids.ids, 0)
        for user, count in self.env["cs.callback.task"]._read_group(
            [("campaign_id", "=", self.id), ("state", "=", "open")],
            ["user_id"],
            ["__count"],
        ):
            if user.id in loads:
                loads[user.id] = count
        heap = [(load, uid) for uid, load in loads.items()]
        heapq.heapify(heap)
        return heap

    def _cs_windows(self):
        """The calling windows as ``(weekday, hour_from, hour_to)``."""
        self.ensure_one()
        return [(int(w.weekday), w.hour_from, w.hour_to) for w in self.window_ids]

    # -- generation --------------------------------------------------------------
    def _cs_targets(self):
        """``[(partner, source record or None, start)]``: who to call, about
        what, from when (the due time counts from ``start``). Other modules add
        a ``target_source`` and its ``_cs_targets_<source>`` method."""
        self.ensure_one()
        method = getattr(self, f"_cs_targets_{self.target_source}", None)
        if method is None:
            raise UserError(
                self.env._("No target generator for %s.", self.target_source)
            )
        return method()

    def _cs_targets_domain(self):
        try:
            domain = safe_eval(self.partner_domain or "[]")
            # contacts of the campaign's company or shared, never another's
            company = [("company_id", "in", [False, self.company_id.id])]
            partners = self.env["res.partner"].search(domain + company, order="id")
        except Exception as error:
            raise UserError(
                self.env._("The contacts to call are not a valid filter: %s", error)
            ) from error
        now = fields.Datetime.now()
        return [(partner, None, now) for partner in partners]

    def action_generate(self):
        """Create a task per new target, each given to the agent with the
        fewest open tasks of the campaign. Running it again adds only the
        targets that appeared since: a target is never duplicated, and two
        generations of the same campaign at once are refused."""
        self.ensure_one()
        if self.state == "done":
            raise UserError(self.env._("%s is done.", self.name))
        self._cs_lock(wait=False)
        created, dnc, no_phone = self._cs_add_targets(self._cs_targets())
        self._cs_workflow_write(
            {
                # what the last generation skipped: each run looks at every
                # target again, so the counts are today's, not a running sum
                "skipped_dnc_count": dnc,
                "skipped_no_phone_count": no_phone,
                "generated_date": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._(
                "%(new)s target(s) added; skipped: %(dnc)s do-not-call, "
                "%(no_phone)s without a valid number.",
                new=created,
                dnc=dnc,
                no_phone=no_phone,
            )
        )
        return created

    def _cs_lock(self, wait=True):
        """Lock the campaign row until the end of the transaction, so that
        its targets are added by one transaction at a time."""
        self.ensure_one()
        query = SQL(
            "SELECT id FROM cs_callback_campaign WHERE id = %s FOR UPDATE%s",
            self.id,
            SQL("") if wait else SQL(" NOWAIT"),
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query)
        except errors.LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "The targets of %s are being generated right now by someone "
                    "else: try again in a moment.",
                    self.name,
                )
            ) from error

    def _cs_add_targets(self, targets):
        """Create the tasks of ``targets`` (see ``_cs_targets``) not in the
        campaign yet, each for the agent with the fewest open tasks of the
        campaign. Returns (created, skipped do-not-call, skipped no number)."""
        self.ensure_one()
        if not self.agent_ids:
            raise UserError(self.env._("Choose the agents who will call first."))
        if not self.window_ids:
            raise UserError(self.env._("Set at least one calling window first."))
        self._cs_lock()
        Task = self.env["cs.callback.task"]
        Task.flush_model(["campaign_id", "target_key", "user_id", "state"])
        # the keys only, not 100,000 records in the ORM cache
        self.env.cr.execute(
            SQL(
                "SELECT target_key FROM cs_callback_task WHERE campaign_id = %s",
                self.id,
            )
        )
        existing = {row[0] for row in self.env.cr.fetchall()}
        heap = self._cs_agent_heap()
        windows = self._cs_windows()
        due = timedelta(days=self.due_days)
        now = fields.Datetime.now()
        vals_list, dnc, no_phone = [], 0, 0
        planned = {}  # (timezone, moment): window — most targets share both
        for partner, source, start in targets:
            key = Task._cs_target_key(partner, source)
            if key in existing:
                continue
            existing.add(key)
            if partner.cs_do_not_call:
                dnc += 1
                continue
            # a number the PBX can dial: the valid ones have an E.164 key
            phone = (partner.mobile_e164 and partner.mobile) or (
                partner.phone_e164 and partner.phone
            )
            if not phone:
                no_phone += 1
                continue
            load, uid = heapq.heappop(heap)
            heapq.heappush(heap, (load + 1, uid))
            tz = partner.tz or self.tz
            moment = max(start, now)
            if (tz, moment) not in planned:
                planned[tz, moment] = window_at(moment, tz, windows)
            call_from, call_until = planned[tz, moment]
            vals_list.append(
                {
                    "campaign_id": self.id,
                    "company_id": self.company_id.id,
                    "state": "open",
                    "satisfaction_value": 0,
                    "called_in_time": False,
                    "reached_in_time": False,
                    "partner_id": partner.id,
                    "phone": phone,
                    "tz": tz,
                    "source_ref": f"{source._name},{source.id}" if source else False,
                    "target_key": key,
                    "user_id": uid,
                    "due_date": start + due,
                    "call_from": call_from,
                    "call_until": call_until,
                    "is_callable": is_open(call_from, call_until, now),
                }
            )
        progress = self.env._("Callbacks of %s", self.name)
        done = 0
        for batch in split_every(CREATE_BATCH, vals_list):
            Task._cs_workflow_create(list(batch))
            done += len(batch)
            # tens of thousands of targets take minutes: show how far it is
            self.env.user._cs_notify_progress(
                f"{self._name},{self.id}", progress, done, len(vals_list)
            )
        return len(vals_list), dnc, no_phone

    def action_start(self):
        for campaign in self:
            if not campaign.task_ids:
                campaign.action_generate()
        self._cs_workflow_write({"state": "running"})
        return True

    def action_done(self):
        self._cs_workflow_write({"state": "done"})
        return True

    def action_draft(self):
        self._cs_workflow_write({"state": "draft"})
        return True

    def _cs_check_no_result(self, tasks=None):
        """Callback results are the record of what customers said
        (《回访记录表》): a campaign or task with one is archived, not deleted."""
        Task = self.env["cs.callback.task"]
        domain = [
            "|",
            ("outcome", "!=", False),
            ("attempt_count", ">", 0),
        ]
        if tasks is None:
            domain.append(("campaign_id", "in", self.ids))
        else:
            domain.append(("id", "in", tasks.ids))
        # sudo: the results of every agent count, not only those the
        # deleting user may read
        kept = Task.sudo().search(domain, limit=1)
        if kept:
            raise UserError(
                self.env._(
                    "%s already has callback results: archive it instead of "
                    "deleting it.",
                    kept.campaign_id.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_results(self):
        self._cs_check_no_result()

    def _cs_source_removed(self):
        """The module that made these campaigns' source is uninstalled (a
        selection ``ondelete`` policy of the source's ``selection_add``).
        Falling back to the default source would call every contact: the
        campaigns keep their tasks and results, and are closed and archived
        with a filter that matches nobody."""
        for campaign in self.with_context(active_test=False):
            campaign.message_post(
                body=self.env._(
                    "The source of this campaign (%s) was uninstalled: the "
                    "campaign is closed and archived, its results are kept.",
                    campaign.target_source,
                )
            )
        self._cs_workflow_write(
            {
                "target_source": "domain",
                "partner_domain": "[('id', '=', 0)]",
                "state": "done",
                "active": False,
            }
        )

    def action_print_record(self):
        """《回访记录表》 of the campaign."""
        return self.env.ref("cs_callcenter.callback_record_xlsx_report").report_action(
            self
        )

    def action_print_summary(self):
        """《回访总结报告》 of the campaign."""
        return self.env.ref("cs_callcenter.callback_summary_xlsx_report").report_action(
            self
        )

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "cs_callcenter.cs_callback_task_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action

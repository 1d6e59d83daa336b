# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.windows import is_open, local_time, window_at

OUTCOMES = [
    ("satisfied", "Satisfied"),
    ("neutral", "Neutral"),
    ("unsatisfied", "Unsatisfied"),
    ("unreachable", "Unreachable"),
    ("refused", "Refused"),
    ("wrong_number", "Wrong Number"),
]
# the customer answered: the callback reached them
REACHED = ("satisfied", "neutral", "unsatisfied", "refused")
# the customer gave their opinion: it is recorded with a score
SCORED = ("satisfied", "neutral", "unsatisfied")
# How the customer was contacted when not by a call placed from the task
# (a call attempt is a cs.call about the task): every outcome but
# "unreachable" needs one or the other, documented.
OTHER_CONTACTS = [("visit", "Visit"), ("wechat", "WeChat")]
# the figures of a set of tasks (tools.stats.grouped_stats): the campaign's
# progress and the summary report
PROGRESS_MEASURES = {
    "targets": ([], "__count"),
    "open": ([("state", "=", "open")], "__count"),
    "called": ([("called_in_time", "=", True)], "__count"),
    "reached": ([("reached_in_time", "=", True)], "__count"),
    "unsatisfied": ([("outcome", "=", "unsatisfied")], "__count"),
    "satisfaction": ([("satisfaction_value", ">", 0)], "satisfaction_value:avg"),
}
# what an agent types on their task; the rest moves through the buttons
AGENT_FIELDS = {
    "satisfaction",
    "comment",
    "suggestion",
    "agreed_date",
    "other_contact",
    "other_contact_note",
}
# what the campaign sets when it plans the task, read-only on the task's form
# for every role: nobody rewrites them afterwards (the due time moves only
# through the agreed time; a supervisor still reassigns a task: user_id)
PLANNED_FIELDS = {
    "campaign_id",
    "company_id",
    "partner_id",
    "phone",
    "tz",
    "source_ref",
    "target_key",
    "due_date",
}
# what only the workflow writes (cs.workflow.mixin): the result of the
# attempts and the calling windows
PROTECTED_FIELDS = (
    "state",
    "outcome",
    "attempt_count",
    "first_attempt_date",
    "last_attempt_date",
    "done_date",
    "satisfaction_value",
    "called_in_time",
    "reached_in_time",
    "contacted",
    "call_from",
    "call_until",
    "is_callable",
)
# open tasks whose calling window is refreshed per cron run and commit
REFRESH_BATCH = 1000


class CsCallbackTask(models.Model):
    """One line of 《回访记录表》: a customer to call back, the attempts and
    the result."""

    _name = "cs.callback.task"
    _inherit = ["cs.workflow.mixin"]
    _description = "Callback Task"
    _order = "is_callable desc, due_date, id"
    _rec_name = "partner_id"
    _check_company_auto = True
    _cs_protected_fields = PROTECTED_FIELDS

    campaign_id = fields.Many2one(
        "cs.callback.campaign",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    # Plain fields set by the code that changes them, not computed ones: a
    # campaign creates its tasks by the ten thousand, and recomputing them
    # after the insert cost more than the rest of the generation.
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
    )
    phone = fields.Char(string="Number", required=True)
    tz = fields.Char(string="Customer Timezone")
    source_ref = fields.Reference(
        selection="_selection_source_ref", string="About", readonly=True
    )
    target_key = fields.Char(required=True, readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users",
        string="Agent",
        index=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    script = fields.Html(related="campaign_id.script")
    state = fields.Selection(
        [("open", "To Call"), ("done", "Finished")],
        default="open",
        required=True,
        index=True,
        readonly=True,
    )
    outcome = fields.Selection(OUTCOMES, readonly=True, index=True)
    satisfaction = fields.Selection(
        [("1", "Very Dissatisfied"), ("2", "Dissatisfied"), ("3", "Neutral")]
        + [("4", "Satisfied"), ("5", "Very Satisfied")],
        help="1 to 5, asked when the customer answers.",
    )
    satisfaction_value = fields.Integer(readonly=True, aggregator="avg")
    comment = fields.Text(string="Comments")
    suggestion = fields.Text(string="Suggestions")
    due_date = fields.Datetime(string="Due", required=True, index=True)
    agreed_date = fields.Datetime(
        string="Agreed Time",
        help="A time the customer asked to be called: it becomes the due time.",
    )
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    first_attempt_date = fields.Datetime(readonly=True)
    last_attempt_date = fields.Datetime(string="Last Attempt", readonly=True)
    done_date = fields.Datetime(string="Finished on", readonly=True)
    call_from = fields.Datetime(
        string="Callable from",
        readonly=True,
        help="Start of the next moment the customer may be called (window, "
        "retry delay, agreed time).",
    )
    call_until = fields.Datetime(string="Callable until", readonly=True)
    is_callable = fields.Boolean(
        string="Callable Now",
        readonly=True,
        help="Inside a calling window of the customer now (refreshed when the "
        "queue opens and every quarter of an hour).",
    )
    other_contact = fields.Selection(
        OTHER_CONTACTS,
        help="How the customer was reached when not by a call from this "
        "callback; describe it in the contact record.",
    )
    other_contact_note = fields.Text(
        string="Contact Record",
        help="When and how the customer was reached (visit, WeChat...).",
    )
    contacted = fields.Boolean(
        readonly=True,
        help="The outcome was recorded after a call attempt or a documented "
        "other contact; only then may it count as reached.",
    )
    called_in_time = fields.Boolean(readonly=True)
    reached_in_time = fields.Boolean(readonly=True)
    call_count = fields.Integer(string="Calls", compute="_compute_call_count")

    _sql_constraints = [
        (
            "target_unique",
            "unique(campaign_id, target_key)",
            "A customer is called once per campaign and source record.",
        )
    ]

    @api.model
    def _selection_source_ref(self):
        # what a callback is about is what a call may concern
        return self.env["cs.call"]._selection_res_reference()

    @api.model
    def _cs_target_key(self, partner, source):
        return f"{partner.id}:{source._name},{source.id}" if source else str(partner.id)

    def _cs_in_time_values(self, values):
        """called/reached in time once ``values`` are written."""
        self.ensure_one()
        first = values.get("first_attempt_date", self.first_attempt_date)
        done = values.get("done_date", self.done_date)
        outcome = values.get("outcome", self.outcome)
        contacted = values.get("contacted", self.contacted)
        due = fields.Datetime.to_datetime(values.get("due_date", self.due_date))
        return {
            "called_in_time": bool(first and due and first <= due),
            # an outcome recorded without any contact never counts as reached
            "reached_in_time": bool(
                outcome in REACHED and contacted and done and due and done <= due
            ),
        }

    def _cs_has_call_attempt(self):
        """A call about this task was placed (answered or not)."""
        self.ensure_one()
        # sudo: only whether such a call exists, whoever placed it (a
        # supervisor's call on the agent's task counts); nothing is read.
        return bool(
            self.env["cs.call"]
            .sudo()
            .search_count([("res_reference", "=", f"{self._name},{self.id}")], limit=1)
        )

    def _cs_contact_documented(self):
        """Reached another way than by a call: the way and what happened."""
        self.ensure_one()
        return bool(self.other_contact and (self.other_contact_note or "").strip())

    def _compute_call_count(self):
        Call = self.env["cs.call"]
        for task in self:
            task.call_count = Call.search_count(
                [("res_reference", "=", f"{self._name},{task.id}")]
            )

    def action_view_calls(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Calls"),
            "res_model": "cs.call",
            "view_mode": "list,form",
            "domain": [("res_reference", "=", f"{self._name},{self.id}")],
        }

    # -- calling windows ---------------------------------------------------------
    def _cs_plan_window(self, moment):
        """Values for the first calling window at or after ``moment``."""
        self.ensure_one()
        windows = self.campaign_id._cs_windows()
        call_from, call_until = window_at(moment, self.tz, windows)
        now = fields.Datetime.now()
        return {
            "call_from": call_from,
            "call_until": call_until,
            "is_callable": is_open(call_from, call_until, now),
        }

    def _cs_refresh_windows(self):
        """Roll the windows of open tasks forward and recompute whether each
        may be called now, in one write per distinct result (most tasks of a
        campaign share their timezone and so their window)."""
        now = fields.Datetime.now()
        groups = {}  # values: tasks
        for task in self:
            if task.state != "open":
                values = {"is_callable": False} if task.is_callable else None
            elif task.call_until and task.call_until <= now:
                values = task._cs_plan_window(now)
            else:
                callable_now = is_open(task.call_from, task.call_until, now)
                values = (
                    {"is_callable": callable_now}
                    if callable_now != task.is_callable
                    else None
                )
            if values:
                key = tuple(sorted(values.items()))
                groups[key] = groups.get(key, self.browse()) | task
        for key, tasks in groups.items():
            tasks._cs_workflow_write(dict(key))

    @api.model
    def _cron_refresh_windows(self, batch_size=REFRESH_BATCH):
        """Refresh the tasks whose window ended or opened since the last run,
        ``batch_size`` at a time: each run reports its progress and the cron
        runner commits it and calls again while some remain."""
        now = fields.Datetime.now()
        domain = [
            ("state", "=", "open"),
            "|",
            ("call_until", "<=", now),
            "&",
            ("is_callable", "=", False),
            ("call_from", "<=", now),
        ]
        tasks = self.search(domain, limit=batch_size, order="id")
        tasks._cs_refresh_windows()
        remaining = self.search_count(domain) if len(tasks) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(tasks), remaining=remaining)
        return remaining

    def _cs_check_callable(self):
        """Refuse to call outside the customer's calling windows."""
        self.ensure_one()
        if self.state != "open":
            raise UserError(self.env._("This callback is finished."))
        now = fields.Datetime.now()
        self._cs_refresh_windows()
        if self.is_callable:
            return
        local = local_time(now, self.tz)
        next_local = local_time(self.call_from, self.tz) if self.call_from else None
        raise UserError(
            self.env._(
                "It is %(now)s for %(customer)s: not a time to call. "
                "Next calling time: %(next)s (their time).",
                now=local.strftime("%a %H:%M"),
                customer=self.partner_id.display_name,
                next=next_local.strftime("%a %H:%M") if next_local else "-",
            )
        )

    # -- calling and results -----------------------------------------------------
    def action_call(self):
        """Dial the customer from the agent's extension (inside a window)."""
        self.ensure_one()
        self._cs_check_callable()
        result = self.env["cs.call"].cs_click_to_call(self.phone, self._name, self.id)
        if "confirm" in result:
            # asked not to be called since the campaign was generated
            raise UserError(
                self.env._(
                    "%s asked not to be called: finish this callback as refused.",
                    self.partner_id.display_name,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": result.get("type", "info"),
                "title": result.get("title"),
                "message": result.get("message"),
                "sticky": False,
            },
        }

    def _cs_check_outcome(self, outcome):
        """Everything that could refuse recording ``outcome``, checked on
        every task before anything is written or any follow-up is opened."""
        supervisor = self.env.user.has_group("cs_callcenter.group_supervisor")
        for task in self:
            if task.state != "open":
                raise UserError(
                    self.env._("%s: this callback is finished.", task.display_name)
                )
            if not (self.env.su or supervisor or task.user_id == self.env.user):
                raise AccessError(
                    self.env._(
                        "%s: the result (outcome) of a callback is recorded by "
                        "the agent it is given to, or a supervisor.",
                        task.display_name,
                    )
                )
            if (
                outcome != "unreachable"
                and not task._cs_has_call_attempt()
                and not task._cs_contact_documented()
            ):
                raise UserError(
                    self.env._(
                        "%s: an outcome other than Unreachable needs a contact: "
                        "call the customer from this callback first, or record "
                        "how else you reached them (Other Contact: visit, WeChat) "
                        "with a contact record.",
                        task.display_name,
                    )
                )
            if outcome in SCORED and not task.satisfaction:
                raise UserError(
                    self.env._(
                        "%s: record the customer's satisfaction (1-5) first.",
                        task.display_name,
                    )
                )

    def _cs_record_outcome(self, outcome):
        """Record the result of an attempt. Unreachable is tried again after
        the campaign's delay until the attempts run out; unsatisfied opens a
        follow-up. Every task is checked first: a refusal leaves nothing
        half-written."""
        self._cs_check_outcome(outcome)
        now = fields.Datetime.now()
        for task in self:
            campaign = task.campaign_id
            attempts = task.attempt_count + 1
            values = {
                "outcome": outcome,
                "contacted": task._cs_has_call_attempt()
                or task._cs_contact_documented(),
                "attempt_count": attempts,
                "last_attempt_date": now,
                "first_attempt_date": task.first_attempt_date or now,
            }
            if outcome == "unreachable" and attempts < campaign.max_attempts:
                retry = now + timedelta(hours=campaign.retry_hours)
                values.update(task._cs_plan_window(retry))
            else:
                values.update({"state": "done", "done_date": now, "is_callable": False})
            if outcome == "unsatisfied":
                values.update(task._cs_follow_up_unsatisfied())
            task._cs_workflow_write(values)
        return True

    def _cs_follow_up_unsatisfied(self):
        """An unsatisfied customer gets a follow-up: here an activity for the
        campaign's supervisor; cs_helpdesk turns it into a ticket. Returns the
        values to write on the task with its result."""
        self.ensure_one()
        campaign = self.campaign_id
        supervisor = campaign.user_id or self.env.user
        # sudo: the agent records the result on their task; the follow-up goes
        # on the supervisor's campaign, which agents may only read.
        campaign.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._(
                "Unsatisfied customer: %s", self.partner_id.display_name
            ),
            note=self.comment or False,
            user_id=supervisor.id,
        )
        return {}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_result(self):
        self.campaign_id._cs_check_no_result(self)

    def action_satisfied(self):
        return self._cs_record_outcome("satisfied")

    def action_neutral(self):
        return self._cs_record_outcome("neutral")

    def action_unsatisfied(self):
        return self._cs_record_outcome("unsatisfied")

    def action_unreachable(self):
        return self._cs_record_outcome("unreachable")

    def action_refused(self):
        return self._cs_record_outcome("refused")

    def action_wrong_number(self):
        return self._cs_record_outcome("wrong_number")

    def _cs_check_typed(self, vals):
        """What a user types on a task: agents only their answers, and only
        while the callback is open; an agreed time within the campaign's
        reach."""
        if not self.env.user.has_group("cs_callcenter.group_supervisor"):
            forbidden = set(vals) - AGENT_FIELDS
            if forbidden:
                raise AccessError(
                    self.env._(
                        "Agents record the result of a callback, not %s.",
                        ", ".join(sorted(forbidden)),
                    )
                )
        planned = sorted(PLANNED_FIELDS & vals.keys())
        if planned:
            raise AccessError(
                self.env._(
                    "%s of a callback are set when its campaign plans it, not "
                    "written directly.",
                    ", ".join(planned),
                )
            )
        if AGENT_FIELDS & vals.keys():
            finished = self.filtered(lambda t: t.state != "open")
            if finished:
                raise UserError(
                    self.env._(
                        "%s: this callback is finished, its result stays as recorded.",
                        finished[0].display_name,
                    )
                )
        agreed = vals.get("agreed_date")
        if agreed:
            agreed = fields.Datetime.to_datetime(agreed)
            for task in self:
                limit = task.campaign_id.agreed_limit_days
                if agreed > task.create_date + timedelta(days=limit):
                    raise AccessError(
                        self.env._(
                            "%(task)s: the agreed time (agreed_date) is at most "
                            "%(days)s days after the callback was planned "
                            "(campaign %(campaign)s).",
                            task=task.display_name,
                            days=limit,
                            campaign=task.campaign_id.name,
                        )
                    )

    def write(self, vals):
        if self._cs_guard_applies():
            # what the user typed is checked here; what follows from it is
            # the workflow's to write
            self._cs_check_workflow_fields(vals)
            self._cs_check_typed(vals)
            return self._cs_workflow_write(vals)
        vals = dict(vals)
        if "satisfaction" in vals:
            vals["satisfaction_value"] = int(vals["satisfaction"] or 0)
        agreed = vals.get("agreed_date")
        if agreed:
            agreed = fields.Datetime.to_datetime(agreed)
            if agreed < fields.Datetime.now() - timedelta(minutes=1):
                raise UserError(self.env._("The agreed time cannot be past."))
            # the customer's own time: it is the new due time, and a time to call
            vals.update(
                {
                    "due_date": agreed,
                    "call_from": agreed,
                    "call_until": agreed + timedelta(hours=1),
                    "is_callable": False,
                }
            )
        if {
            "first_attempt_date",
            "done_date",
            "outcome",
            "due_date",
            "contacted",
        } & vals.keys():
            for task in self:
                super(CsCallbackTask, task).write(
                    dict(vals, **task._cs_in_time_values(vals))
                )
        else:
            super().write(vals)
        if agreed:
            self._cs_refresh_windows()
        return True

    # -- the agent's queue -------------------------------------------------------
    @api.model
    def _cs_my_open_tasks(self):
        """The current user's open tasks, windows refreshed."""
        mine = self.search([("user_id", "=", self.env.uid), ("state", "=", "open")])
        mine._cs_refresh_windows()
        return mine

    @api.model
    def action_my_callbacks(self):
        """My open callbacks, the ones I may call now first, then by due time."""
        self._cs_my_open_tasks()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "cs_callcenter.cs_callback_task_action_my"
        )

    @api.model
    def action_next_callback(self):
        """Open the next task I may call now."""
        mine = self._cs_my_open_tasks()
        task = mine.filtered("is_callable").sorted(lambda t: (t.due_date, t.id))[:1]
        if not task:
            raise UserError(self.env._("Nobody may be called now: see the queue."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": task.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

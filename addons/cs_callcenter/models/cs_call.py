# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..pbx.ami import SPY_OPTIONS
from ..pbx.backend import PbxError
from ..tools.phone import dial_string, lookup_keys, normalize

_logger = logging.getLogger(__name__)

# Service level: inbound calls answered within N seconds (three rings, DOMAIN.md
# §1, §8). The one definition: the stored ``service_level_count`` below; the
# agent report sums it. N is the system parameter SERVICE_LEVEL_PARAM.
SERVICE_LEVEL_SECONDS = 15
SERVICE_LEVEL_PARAM = "cs_callcenter.service_level_seconds"
# Calls still dialing or ringing this many minutes after their last PBX event
# are closed by a cron (the listener was down, an event was lost).
STALE_MINUTES = 30
STALE_PARAM = "cs_callcenter.stale_call_minutes"
RECENT_CALLS = 5
# Whether the agent is told (a notification) that a Supervisor whispers to or
# barges into their call; never of a listen.
MONITOR_TELL_AGENT_PARAM = "cs_callcenter.monitor_tell_agent"
OPEN_STATES = ("dialing", "ringing", "in_progress")
DISPOSITIONS = [
    ("answered", "Answered"),
    ("no_answer", "No Answer"),
    ("busy", "Busy"),
    ("failed", "Failed"),
    ("abandoned", "Abandoned"),
]


def _int_param(env, key, default):
    # sudo: configuration read on behalf of any user and of the listener.
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return max(int(value), 1) if value else default
    except ValueError:
        _logger.warning("%s is not a whole number: %r", key, value)
        return default


class CsCall(models.Model):
    _name = "cs.call"
    _description = "Call"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "ring_date desc, id desc"
    _check_company_auto = True

    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")],
        required=True,
        default="inbound",
        index=True,
    )
    state = fields.Selection(
        [
            ("dialing", "Dialing"),
            ("ringing", "Ringing"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
        ],
        required=True,
        default="ringing",
        index=True,
        tracking=True,
    )
    disposition = fields.Selection(DISPOSITIONS, index=True, tracking=True)
    number = fields.Char(help="The customer's number as received.")
    number_e164 = fields.Char(
        string="Number (E.164)", compute="_compute_number_e164", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Contact", index=True, check_company=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Agent", index=True, check_company=True, tracking=True
    )
    extension = fields.Char(string="Agent Extension")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    pbx_server_id = fields.Many2one(
        "cs.pbx.server",
        string="PBX",
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    pbx_call_id = fields.Char(
        string="PBX Call ID", index=True, copy=False, help="Linkedid of the call."
    )
    pbx_action_id = fields.Char(string="PBX Request", index=True, copy=False)
    ring_date = fields.Datetime(string="Ring Time", default=fields.Datetime.now)
    answer_date = fields.Datetime(string="Answer Time")
    end_date = fields.Datetime(string="End Time")
    end_estimated = fields.Boolean(
        string="Estimated End",
        readonly=True,
        help="The end of the call was not seen (the listener was disconnected "
        "or an event was lost): the end time is that of its last event.",
    )
    last_event_date = fields.Datetime(
        string="Last PBX Event",
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="Time of the last PBX event applied to the call.",
    )
    wait_seconds = fields.Integer(compute="_compute_durations", store=True)
    talk_seconds = fields.Integer(compute="_compute_durations", store=True)
    billable_seconds = fields.Integer(help="Talk time reported by the PBX (CDR).")
    # 0/1 figures so that list, pivot and the agent report can sum them.
    answered_count = fields.Integer(
        string="Answered", compute="_compute_durations", store=True
    )
    service_level_count = fields.Integer(
        string="Answered in Time", compute="_compute_durations", store=True
    )
    recording_url = fields.Char(string="Recording")
    res_reference = fields.Reference(
        selection="_selection_res_reference", string="Concerns"
    )
    note = fields.Html(string="Notes")
    failure_reason = fields.Char(readonly=True)
    # -- queue and IVR (the PBX's QueueCallerJoin/Leave, the CS_IVR variable)
    queue_name = fields.Char(
        string="Queue",
        readonly=True,
        index=True,
        help="The queue the caller waited in.",
    )
    ivr_choice = fields.Char(
        string="IVR Choice",
        readonly=True,
        help="What the caller chose in the voice menu (channel variable CS_IVR).",
    )
    queue_join_date = fields.Datetime(string="Queued At", readonly=True)
    queue_leave_date = fields.Datetime(string="Left Queue At", readonly=True)
    queue_abandoned_count = fields.Integer(
        string="Abandoned in Queue",
        compute="_compute_queue_abandoned_count",
        store=True,
        help="1 when the caller hung up while waiting in a queue.",
    )
    monitor_ids = fields.One2many(
        "cs.call.monitor",
        "call_id",
        string="Monitoring",
        groups="cs_callcenter.group_supervisor",
    )

    _sql_constraints = [
        (
            "pbx_call_unique",
            "unique(pbx_server_id, pbx_call_id)",
            "This PBX call is already recorded.",
        )
    ]

    @api.model
    def _selection_res_reference(self):
        """The business records a call may concern, in the order of
        ``_cs_reference_models``: a short list a person can choose from, not
        every model of the database."""
        wanted = self._cs_reference_models()
        # sudo: the names of the models are not a secret; agents build the
        # selection.
        names = {
            m.model: m.name
            for m in self.env["ir.model"].sudo().search([("model", "in", wanted)])
        }
        return [(model, names[model]) for model in wanted if model in names]

    @api.model
    def _cs_reference_models(self):
        """Models a call (and a callback task) may be about. Each module adds
        its business documents with super() (tickets, invoices, units)."""
        return ["res.partner", "cs.callback.task"]

    @api.depends(
        "number", "partner_id.country_id", "company_id.country_id", "pbx_server_id"
    )
    def _compute_number_e164(self):
        Partner = self.env["res.partner"]
        for call in self:
            region = call.partner_id.country_id.code or Partner._cs_default_region(
                server=call.pbx_server_id, company=call.company_id
            )
            call.number_e164 = normalize(call.number, region).key

    @api.depends(
        "direction", "ring_date", "answer_date", "end_date", "billable_seconds"
    )
    def _compute_durations(self):
        for call in self:
            start, answer, end = call.ring_date, call.answer_date, call.end_date
            waited_until = answer or end
            call.wait_seconds = (
                max(int((waited_until - start).total_seconds()), 0)
                if start and waited_until
                else 0
            )
            if call.billable_seconds:
                call.talk_seconds = call.billable_seconds
            elif answer and end:
                call.talk_seconds = max(int((end - answer).total_seconds()), 0)
            else:
                call.talk_seconds = 0
            call.answered_count = 1 if answer else 0
            # Service level is about inbound callers waiting for an agent.
            call.service_level_count = (
                1
                if call.direction == "inbound"
                and answer
                and call.wait_seconds <= self._cs_service_level_seconds()
                else 0
            )

    @api.depends("queue_join_date", "disposition", "direction")
    def _compute_queue_abandoned_count(self):
        for call in self:
            call.queue_abandoned_count = (
                1
                if call.direction == "inbound"
                and call.queue_join_date
                and call.disposition == "abandoned"
                else 0
            )

    @api.model
    def _cs_service_level_seconds(self):
        """N of the service level (answered within N seconds)."""
        return _int_param(self.env, SERVICE_LEVEL_PARAM, SERVICE_LEVEL_SECONDS)

    @api.depends("direction", "number", "partner_id")
    def _compute_display_name(self):
        labels = dict(self._fields["direction"]._description_selection(self.env))
        for call in self:
            who = call.partner_id.name or call.number or ""
            call.display_name = f"{labels.get(call.direction, '')} {who}".strip()

    # -- PBX updates ---------------------------------------------------------------
    @api.model
    def _cs_apply_pbx_updates(self, server, updates):
        """Apply the ``pbx.events.CallUpdate`` objects reported by ``server``:
        the one entry point of the AMI listener and of ``cs.api.pbx_event``.

        Idempotent and order-tolerant: a call is created once per (PBX,
        Linkedid), a value already stored is never overwritten by a replayed
        event, and events arriving out of order give the call that really
        happened (an answer after the hangup still makes it answered, a late
        Newchannel only moves the ring time back). Outbound calls are only
        ours: a channel that is neither the agent leg of our own originate
        nor in an inbound context is not recorded.

        :returns: ``(calls, deferred)``: the calls concerned, and the updates
            that concern no call known yet (an OriginateResponse read before
            the click's transaction committed, an answer before the call's
            first event); the listener offers them again a little later.
        """
        # The PBX reports facts on no user's behalf: no chatter tracking, no
        # follower or assignment mail per event (the agent gets the caller
        # card on the bus); the call's fields are its history. Dozens of
        # queries per event otherwise, and the listener must keep up.
        Call = self.with_context(tracking_disable=True)
        calls, deferred = Call.browse(), []
        originates = [u for u in updates if u.kind == "originate"]
        resyncs = [u for u in updates if u.kind == "resync"]
        updates = [
            u for u in updates if u.call_id and u.kind not in ("originate", "resync")
        ]
        Monitor = self.env["cs.call.monitor"]
        if originates:
            originates = Monitor._cs_apply_originates(server, originates)
        if originates:
            touched, missed = Call._cs_apply_originate_results(server, originates)
            calls, deferred = calls | touched, deferred + missed
        if updates:
            updates = Call._cs_skip_monitor_legs(server, updates)
        if updates:
            touched, missed = Call._cs_apply_call_updates(server, updates)
            calls, deferred = calls | touched, deferred + missed
        for update in resyncs:
            calls |= Call._cs_close_unseen(server, update)
        ended = calls.filtered(lambda c: c.state == "done")
        if ended:
            # ChanSpy's E option: the monitoring ends with the call
            for monitor in Monitor.search(
                [("call_id", "in", ended.ids), ("state", "in", ("ringing", "active"))]
            ):
                monitor._cs_end(monitor.call_id.end_date or fields.Datetime.now())
        return calls, deferred

    @api.model
    def _cs_skip_monitor_legs(self, server, updates):
        """The events of a Supervisor's monitoring leg are not a call: they
        end the monitoring when the leg hangs up, and are dropped."""
        legs = self.env["cs.call.monitor"]._cs_legs(
            server, {u.call_id for u in updates}
        )
        if not legs:
            return updates
        by_leg = {m.pbx_leg_id: m for m in legs}
        for update in updates:
            monitor = by_leg.get(update.call_id)
            if monitor and update.kind in ("end", "cdr"):
                monitor._cs_end(update.time)
        return [u for u in updates if u.call_id not in by_leg]

    @api.model
    def _cs_apply_call_updates(self, server, updates):
        by_id = {
            call.pbx_call_id: call
            for call in self.search(
                [
                    ("pbx_server_id", "=", server.id),
                    ("pbx_call_id", "in", list({u.call_id for u in updates})),
                ]
            )
        }
        starts = {}
        for update in sorted(
            (u for u in updates if u.kind == "start" and u.call_id not in by_id),
            key=lambda u: u.time,
        ):
            starts.setdefault(update.call_id, update)
        if starts:
            by_id.update(self._cs_start_calls(server, list(starts.values())))
        agents = self._cs_agents(server, {u.extension for u in updates if u.extension})
        states, missed = {}, []
        for update in updates:
            call = by_id.get(update.call_id)
            if not call:
                if update.kind != "start":
                    missed.append(update)
                continue
            if call not in states:
                states[call] = call._cs_pbx_state()
            call._cs_fold(states[call], update, agents)
        touched, rung = self.browse(), self.browse()
        for call, state in states.items():
            rang = state.pop("_rung", False)
            values = {
                name: value
                for name, value in state.items()
                if value != call._cs_pbx_value(name)
            }
            if values:
                call.write(values)
            touched |= call
            if rang:
                rung |= call
        rung._cs_notify_agents()
        return touched, missed

    @api.model
    def _cs_agents(self, server, extensions):
        """{extension: user} of the agents of ``server`` who may take calls of
        its company: an agent of another company is left out (with a log
        line) rather than making the call unrecordable."""
        if not extensions:
            return {}
        company = server.company_id or self.env.company
        agents = {}
        for extension, user in (
            self.env["res.users"]._cs_by_extension(server, extensions).items()
        ):
            if company in user.company_ids:
                agents[extension] = user
            else:
                _logger.warning(
                    "PBX: extension %s belongs to %s, not of %s: not linked",
                    extension,
                    user.login,
                    company.name,
                )
        return agents

    @api.model
    def _cs_start_calls(self, server, starts):
        """{Linkedid: call} for the first updates of calls not recorded yet:
        inbound calls are created (their caller looked up once, among the
        contacts the PBX's company may see); an outbound channel is the agent
        leg of one of our click-to-calls or is not recorded."""
        result = self._cs_adopt_originated(
            server, [u for u in starts if u.direction == "outbound"]
        )
        inbound = [u for u in starts if u.direction == "inbound"]
        if not inbound:
            return result
        Partner = self.env["res.partner"]
        company = server.company_id or self.env.company
        region = Partner._cs_default_region(server=server, company=company)
        # one lookup per call, in one query for the batch
        matches = Partner._cs_find_by_keys(
            [lookup_keys(update.number or "", region) for update in inbound], company
        )
        values = []
        for update, partners in zip(inbound, matches, strict=True):
            partner = partners[:1]
            values.append(
                {
                    "pbx_server_id": server.id,
                    "pbx_call_id": update.call_id,
                    "company_id": company.id,
                    "direction": "inbound",
                    "number": update.number or False,
                    "partner_id": partner.id,
                    "ring_date": update.time,
                    "last_event_date": update.time,
                    "state": "ringing",
                }
            )
        for call in self.create(values):
            result[call.pbx_call_id] = call
        return result

    @api.model
    def _cs_adopt_originated(self, server, starts):
        """Give the Linkedid of an originated agent leg to the click-to-call
        still dialing that extension (the oldest first)."""
        # a Supervisor's phone rung for monitoring is not a click-to-call
        monitoring = self.env["cs.call.monitor"]._cs_pending_extensions(server)
        starts = [u for u in starts if u.extension not in monitoring]
        extensions = {u.extension for u in starts if u.extension}
        dialing = self.browse()
        if extensions:
            dialing = self.search(
                [
                    ("pbx_server_id", "=", server.id),
                    ("direction", "=", "outbound"),
                    ("state", "=", "dialing"),
                    ("pbx_call_id", "=", False),
                    ("extension", "in", list(extensions)),
                ],
                order="id",
            )
        result = {}
        for update in starts:
            call = next(
                (
                    c
                    for c in dialing
                    if c.extension == update.extension and c not in result.values()
                ),
                None,
            )
            if call:
                call.pbx_call_id = update.call_id
                result[update.call_id] = call
            else:
                _logger.debug(
                    "PBX: channel %s of call %s is neither our originate nor "
                    "inbound: not recorded",
                    update.channel,
                    update.call_id,
                )
        return result

    _PBX_STATE_FIELDS = (
        "state",
        "direction",
        "ring_date",
        "answer_date",
        "end_date",
        "end_estimated",
        "last_event_date",
        "disposition",
        "failure_reason",
        "billable_seconds",
        "user_id",
        "extension",
        "queue_name",
        "ivr_choice",
        "queue_join_date",
        "queue_leave_date",
    )

    def _cs_pbx_value(self, name):
        value = self[name]
        return value.id if name == "user_id" else value

    def _cs_pbx_state(self):
        """The call as the PBX updates see it (a dict, written back once)."""
        self.ensure_one()
        return {name: self._cs_pbx_value(name) for name in self._PBX_STATE_FIELDS}

    @api.model
    def _cs_fold(self, state, update, agents):
        """Fold one update into ``state`` (see ``_cs_pbx_state``): fill what
        the update tells and is still unknown. Sets ``_rung`` when an agent
        is first rung for an inbound call (the caller card goes out)."""
        when = update.time
        if not state["last_event_date"] or when > state["last_event_date"]:
            state["last_event_date"] = when
        if update.kind == "start":
            if state["ring_date"] and when < state["ring_date"]:
                state["ring_date"] = when  # the Newchannel came late
            if state["state"] == "dialing":
                state["state"] = "ringing"
        elif update.kind == "ring":
            agent = agents.get(update.extension)
            if state["state"] in ("dialing", "ringing") and not state["user_id"]:
                state["extension"] = update.extension
                if agent:
                    state["user_id"] = agent.id
                    state["_rung"] = state["direction"] == "inbound"
        elif update.kind == "answer":
            self._cs_fold_answer(state, when, agents.get(update.extension))
        elif update.kind == "dial_end":
            if not state["answer_date"] and state["state"] != "done":
                state["failure_reason"] = update.disposition
        elif update.kind == "end":
            if state["state"] != "done" or state["end_estimated"]:
                self._cs_fold_end(state, when)
        elif update.kind == "cdr":
            self._cs_fold_cdr(state, update)
        elif update.kind in ("queue_join", "queue_leave", "ivr"):
            self._cs_fold_queue(state, update)

    @api.model
    def _cs_fold_queue(self, state, update):
        """Queue and IVR: the first queue and IVR choice are kept, the first
        join and the last leave."""
        when = update.time
        if update.kind == "ivr":
            state["ivr_choice"] = state["ivr_choice"] or update.queue
            return
        state["queue_name"] = state["queue_name"] or update.queue
        if update.kind == "queue_join":
            if not state["queue_join_date"] or when < state["queue_join_date"]:
                state["queue_join_date"] = when
        elif not state["queue_leave_date"] or when > state["queue_leave_date"]:
            state["queue_leave_date"] = when

    @api.model
    def _cs_fold_answer(self, state, when, agent):
        if state["answer_date"]:
            return
        end = state["end_date"]
        state["answer_date"] = min(when, end) if end else when
        if state["state"] == "done":
            state["disposition"] = "answered"  # the hangup came first
        else:
            state["state"] = "in_progress"
        if agent and not state["user_id"]:
            state["user_id"] = agent.id

    @api.model
    def _cs_fold_end(self, state, when):
        state.update(state="done", end_date=when, end_estimated=False)
        state["disposition"] = self._cs_final_disposition(state)

    @api.model
    def _cs_fold_cdr(self, state, update):
        if state["queue_join_date"]:
            # Queue() answers the caller itself: the CDR of a queued call says
            # ANSWERED from the queue on (even when the caller hung up there)
            # and counts the waiting as billable. The call's events tell.
            if state["state"] != "done":
                self._cs_fold_end(state, update.time)
            return
        if update.billable and not state["billable_seconds"]:
            state["billable_seconds"] = update.billable
        if update.disposition == "answered" and not state["answer_date"]:
            end = state["end_date"] or update.time
            answer = end - timedelta(seconds=update.billable or 0)
            state["answer_date"] = max(answer, state["ring_date"] or answer)
            if state["state"] == "done":
                state["disposition"] = "answered"
        if state["state"] != "done":
            # the CDR is written once the call is over: its hangup was lost
            self._cs_fold_end(state, update.time)

    @api.model
    def _cs_final_disposition(self, state):
        if state["answer_date"]:
            return "answered"
        if state["failure_reason"] in ("busy", "no_answer", "failed"):
            return state["failure_reason"]
        return "abandoned" if state["direction"] == "inbound" else "no_answer"

    @api.model
    def _cs_originate_reason_label(self, reason):
        """Asterisk's originate reason (``pbx.events.ORIGINATE_REASONS``) in words."""
        labels = {
            "failed": self.env._(
                "the PBX could not ring the agent's phone (no such extension, or "
                "the phone is not registered)"
            ),
            "hung_up": self.env._("the agent's phone rejected the call"),
            "no_answer": self.env._("the agent's phone rang until the timeout"),
            "busy": self.env._("the agent's phone is busy"),
            "congestion": self.env._("the PBX or the network is congested"),
            "answered": self.env._("answered"),
        }
        return labels.get(reason, labels["failed"])

    @api.model
    def _cs_apply_originate_results(self, server, updates):
        """OriginateResponse: the click-to-call gets the new call's Linkedid
        and, when the PBX could not ring the agent, its reason in words."""
        by_action = {
            call.pbx_action_id: call
            for call in self.search(
                [
                    ("pbx_server_id", "=", server.id),
                    ("pbx_action_id", "in", [u.action_id for u in updates]),
                ]
            )
        }
        linked = {u.call_id for u in updates if u.call_id}
        taken = set(
            self.search(
                [("pbx_server_id", "=", server.id), ("pbx_call_id", "in", list(linked))]
            ).mapped("pbx_call_id")
        )
        touched, missed = self.browse(), []
        for update in updates:
            call = by_action.get(update.action_id)
            if not call:
                missed.append(update)
                continue
            values = {}
            if update.call_id and not call.pbx_call_id and update.call_id not in taken:
                values["pbx_call_id"] = update.call_id
            if not call.last_event_date or update.time > call.last_event_date:
                values["last_event_date"] = update.time
            if update.success:
                if call.state == "dialing":
                    values["state"] = "ringing"  # the agent answered: dialling out
            elif not call.answer_date:
                values.update(
                    disposition=update.disposition,
                    failure_reason=self._cs_originate_reason_label(update.reason),
                )
                if call.state != "done":
                    values.update(state="done", end_date=update.time)
            values = {k: v for k, v in values.items() if call._cs_pbx_value(k) != v}
            if values:
                call.write(values)
            touched |= call
        return touched, missed

    @api.model
    def _cs_close_unseen(self, server, update):
        """After a (re)connection: close the calls the PBX no longer has
        (``update.active``: the Linkedids still up). They ended while nobody
        listened: their end is the time of their last seen event, flagged as
        estimated, never the time of the reconnection."""
        stale = self.search(
            [
                ("pbx_server_id", "=", server.id),
                ("state", "in", OPEN_STATES),
                ("pbx_call_id", "!=", False),
                ("pbx_call_id", "not in", list(update.active)),
            ]
        )
        stale._cs_close_estimated(
            self.env._(
                "Closed on resynchronisation with the PBX: it ended while "
                "the listener was disconnected."
            )
        )
        return stale

    def _cs_close_estimated(self, note):
        for call in self:
            state = call._cs_pbx_state()
            end = call.last_event_date or call.ring_date or fields.Datetime.now()
            state.update(state="done", end_date=end, end_estimated=True)
            values = {"state": "done", "end_date": end, "end_estimated": True}
            if call.state == "dialing":
                values.update(
                    disposition="failed",
                    failure_reason=call.failure_reason
                    or self.env._("no answer from the PBX"),
                )
            else:
                values["disposition"] = self._cs_final_disposition(state)
            call.write(values)
            call.message_post(body=note)

    @api.model
    def _cron_close_stale_calls(self):
        """Close the calls still dialing or ringing long after their last
        event (``cs_callcenter.stale_call_minutes``, default 30): placed while
        the listener was down, or whose end was lost."""
        minutes = _int_param(self.env, STALE_PARAM, STALE_MINUTES)
        limit = fields.Datetime.now() - timedelta(minutes=minutes)
        calls = self.search(
            [
                ("state", "in", ("dialing", "ringing")),
                "|",
                ("last_event_date", "<", limit),
                "&",
                ("last_event_date", "=", False),
                ("create_date", "<", limit),
            ]
        )
        calls._cs_close_estimated(
            self.env._("Closed: no news from the PBX for %s minutes.", minutes)
        )
        self.env["ir.cron"]._notify_progress(done=len(calls), remaining=0)
        return calls

    # -- caller card ---------------------------------------------------------------
    def _cs_notify_agents(self):
        """Send the caller card to each rung agent's browser."""
        for call in self.filtered(lambda c: c.user_id and c.direction == "inbound"):
            call.user_id.partner_id._bus_send(
                "cs_callcenter/incoming_call", call._cs_caller_card()
            )

    def _cs_caller_card(self):
        """The caller card (bus payload ``cs_callcenter/incoming_call``): what
        ``cs.api.lookup_caller`` returns for the call's number and contact,
        plus ``call_id``. The contact is the one found when the call started:
        a ringing call looks its caller up once."""
        self.ensure_one()
        card = self._cs_caller_values(
            self.number or "", self.number_e164, self.partner_id
        )
        card["call_id"] = self.id
        card["queue"] = self.queue_name or False
        card["ivr"] = self.ivr_choice or False
        return card

    @api.model
    def _cs_caller_values(self, number, number_e164, partners):
        """``{"number", "number_e164", "partners": [...]}`` plus the keys of
        ``_cs_caller_extra``: the one shape of a caller's description."""
        values = {
            "number": number,
            "number_e164": number_e164 or False,
            "partners": [
                {
                    "id": p.id,
                    "name": p.name or "",
                    # the stored complete name is the display name here
                    "display_name": p.complete_name or p.name or "",
                    "is_company": p.is_company,
                }
                for p in partners
            ],
        }
        values.update(self._cs_caller_extra(partners))
        return values

    @api.model
    def _cs_caller_extra(self, partners):
        """Extra keys of the caller card and of ``cs.api.lookup_caller`` for the
        matched ``partners`` (best first). Extend with super() and update."""
        calls = self.search(
            [("partner_id", "in", partners[:1].ids)], limit=RECENT_CALLS
        )
        return {
            "recent_calls": [
                {
                    "id": call.id,
                    "direction": call.direction,
                    "date": call.ring_date and call.ring_date.isoformat(),
                    "disposition": call.disposition or False,
                    "agent": call.user_id.name or False,
                }
                for call in calls
            ]
        }

    # -- click-to-call ----------------------------------------------------------------
    @api.model
    def _cs_originate(self, number, user, partner=None, reference=None):
        """Create the outbound call and ask the PBX to place it.

        The call is recorded first, with its contact and the record it
        concerns (``reference``, e.g. a callback task), so a refused or
        unreachable PBX leaves a failed attempt in the contact history rather
        than nothing, and nothing is written after the PBX was asked to dial
        but the request's id; the UserError raised carries the PBX's reason.
        The listener then links the call to the PBX's Linkedid (the agent
        leg's Newchannel, or the OriginateResponse).
        """
        if not user.cs_extension:
            raise UserError(
                self.env._("Set your phone extension in your preferences first.")
            )
        server = user._cs_pbx_server()
        if not server:
            raise UserError(self.env._("No PBX is configured for %s.", user.name))
        pbx_region = self.env["res.partner"]._cs_default_region(server=server)
        region = (partner and partner.country_id.code) or pbx_region
        phone = normalize(number, region)
        if not phone.valid:
            raise UserError(self.env._("%s is not a valid phone number.", number))
        server._cs_check_destination(phone)
        call = self.create(
            {
                "direction": "outbound",
                "state": "dialing",
                "number": number,
                "partner_id": partner.id if partner else False,
                "user_id": user.id,
                "extension": user.cs_extension,
                "pbx_server_id": server.id,
                "company_id": (server.company_id or self.env.company).id,
                "res_reference": (
                    f"{reference._name},{reference.id}" if reference else False
                ),
            }
        )
        try:
            action_id = server._cs_backend().originate(
                user.cs_extension,
                dial_string(phone.key, pbx_region),
                variables={"CS_CALL_ID": call.id},
            )
        except PbxError as error:
            message = server._cs_error_message(error)
            call.write(
                {
                    "state": "done",
                    "disposition": "failed",
                    "end_date": fields.Datetime.now(),
                    "failure_reason": message,
                }
            )
            raise UserError(
                self.env._("The PBX could not place the call: %s", message)
            ) from error
        call.pbx_action_id = action_id
        return call

    @api.model
    def cs_click_to_call(self, number, res_model=False, res_id=False, force=False):
        """Place a call from the current user's extension (the web client's
        call button). Never raises on a PBX problem: returns what to show.

        :returns: ``{"confirm": message}`` when the contact asked not to be
            called and ``force`` is not set (a UserError below Supervisor:
            only a supervisor may override); otherwise ``{"type", "title",
            "message"}`` for a notification, and ``call_id`` on success.
        """
        if not isinstance(number, str) or not number.strip():
            raise ValidationError(self.env._("number must be a non-empty string."))
        record = self._cs_click_to_call_record(res_model, res_id)
        partner = self.env["res.partner"]
        if record and record._name == "res.partner":
            partner = record
        elif record and "partner_id" in record._fields:
            partner = record.partner_id
        if not partner:
            partner = self.env["res.partner"]._cs_find_by_phone(
                number, companies=self.env.user.company_ids
            )[:1]
        if partner.cs_do_not_call and not self.env.user.has_group(
            "cs_callcenter.group_supervisor"
        ):
            raise UserError(
                self.env._(
                    "%s asked not to be called. Only a supervisor may call them.",
                    partner.display_name,
                )
            )
        if partner.cs_do_not_call and not force:
            return {
                "confirm": self.env._(
                    "%s asked not to be called. Call anyway?", partner.display_name
                )
            }
        # the contact is the call's partner; a record of another kind is kept
        # as what the call concerns when it is one of the business documents
        reference = (
            record
            if record
            and record._name != "res.partner"
            and record._name in self._cs_reference_models()
            else None
        )
        try:
            call = self._cs_originate(
                number, self.env.user, partner=partner, reference=reference
            )
        except UserError as error:
            # Not re-raised: the failed attempt stays in the contact history.
            return {
                "type": "danger",
                "title": self.env._("Call not placed"),
                "message": str(error),
            }
        return {
            "type": "info",
            "title": self.env._("Calling %s", partner.display_name or number),
            "message": self.env._(
                "Pick up your phone: the PBX rings extension %s first.", call.extension
            ),
            "call_id": call.id,
        }

    @api.model
    def _cs_click_to_call_record(self, res_model, res_id):
        """The record the call button was pressed on, if readable."""
        if not res_model or not res_id:
            return None
        if res_model not in self.env or not isinstance(res_id, int):
            raise ValidationError(self.env._("Unknown record %s.", res_model))
        record = self.env[res_model].browse(res_id).exists()
        if not record:
            return None
        record.check_access("read")
        return record

    # -- live supervision -------------------------------------------------------
    def action_cs_monitor(self, mode="listen"):
        """Listen to (``listen``), whisper to (``whisper``) or barge into
        (``barge``) this call in progress from the current user's phone: the
        PBX rings the Supervisor's extension and connects it to the agent's
        channel with ChanSpy. Supervisors and Managers only; the intervention
        is a ``cs.call.monitor``, never a call of its own."""
        self.ensure_one()
        if mode not in SPY_OPTIONS:
            raise ValidationError(self.env._("Unknown monitoring mode %s.", mode))
        user = self.env.user
        self._cs_check_monitor_allowed(user)
        if self.state != "in_progress":
            raise UserError(self.env._("Only a call in progress can be monitored."))
        if not user.cs_extension:
            raise UserError(
                self.env._(
                    "Set your phone extension in your preferences first: the "
                    "PBX rings it to connect you to the call."
                )
            )
        if self.user_id == user:
            raise UserError(self.env._("You cannot monitor your own call."))
        server = self.pbx_server_id
        if not server or not server.active:
            raise UserError(self.env._("The call's PBX is not available."))
        channel = self._cs_agent_channel()
        if not channel:
            raise UserError(
                self.env._("The PBX does not say which phone takes this call.")
            )
        # sudo: the checks above are the access rule; Supervisors read the
        # monitoring records but only this method writes them.
        monitor = (
            self.env["cs.call.monitor"]
            .sudo()
            .create(
                {
                    "call_id": self.id,
                    "user_id": user.id,
                    "mode": mode,
                    "extension": user.cs_extension,
                }
            )
        )
        try:
            action_id = server._cs_backend().spy(
                user.cs_extension, channel, mode, caller_id=user.cs_extension
            )
        except PbxError as error:
            message = server._cs_error_message(error)
            monitor.write(
                {
                    "state": "failed",
                    "date_end": fields.Datetime.now(),
                    "failure_reason": message,
                }
            )
            # Not raised: the failed attempt stays for quality control.
            return self._cs_notification(
                "danger",
                self.env._("Monitoring not started"),
                self.env._("The PBX could not connect you: %s", message),
            )
        monitor.pbx_action_id = action_id
        self._cs_tell_agent(monitor)
        return self._cs_notification(
            "info",
            self.env._("Pick up your phone"),
            self.env._(
                "The PBX rings extension %s to connect you to the call.",
                user.cs_extension,
            ),
        )

    @api.model
    def _cs_notification(self, kind, title, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": kind, "title": title, "message": message},
        }

    def _cs_check_monitor_allowed(self, user):
        """Who may monitor this call: Supervisors and Managers. Extend with
        super() to restrict further (cs_helpdesk: a Supervisor's teams)."""
        if not user.has_group("cs_callcenter.group_supervisor"):
            raise AccessError(
                self.env._("Only Supervisors and Managers may monitor calls.")
            )

    def _cs_agent_channel(self):
        """The agent's channel at the PBX, as ChanSpy wants it: the exact one
        the listener saw, else the agent's device as a prefix (the channel
        template and a dash: ``PJSIP/8001-`` matches ``PJSIP/8001-0000001a``
        only)."""
        # sudo: the channel is the server's business, not shown to the user
        live = (
            self.env["cs.call.live"]
            .sudo()
            .search(
                [
                    ("pbx_server_id", "=", self.pbx_server_id.id),
                    ("call_key", "=", self.pbx_call_id),
                ],
                limit=1,
            )
        )
        if live.channel:
            return live.channel
        extension = live.extension or self.extension
        if not extension:
            return False
        template = self.pbx_server_id.channel_template
        return f"{template.format(extension=extension)}-"

    def _cs_tell_agent(self, monitor):
        """Tell the agent of a whisper or a barge when the policy says so
        (``cs_callcenter.monitor_tell_agent``); never of a listen."""
        if monitor.mode == "listen" or not self.user_id:
            return
        # sudo: configuration read on behalf of a Supervisor
        tell = (
            self.env["ir.config_parameter"].sudo().get_param(MONITOR_TELL_AGENT_PARAM)
        )
        if tell not in ("1", "True", "true"):
            return
        modes = dict(monitor._fields["mode"]._description_selection(self.env))
        self.user_id.partner_id._bus_send(
            "simple_notification",
            {
                "type": "warning",
                "title": modes[monitor.mode],
                "message": self.env._("%s joins your call.", monitor.user_id.name),
            },
        )

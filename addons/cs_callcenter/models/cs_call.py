# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..pbx.backend import PbxError
from ..pbx.events import interpret
from ..tools.phone import dial_string, normalize

_logger = logging.getLogger(__name__)

SERVICE_LEVEL_SECONDS = 15  # three rings (DOMAIN.md §1, §8)
DISPOSITIONS = [
    ("answered", "Answered"),
    ("no_answer", "No Answer"),
    ("busy", "Busy"),
    ("failed", "Failed"),
    ("abandoned", "Abandoned"),
]


def _duration_seconds(value):
    """'00:01:05' (CoreShowChannel Duration) -> 65; 0 when unreadable."""
    try:
        hours, minutes, seconds = (int(part) for part in (value or "").split(":"))
    except ValueError:
        return 0
    return hours * 3600 + minutes * 60 + seconds


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

    _sql_constraints = [
        (
            "pbx_call_unique",
            "unique(pbx_server_id, pbx_call_id)",
            "This PBX call is already recorded.",
        )
    ]

    @api.model
    def _selection_res_reference(self):
        models_ = (
            self.env["ir.model"]
            .sudo()
            .search([("is_mail_thread", "=", True), ("transient", "=", False)])
        )
        return [(m.model, m.name) for m in models_]

    @api.depends("number", "partner_id.country_id", "company_id.country_id")
    def _compute_number_e164(self):
        for call in self:
            region = (call.partner_id.country_id or call.company_id.country_id).code
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
                and call.wait_seconds <= SERVICE_LEVEL_SECONDS
                else 0
            )

    @api.depends("direction", "number", "partner_id")
    def _compute_display_name(self):
        labels = dict(self._fields["direction"]._description_selection(self.env))
        for call in self:
            who = call.partner_id.name or call.number or ""
            call.display_name = f"{labels.get(call.direction, '')} {who}".strip()

    # -- PBX updates ---------------------------------------------------------------
    @api.model
    def _cs_apply_pbx_updates(self, server, updates):
        """Apply updates from ``pbx.events.interpret`` for ``server``.

        Idempotent: a value already stored is never overwritten by a replayed
        or duplicated event, and a call is created once per (PBX, Linkedid).
        Returns the calls touched.
        """
        calls = self.browse()
        by_action = [u for u in updates if u["kind"] == "originate"]
        if by_action:
            calls |= self._cs_apply_originate_results(server, by_action)
        updates = [u for u in updates if u["kind"] != "originate" and u.get("call_id")]
        if not updates:
            return calls
        call_ids = {u["call_id"] for u in updates}
        existing = {
            c.pbx_call_id: c
            for c in self.search(
                [
                    ("pbx_server_id", "=", server.id),
                    ("pbx_call_id", "in", list(call_ids)),
                ]
            )
        }
        extensions = {u["extension"] for u in updates if u.get("extension")}
        agents = self.env["res.users"]._cs_by_extension(server, extensions)
        new_values, starting = [], set()
        for update in updates:
            call_id = update["call_id"]
            if update["kind"] != "start" or call_id in existing or call_id in starting:
                continue
            starting.add(call_id)
            new_values.append(self._cs_start_values(server, update, agents))
        if new_values:
            for call in self.create(new_values):
                existing[call.pbx_call_id] = call
        rung = self.browse()
        for update in updates:
            call = existing.get(update["call_id"])
            if not call:
                _logger.info(
                    "PBX: %s for unknown call %s ignored",
                    update["kind"],
                    update["call_id"],
                )
                continue
            if call._cs_apply_update(update, agents) and update["kind"] == "ring":
                rung |= call
            calls |= call
        rung._cs_notify_agents()
        return calls

    @api.model
    def _cs_start_values(self, server, update, agents):
        agent = agents.get(update.get("extension"))
        partner = self.env["cs.api"]._cs_find_partners(update.get("number"))[:1]
        return {
            "pbx_server_id": server.id,
            "pbx_call_id": update["call_id"],
            "company_id": (server.company_id or self.env.company).id,
            "direction": update["direction"],
            "number": update.get("number"),
            "partner_id": partner.id,
            "extension": update.get("extension"),
            "user_id": agent.id if agent else False,
            "ring_date": update["time"],
            "state": "ringing",
        }

    def _cs_apply_update(self, update, agents):
        """Fill what the update tells and is still empty; True if it changed."""
        self.ensure_one()
        kind, when = update["kind"], update["time"]
        values = {}
        if kind == "ring" and self.state in ("dialing", "ringing") and not self.user_id:
            agent = agents.get(update.get("extension"))
            values.update(extension=update.get("extension"))
            if agent:
                values["user_id"] = agent.id
        elif kind == "answer" and not self.answer_date and self.state != "done":
            values.update(answer_date=when, state="in_progress")
            agent = agents.get(update.get("extension"))
            if agent and not self.user_id:
                values["user_id"] = agent.id
        elif kind == "dial_end" and not self.answer_date and not self.disposition:
            values["failure_reason"] = update.get("disposition")
        elif kind == "end" and self.state != "done":
            values.update(
                end_date=when, state="done", disposition=self._cs_final_disposition()
            )
        elif kind == "cdr" and not self.billable_seconds and update.get("billable"):
            values["billable_seconds"] = update["billable"]
        if values:
            self.write(values)
        return bool(values)

    def _cs_final_disposition(self):
        self.ensure_one()
        if self.answer_date:
            return "answered"
        if self.failure_reason in ("busy", "no_answer", "failed"):
            return self.failure_reason
        return "abandoned" if self.direction == "inbound" else "no_answer"

    @api.model
    def _cs_apply_originate_results(self, server, updates):
        calls = self.search(
            [
                ("pbx_server_id", "=", server.id),
                ("pbx_action_id", "in", [u["action_id"] for u in updates]),
            ]
        )
        by_action = {c.pbx_action_id: c for c in calls}
        for update in updates:
            call = by_action.get(update["action_id"])
            if not call or call.state != "dialing":
                continue  # unknown request, or already applied
            if update["success"]:
                call.write({"state": "in_progress", "answer_date": update["time"]})
            else:
                call.write(
                    {
                        "state": "done",
                        "end_date": update["time"],
                        "disposition": "failed",
                        "failure_reason": update.get("reason") or "failed",
                    }
                )
        return calls

    @api.model
    def _cs_resync(self, server, channels):
        """After a (re)connection: close the calls the PBX no longer has.

        ``channels`` are CoreShowChannel frames. Calls still open here whose
        Linkedid is not among them ended while we were not listening.
        """
        active = {ch.get("Linkedid") for ch in channels if ch.get("Linkedid")}
        self._cs_record_unseen_calls(server, channels)
        stale = self.search(
            [
                ("pbx_server_id", "=", server.id),
                ("state", "in", ("ringing", "in_progress")),
                ("pbx_call_id", "not in", list(active)),
            ]
        )
        now = fields.Datetime.now()
        for call in stale:
            call.write(
                {
                    "state": "done",
                    "end_date": now,
                    "disposition": call._cs_final_disposition(),
                }
            )
            call.message_post(
                body=self.env._("Closed on resynchronisation with the PBX.")
            )
        return stale

    @api.model
    def _cs_record_unseen_calls(self, server, channels):
        """Calls that began while the listener was disconnected and are still
        up: record them from their first channel, as a Newchannel would."""
        firsts = {
            ch["Linkedid"]: ch
            for ch in channels
            if ch.get("Linkedid") and ch.get("Uniqueid") == ch.get("Linkedid")
        }
        if not firsts:
            return self.browse()
        known = set(
            self.search(
                [("pbx_server_id", "=", server.id), ("pbx_call_id", "in", list(firsts))]
            ).mapped("pbx_call_id")
        )
        contexts = server._cs_config().inbound_contexts
        now = fields.Datetime.now()
        updates = []
        for call_id, channel in firsts.items():
            if call_id in known:
                continue
            start = now - timedelta(seconds=_duration_seconds(channel.get("Duration")))
            frame = dict(channel, Event="Newchannel")
            for update in interpret(frame, contexts, now=start):
                # a CoreShowChannel frame's Timestamp is the time of the
                # listing, not of the call: the call began ``Duration`` ago
                update["time"] = start
                updates.append(update)
            if channel.get("ChannelState") == "6":  # Up: already answered
                updates.append(
                    {
                        "call_id": call_id,
                        "kind": "answer",
                        "time": start,
                        "extension": None,
                    }
                )
        if not updates:
            return self.browse()
        calls = self._cs_apply_pbx_updates(server, updates)
        for call in calls:
            call.message_post(
                body=self.env._(
                    "Recorded on resynchronisation with the PBX: the call began "
                    "while the listener was disconnected; its times are approximate."
                )
            )
        return calls

    def _cs_notify_agents(self):
        """Send the caller card to each rung agent's browser."""
        api_model = self.env["cs.api"]
        for call in self.filtered(lambda c: c.user_id and c.direction == "inbound"):
            payload = api_model._cs_caller_card(call)
            call.user_id.partner_id._bus_send("cs_callcenter/incoming_call", payload)

    # -- click-to-call ----------------------------------------------------------------
    @api.model
    def _cs_originate(self, number, user, partner=None):
        """Create the outbound call and ask the PBX to place it.

        The call is recorded first, so a refused or unreachable PBX leaves a
        failed attempt in the contact history rather than nothing; the
        UserError raised then carries the PBX's reason.
        """
        if not user.cs_extension:
            raise UserError(
                self.env._("Set your phone extension in your preferences first.")
            )
        server = user._cs_pbx_server()
        if not server:
            raise UserError(self.env._("No PBX is configured for %s.", user.name))
        region = (
            partner and partner._cs_phone_region()
        ) or server.company_id.country_id.code
        phone = normalize(number, region or self.env["cs.api"]._cs_region())
        if not phone.valid:
            raise UserError(self.env._("%s is not a valid phone number.", number))
        server._cs_check_destination(phone)
        pbx_region = (server.company_id or self.env.company).country_id.code
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
            partner = self.env["cs.api"]._cs_find_partners(number)[:1]
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
        try:
            call = self._cs_originate(number, self.env.user, partner=partner)
        except UserError as error:
            # Not re-raised: the failed attempt stays in the contact history.
            return {
                "type": "danger",
                "title": self.env._("Call not placed"),
                "message": str(error),
            }
        if record and record._name != "res.partner":
            call.res_reference = f"{record._name},{record.id}"
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

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The live state of a PBX for the wallboard: calls in progress and agent
extensions, kept in memory by the listener from the frames it already reads.

``LiveState.feed(frame)`` folds one AMI frame in; ``reset(channels,
extensions)`` rebuilds everything after a (re)connection from the
``CoreShowChannel`` list (and the ``ExtensionStatus`` list of
``ExtensionStateList`` when the PBX has hints), so that a call that ended
while the listener was away never stays on the board. ``snapshot()`` is what
the sink stores (one row per live call and per extension) and publishes;
``dirty`` tells whether anything changed since the last snapshot, so the
listener publishes at most once per interval, never per event.

Call states: ``ringing`` (an agent's phone rings, or nothing answered yet),
``queued`` (waiting in a queue), ``talking``, ``hold``. Agent states:
``idle``, ``ringing``, ``talking``, ``hold``, ``wrapup`` (for
``wrapup_seconds`` after a call), ``offline`` (the phone is unregistered:
``ExtensionStatus`` 4, -1 or -2). Plain Python: no ORM here.
"""

from dataclasses import asdict, dataclass
from datetime import timedelta

from .events import (
    _NO_VALUE,
    EventError,
    _duration_seconds,
    _timestamp,
    caller_number,
    channel_extension,
    now_utc,
)

CALL_STATES = ("ringing", "queued", "talking", "hold")
AGENT_STATES = ("idle", "ringing", "talking", "hold", "wrapup", "offline")
# ExtensionStatus Status (include/asterisk/pbx.h AST_EXTENSION_*)
_OFFLINE_STATUS = {"-2", "-1", "4"}


@dataclass
class LiveCall:
    call_id: str
    direction: str
    number: str | None
    state: str
    since: object  # datetime (UTC, naive): in this state since
    start: object  # datetime: the call began
    queue: str | None = None
    extension: str | None = None  # the agent talking / rung
    channel: str | None = None  # the agent's channel (ChanSpy's target)
    abandoned_in_queue: bool = False


@dataclass
class LiveAgent:
    extension: str
    state: str
    since: object
    call_id: str | None = None


def _seconds(values):
    """Times to the second, as the database stores them: an unchanged row
    compares equal and is not written again."""
    for key in ("since", "start"):
        if values.get(key) is not None:
            values[key] = values[key].replace(microsecond=0)
    return values


class LiveState:
    def __init__(self, inbound_contexts=(), wrapup_seconds=30, clock=now_utc):
        self.inbound_contexts = tuple(inbound_contexts)
        self.wrapup = timedelta(seconds=wrapup_seconds)
        self.clock = clock
        self.calls = {}  # Linkedid -> LiveCall
        self.agents = {}  # extension -> LiveAgent
        self.dirty = True  # the empty board is news too
        # Linkedids of Supervisors' monitoring legs (ChanSpy): not calls
        self.ignored = set()
        self.ended = 0  # calls ended since the last snapshot (figures change)

    # -- helpers ---------------------------------------------------------------
    def _agent(self, extension, state, when, call_id=None):
        agent = self.agents.get(extension)
        if agent and agent.state == state and agent.call_id == call_id:
            return
        if agent and agent.state == "offline" and state in ("wrapup", "idle"):
            return  # an unregistered phone stays offline until it says otherwise
        self.agents[extension] = LiveAgent(extension, state, when, call_id)
        self.dirty = True

    def _call_state(self, call, state, when):
        if call.state != state:
            call.state, call.since = state, when
            self.dirty = True

    def _release_agents(self, call_id, when):
        for agent in list(self.agents.values()):
            if agent.call_id == call_id and agent.state != "offline":
                talked = agent.state in ("talking", "hold")
                self._agent(agent.extension, "wrapup" if talked else "idle", when)

    def _new_call(self, frame, call_id, when):
        inbound = frame.get("Context") in self.inbound_contexts
        channel = (frame.get("Channel") or "").strip()
        call = LiveCall(
            call_id=call_id,
            direction="inbound" if inbound else "outbound",
            number=caller_number(frame.get("CallerIDNum" if inbound else "Exten")),
            state="ringing",
            since=when,
            start=when,
        )
        if not inbound:
            # our agent's own leg (click-to-call): the agent is the caller
            call.extension = channel_extension(channel)
            call.channel = channel or None
            if call.extension:
                self._agent(call.extension, "ringing", when, call_id)
        self.calls[call_id] = call
        self.dirty = True
        return call

    # -- folding ---------------------------------------------------------------
    def feed(self, frame, now=None):
        """Fold one AMI frame (dict) in. Frames of no interest are ignored;
        an unreadable timestamp falls back to now."""
        event = frame.get("Event")
        try:
            when = _timestamp(frame) or now or self.clock()
        except EventError:
            when = now or self.clock()
        if event == "ExtensionStatus":
            self._extension_status(frame, when)
            return
        if event == "OriginateResponse":
            self._originated(frame, when)
            return
        call_id = (frame.get("Linkedid") or "").strip()
        if not call_id or call_id in _NO_VALUE or call_id in self.ignored:
            if event == "Hangup":
                self.ignored.discard(call_id)
            return
        first = (frame.get("Uniqueid") or "").strip() == call_id
        if event == "Hangup":
            self._on_hangup(frame, call_id, first, when)
            return
        call = self.calls.get(call_id)
        if call is None:
            if not first or frame.get("Context") is None:
                return
            call = self._new_call(frame, call_id, when)
        handler = self._HANDLERS.get(event)
        if handler:
            handler(self, frame, call, first, when)

    def _originated(self, frame, when):
        """A Supervisor's phone answered a ChanSpy originate: its leg is a
        monitoring, not a call; the Supervisor is not shown as talking."""
        if (frame.get("Application") or "") != "ChanSpy":
            return
        leg = (frame.get("Uniqueid") or "").strip()
        if not leg or leg in _NO_VALUE:
            return
        if len(self.ignored) > 10000:  # legs whose hangup was never seen
            self.ignored.clear()
        self.ignored.add(leg)
        call = self.calls.pop(leg, None)
        if call:
            self.dirty = True
            if call.extension:
                self._agent(call.extension, "idle", when)

    def _on_hangup(self, frame, call_id, first, when):
        if first:
            if self.calls.pop(call_id, None):
                self.ended += 1
                self.dirty = True
            self._release_agents(call_id, when)
            return
        extension = channel_extension(frame.get("Channel"))
        agent = self.agents.get(extension)
        if agent and agent.call_id == call_id:
            talked = agent.state in ("talking", "hold")
            self._agent(extension, "wrapup" if talked else "idle", when)

    def _on_queue_join(self, frame, call, first, when):
        call.queue = (frame.get("Queue") or "").strip() or call.queue
        self._call_state(call, "queued", when)
        self.dirty = True

    def _on_queue_leave(self, frame, call, first, when):
        if call.state == "queued":
            self._call_state(call, "ringing", when)

    def _on_queue_abandon(self, frame, call, first, when):
        call.abandoned_in_queue = True
        self.dirty = True

    def _on_dial_begin(self, frame, call, first, when):
        if call.direction == "outbound":
            return  # the agent dials out: the far end is no agent of ours
        extension = channel_extension(frame.get("DestChannel"))
        if extension and call.state not in ("talking", "hold"):
            self._agent(extension, "ringing", when, call.call_id)
            if call.state != "queued":
                call.extension = extension

    def _on_dial_end(self, frame, call, first, when):
        if call.direction == "outbound":
            if (frame.get("DialStatus") or "").upper() == "ANSWER":
                self._on_bridge_enter(frame, call, True, when)
            return
        extension = channel_extension(frame.get("DestChannel"))
        if not extension:
            return
        if (frame.get("DialStatus") or "").upper() == "ANSWER":
            call.extension = extension
            call.channel = (frame.get("DestChannel") or "").strip() or None
            self._call_state(call, "talking", when)
            self._agent(extension, "talking", when, call.call_id)
            return
        agent = self.agents.get(extension)
        if agent and agent.call_id == call.call_id:
            self._agent(extension, "idle", when)

    def _on_bridge_enter(self, frame, call, first, when):
        if call.state not in ("talking", "hold"):
            self._call_state(call, "talking", when)
        if first:  # our agent's own leg of a click-to-call is bridged
            if call.direction == "outbound" and call.extension:
                self._agent(call.extension, "talking", when, call.call_id)
            return
        extension = channel_extension(frame.get("Channel"))
        if extension and call.direction == "inbound":
            call.extension = call.extension or extension
            call.channel = call.channel or (frame.get("Channel") or None)
            self._agent(call.extension, "talking", when, call.call_id)

    def _on_hold(self, frame, call, first, when):
        self._call_state(call, "hold", when)
        if call.extension:
            self._agent(call.extension, "hold", when, call.call_id)

    def _on_unhold(self, frame, call, first, when):
        if call.state != "hold":
            return
        self._call_state(call, "talking", when)
        if call.extension:
            self._agent(call.extension, "talking", when, call.call_id)

    _HANDLERS = {
        "QueueCallerJoin": _on_queue_join,
        "QueueCallerLeave": _on_queue_leave,
        "QueueCallerAbandon": _on_queue_abandon,
        "DialBegin": _on_dial_begin,
        "DialEnd": _on_dial_end,
        "BridgeEnter": _on_bridge_enter,
        "Hold": _on_hold,
        "Unhold": _on_unhold,
    }

    def _extension_status(self, frame, when):
        extension = (frame.get("Exten") or "").strip()
        status = (frame.get("Status") or "").strip()
        if not extension or extension in _NO_VALUE:
            return
        agent = self.agents.get(extension)
        if status in _OFFLINE_STATUS:
            self.agents[extension] = LiveAgent(extension, "offline", when)
            self.dirty = self.dirty or not agent or agent.state != "offline"
        elif status == "0" and (not agent or agent.state == "offline"):
            self._agent(extension, "idle", when)

    def tick(self, now=None):
        """Wrap-up ends after ``wrapup_seconds``: the agent is idle again."""
        now = now or self.clock()
        for agent in list(self.agents.values()):
            if agent.state == "wrapup" and now - agent.since >= self.wrapup:
                self._agent(agent.extension, "idle", agent.since + self.wrapup)

    def waiting_wrapups(self):
        return any(a.state == "wrapup" for a in self.agents.values())

    # -- rebuild ---------------------------------------------------------------
    def reset(self, channels, extension_statuses=(), now=None):
        """Rebuild the state from the CoreShowChannel frames after a
        (re)connection: AMI replays nothing, so what is not listed is gone."""
        now = now or self.clock()
        previous = self.agents
        self.calls, self.agents = {}, {}
        for frame in extension_statuses:
            self._extension_status(frame, now)
        for extension, agent in previous.items():
            if agent.state == "offline" and extension not in self.agents:
                self.agents[extension] = agent
        legs = []
        for channel in channels:
            call_id = (channel.get("Linkedid") or "").strip()
            if not call_id or call_id in _NO_VALUE:
                continue
            since = now - timedelta(seconds=_duration_seconds(channel.get("Duration")))
            if (channel.get("Uniqueid") or "").strip() == call_id:
                self._reset_call(channel, call_id, since)
            else:
                legs.append((channel, call_id, since))
        for channel, call_id, since in legs:
            self._reset_leg(channel, self.calls.get(call_id), since)
        for call in self.calls.values():
            if call.direction == "outbound" and call.extension:
                state = "talking" if call.state == "talking" else "ringing"
                self._agent(call.extension, state, call.since, call.call_id)
        self.dirty = True

    def _reset_call(self, channel, call_id, since):
        call = self._new_call(channel, call_id, since)
        if (channel.get("Application") or "") == "Queue":
            data = channel.get("ApplicationData") or ""
            call.queue = data.split(",")[0].strip() or None
            call.state = "queued"
        elif channel.get("ChannelState") == "6" and call.direction == "outbound":
            call.state = "talking"

    def _reset_leg(self, channel, call, since):
        extension = channel_extension(channel.get("Channel"))
        if not call or not extension:
            return
        if call.direction == "outbound":  # the far end of our agent's call
            if channel.get("ChannelState") == "6":
                call.state, call.since = "talking", since
            return
        if channel.get("ChannelState") == "6":
            call.extension = extension
            call.channel = (channel.get("Channel") or "").strip()
            call.state, call.since = "talking", since
            self._agent(extension, "talking", since, call.call_id)
        elif call.state != "talking":
            self._agent(extension, "ringing", since, call.call_id)

    # -- output ----------------------------------------------------------------
    def snapshot(self):
        """{"calls": [...], "agents": [...], "ended": n} (dicts); clears
        ``dirty`` and the count of ended calls."""
        self.tick()
        result = {
            "calls": [_seconds(asdict(call)) for call in self.calls.values()],
            "agents": [_seconds(asdict(agent)) for agent in self.agents.values()],
            "ended": self.ended,
        }
        self.dirty = False
        self.ended = 0
        return result

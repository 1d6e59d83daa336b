# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Turn AMI event frames into typed call updates.

A call is keyed on ``Linkedid``: the Uniqueid of the oldest channel of the
call, which every channel event carries (asterisk main/manager_channels.c).
``interpret(frame)`` returns ``CallUpdate`` objects whose ``kind`` is one of

- ``start``     a channel of the call's first leg was seen: number, direction,
                context; carried by every event of that leg (Newchannel,
                Newstate, DialBegin, Hangup...), so that a call whose
                Newchannel arrives late or never is still recorded
- ``ring``      an agent extension is being rung: extension
- ``answer``    the call is answered (DialEnd ANSWER / BridgeEnter)
- ``dial_end``  a dial attempt ended without answer: disposition
- ``end``       the call's first channel hung up: cause
- ``cdr``       the final call detail record (matched on its ``UniqueID``,
                Asterisk 22 sends no Linkedid in it): billable seconds
- ``originate`` result of a click-to-call request: action id, success, the
                reason in words (``ORIGINATE_REASONS``) and the new call's
                Linkedid
- ``resync``    after a (re)connection: the Linkedids still up at the PBX
- ``queue_join`` the caller entered a queue (``QueueCallerJoin``): queue
- ``queue_leave`` the caller left it (``QueueCallerLeave``): queue
- ``ivr``       the caller's IVR choice: the channel variable ``CS_IVR``
                that the IVR sets, carried by the call's events once
                ``manager.conf`` lists it in ``channelvars``

Values are checked here, once, for both the AMI listener and
``cs.api.pbx_event``: an id longer than Asterisk ever sends, seconds that are
negative or beyond a week, an unreadable timestamp raise ``EventError``
naming the key; a caller number longer than ``MAX_NUMBER`` is cut, with a log
line. Applying the same update twice must change nothing (see
``cs.call._cs_apply_pbx_updates``). Plain Python: no ORM here.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

_logger = logging.getLogger(__name__)

MAX_ID = 150  # AST_MAX_UNIQUEID (include/asterisk/channel.h)
MAX_NUMBER = 80  # AST_MAX_EXTENSION: no real caller id is longer
MAX_TEXT = 256  # channel names, causes, reasons
MAX_SECONDS = 7 * 24 * 3600  # a week: longer is a PBX bug, not a call
# Timestamps outside these bounds are absurd (manager.conf timestampevents).
MIN_TIME = datetime(2000, 1, 1)
MAX_TIME = datetime(2100, 1, 1)

# "PJSIP/8001-00000012" -> "8001"; "SIP/8001-1"; "Local/8001@from-internal-..."
_CHANNEL_EXTENSION = re.compile(r"^[A-Za-z0-9]+/([^-@;/]+)")
_DIAL_FAILED = {
    "BUSY": "busy",
    "NOANSWER": "no_answer",
    "CANCEL": "abandoned",
    "CHANUNAVAIL": "failed",
    "CONGESTION": "failed",
}
_CDR_DISPOSITIONS = {
    "ANSWERED": "answered",
    "NO ANSWER": "no_answer",
    "BUSY": "busy",
    "FAILED": "failed",
    "CONGESTION": "failed",
}
# OriginateResponse ``Reason``: an AST_CONTROL_* number (include/asterisk/
# frame.h) -> (reason key, disposition of the call when the originate failed).
ORIGINATE_REASONS = {
    "0": ("failed", "failed"),  # e.g. no such extension, channel unavailable
    "1": ("hung_up", "no_answer"),  # AST_CONTROL_HANGUP: the phone rejected it
    "3": ("no_answer", "no_answer"),  # AST_CONTROL_RINGING: rang until timeout
    "4": ("answered", "answered"),  # AST_CONTROL_ANSWER
    "5": ("busy", "busy"),  # AST_CONTROL_BUSY
    "8": ("congestion", "failed"),  # AST_CONTROL_CONGESTION
}
# Values Asterisk puts where it has none.
_NO_VALUE = {"", "<unknown>", "<null>", "(null)"}
CALL_EVENTS = {
    "Newchannel",
    "Newstate",
    "DialBegin",
    "DialEnd",
    "BridgeEnter",
    "Hangup",
    "Cdr",
    "OriginateResponse",
    "QueueCallerJoin",
    "QueueCallerLeave",
}
KINDS = (
    "start",
    "ring",
    "answer",
    "dial_end",
    "end",
    "cdr",
    "originate",
    "resync",
    "queue_join",
    "queue_leave",
    "ivr",
)
# The channel variable an IVR sets to the caller's choice (manager.conf
# ``channelvars = CS_IVR`` makes every event of the channel carry it).
IVR_VARIABLE = "CS_IVR"
MAX_QUEUE = 80  # queue names and IVR choices: Asterisk's own limit is 80


class EventError(ValueError):
    """An event value no PBX sends; ``key`` names it."""

    def __init__(self, key, message):
        super().__init__(f"{key}: {message}")
        self.key = key


@dataclass(frozen=True)
class CallUpdate:
    """One fact about one call, as the sink applies it."""

    kind: str
    time: datetime  # UTC, naive
    call_id: str | None = None
    direction: str | None = None  # start: inbound / outbound
    number: str | None = None  # start: the customer's number
    extension: str | None = None  # start (outbound), ring, answer
    channel: str | None = None
    disposition: str | None = None  # dial_end, cdr, originate
    cause: str | None = None  # end
    duration: int | None = None  # cdr
    billable: int | None = None  # cdr
    action_id: str | None = None  # originate
    success: bool | None = None  # originate
    reason: str | None = None  # originate: a key of ORIGINATE_REASONS' values
    first_event: bool = False  # start: from the Newchannel itself
    queue: str | None = None  # queue_join, queue_leave; ivr: the choice
    active: frozenset = field(default_factory=frozenset)  # resync

    def __post_init__(self):
        if self.kind not in KINDS:
            raise EventError("kind", f"unknown update kind {self.kind!r}")


def channel_extension(channel):
    match = _CHANNEL_EXTENSION.match(channel or "")
    return match.group(1) if match else None


def channel_variables(frame):
    """{name: value} of the ``ChanVariable`` lines of a frame (Asterisk 22
    writes ``ChanVariable: NAME=value``; a repeated key is joined by a
    newline by the frame parser)."""
    result = {}
    for line in (frame.get("ChanVariable") or "").split("\n"):
        name, sep, value = line.partition("=")
        if sep and name.strip():
            result[name.strip()] = value.strip()
    return result


def _label(value):
    """A queue name or an IVR choice as stored: stripped, bounded."""
    value = (value or "").strip()
    if value in _NO_VALUE:
        return None
    return value[:MAX_QUEUE]


def now_utc():
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _timestamp(frame):
    """The event's own time (manager.conf ``timestampevents = yes``), UTC."""
    if "Timestamp" not in frame:
        return None
    try:
        stamp = float(frame["Timestamp"])
        moment = datetime.fromtimestamp(stamp, timezone.utc).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError, OSError) as e:
        raise EventError("Timestamp", "not a Unix time") from e
    if not MIN_TIME <= moment < MAX_TIME:
        raise EventError("Timestamp", f"{moment} is not a plausible time")
    return moment


def _id(frame, key, required=True):
    value = (frame.get(key) or "").strip()
    if value in _NO_VALUE:
        if required:
            raise EventError(key, "missing")
        return None
    if len(value) > MAX_ID:
        raise EventError(key, f"longer than {MAX_ID} characters")
    return value


def _text(frame, key):
    value = (frame.get(key) or "").strip()
    if value in _NO_VALUE:
        return None
    if len(value) > MAX_TEXT:
        _logger.warning("AMI: %s cut to %d characters", key, MAX_TEXT)
        value = value[:MAX_TEXT]
    return value


def caller_number(value):
    """A caller id as stored: blank and Asterisk's placeholders are None; a
    number longer than any real one is cut (with a log line), never refused:
    the call is recorded whatever its caller id."""
    value = (value or "").strip()
    if value in _NO_VALUE:
        return None
    if len(value) > MAX_NUMBER:
        _logger.warning(
            "AMI: caller id of %d characters cut to %d", len(value), MAX_NUMBER
        )
        value = value[:MAX_NUMBER]
    return value


def _seconds(frame, key):
    value = frame.get(key)
    if value in (None, ""):
        return None
    try:
        seconds = int(value)
    except (TypeError, ValueError) as e:
        raise EventError(key, "not a whole number of seconds") from e
    if not 0 <= seconds <= MAX_SECONDS:
        raise EventError(key, f"{seconds} is not between 0 and {MAX_SECONDS}")
    return seconds


def _start(frame, base, inbound_contexts, first_event):
    """The start update carried by an event of the call's first channel."""
    inbound = frame.get("Context") in inbound_contexts
    channel = _text(frame, "Channel")
    return CallUpdate(
        kind="start",
        direction="inbound" if inbound else "outbound",
        number=caller_number(frame.get("CallerIDNum" if inbound else "Exten")),
        extension=None if inbound else channel_extension(channel),
        channel=channel,
        first_event=first_event,
        **base,
    )


def interpret(frame, inbound_contexts=(), now=None):
    """Updates carried by one AMI frame (dict of str); [] if none.

    Raises ``EventError`` for a value no PBX sends (the caller logs it and
    goes on, or reports it to whoever pushed the event).
    """
    event = frame.get("Event")
    if event not in CALL_EVENTS:
        return []
    when = _timestamp(frame) or now or now_utc()
    if event == "OriginateResponse":
        return _originate(frame, when)
    if event == "Cdr":
        # Asterisk 22: the CDR names its first channel by UniqueID (no Linkedid).
        key = next(
            (k for k in ("Linkedid", "UniqueID", "Uniqueid") if frame.get(k)), None
        )
        if not key:
            _logger.debug("AMI: Cdr without UniqueID ignored")
            return []
        return [
            CallUpdate(
                kind="cdr",
                call_id=_id(frame, key),
                time=when,
                duration=_seconds(frame, "Duration"),
                billable=_seconds(frame, "BillableSeconds"),
                disposition=_CDR_DISPOSITIONS.get(
                    (frame.get("Disposition") or "").upper()
                ),
            )
        ]
    if not frame.get("Linkedid"):
        # The DialBegin/DialEnd of an Originate have no calling channel: only
        # Dest* fields. The OriginateResponse tells what they would.
        _logger.debug("AMI: %s without Linkedid ignored", event)
        return []
    call_id = _id(frame, "Linkedid")
    base = {"call_id": call_id, "time": when}
    first_channel = _id(frame, "Uniqueid", required=False) == call_id
    updates = []
    if first_channel and frame.get("Context") is not None:
        updates.append(
            _start(frame, base, inbound_contexts, first_event=event == "Newchannel")
        )
    updates += _queue_updates(frame, base, first_channel)
    if event == "DialBegin":
        extension = channel_extension(frame.get("DestChannel"))
        if extension:
            updates.append(CallUpdate(kind="ring", extension=extension, **base))
    elif event == "DialEnd":
        status = (frame.get("DialStatus") or "").upper()
        extension = channel_extension(frame.get("DestChannel"))
        if status == "ANSWER":
            updates.append(CallUpdate(kind="answer", extension=extension, **base))
        else:
            updates.append(
                CallUpdate(
                    kind="dial_end",
                    extension=extension,
                    disposition=_DIAL_FAILED.get(status, "failed"),
                    **base,
                )
            )
    elif event == "BridgeEnter" and not first_channel:
        updates.append(CallUpdate(kind="answer", **base))
    elif event == "Hangup" and first_channel:
        updates.append(CallUpdate(kind="end", cause=_text(frame, "Cause-txt"), **base))
    return updates


def _queue_updates(frame, base, first_channel):
    """The queue a caller joins or leaves, the IVR choice the channel carries."""
    updates = []
    if first_channel:
        ivr = _label(channel_variables(frame).get(IVR_VARIABLE))
        if ivr:
            updates.append(CallUpdate(kind="ivr", queue=ivr, **base))
    event = frame.get("Event")
    if event in ("QueueCallerJoin", "QueueCallerLeave"):
        queue = _label(frame.get("Queue"))
        if queue:
            kind = "queue_join" if event == "QueueCallerJoin" else "queue_leave"
            updates.append(CallUpdate(kind=kind, queue=queue, **base))
    return updates


def _originate(frame, when):
    action_id = _id(frame, "ActionID", required=False)
    if not action_id:
        _logger.warning("AMI: OriginateResponse without ActionID ignored")
        return []
    success = (frame.get("Response") or "").lower() == "success"
    reason, disposition = ORIGINATE_REASONS.get(
        (frame.get("Reason") or "").strip(), ("failed", "failed")
    )
    return [
        CallUpdate(
            kind="originate",
            # the new call's Linkedid; "<unknown>" when nothing was created
            call_id=_id(frame, "Uniqueid", required=False),
            action_id=action_id,
            success=success,
            reason=reason,
            disposition=None if success else disposition,
            time=when,
        )
    ]


def _duration_seconds(value):
    """'00:01:05' (CoreShowChannel Duration) -> 65; 0 when unreadable."""
    try:
        hours, minutes, seconds = (int(part) for part in (value or "").split(":"))
    except ValueError:
        return 0
    return min(max(hours * 3600 + minutes * 60 + seconds, 0), MAX_SECONDS)


def resync_updates(channels, inbound_contexts=(), now=None):
    """Updates from the CoreShowChannel frames listed after a (re)connection.

    Calls in progress that began while the listener was away are started
    (their first channel's Duration tells since when; an Up channel is
    answered), and a final ``resync`` update lists every Linkedid still up:
    the sink closes the other calls it holds open.
    """
    now = now or now_utc()
    updates, active = [], set()
    for channel in channels:
        try:
            call_id = _id(channel, "Linkedid")
        except EventError as error:
            _logger.warning("AMI: CoreShowChannel ignored: %s", error)
            continue
        active.add(call_id)
        if (channel.get("Uniqueid") or "").strip() != call_id:
            continue
        start = now - timedelta(seconds=_duration_seconds(channel.get("Duration")))
        base = {"call_id": call_id, "time": start}
        updates.append(_start(channel, base, inbound_contexts, first_event=True))
        if channel.get("ChannelState") == "6":  # Up: already answered
            updates.append(CallUpdate(kind="answer", **base))
    updates.append(CallUpdate(kind="resync", time=now, active=frozenset(active)))
    return updates


def cdr_row_updates(row, inbound_contexts=()):
    """Updates for one row of Asterisk's CDR table (cdr_pgsql), for a call
    that began and ended while the listener was disconnected.

    ``row``: dict with ``calldate`` (UTC, naive), ``src``, ``dst``,
    ``dcontext``, ``channel``, ``dstchannel``, ``duration``, ``billsec``,
    ``disposition``, ``uniqueid``, ``linkedid`` (may be missing).
    """
    call_id = _id(row, "linkedid" if row.get("linkedid") else "uniqueid")
    start = row["calldate"]
    duration = _seconds(row, "duration") or 0
    billable = _seconds(row, "billsec") or 0
    base = {"call_id": call_id, "time": start}
    frame = {
        "Context": row.get("dcontext"),
        "CallerIDNum": row.get("src"),
        "Exten": row.get("dst"),
        "Channel": row.get("channel"),
    }
    updates = [_start(frame, base, inbound_contexts, first_event=True)]
    extension = channel_extension(row.get("dstchannel"))
    if extension:
        updates.append(CallUpdate(kind="ring", extension=extension, **base))
    end = start + timedelta(seconds=duration)
    disposition = _CDR_DISPOSITIONS.get((row.get("disposition") or "").upper())
    if disposition == "no_answer":
        # "NO ANSWER" is also what Asterisk writes when the caller hangs up
        # while the agent rings: the direction decides (abandoned inbound)
        disposition = None
    if disposition == "answered":
        answered = end - timedelta(seconds=billable)
        updates.append(
            CallUpdate(
                kind="answer", extension=extension, call_id=call_id, time=answered
            )
        )
    elif disposition:
        updates.append(
            CallUpdate(
                kind="dial_end", disposition=disposition, call_id=call_id, time=end
            )
        )
    updates.append(CallUpdate(kind="end", call_id=call_id, time=end))
    updates.append(
        CallUpdate(
            kind="cdr",
            call_id=call_id,
            time=end,
            duration=duration,
            billable=billable,
            disposition=disposition,
        )
    )
    return updates

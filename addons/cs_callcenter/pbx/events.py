# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Turn AMI event frames into call updates.

A call is keyed on ``Linkedid``: the Uniqueid of the oldest channel of the
call, which every channel event carries (asterisk main/manager_channels.c).
An update is a plain dict ``{"call_id", "kind", ...}`` with ``kind`` one of

- ``start``     a call appears (its first channel): number, direction, time
- ``ring``      an agent extension is being rung: extension
- ``answer``    the call is answered (DialEnd ANSWER / BridgeEnter / Newstate Up)
- ``dial_end``  a dial attempt ended without answer: dial_status
- ``end``       the call's first channel hung up: cause
- ``cdr``       the final call detail record: duration, billable seconds
- ``originate`` result of a click-to-call request: action_id, success, reason

Applying the same update twice must change nothing: the model only fills
what is still empty (see ``cs.call._cs_apply_pbx_updates``).
"""

import logging
import re
from datetime import datetime, timezone

_logger = logging.getLogger(__name__)

# "PJSIP/8001-00000012" -> "8001"; "SIP/8001-1"; "Local/8001@from-internal-..."
_CHANNEL_EXTENSION = re.compile(r"^[A-Za-z0-9]+/([^-@;/]+)")
_DIAL_FAILED = {
    "BUSY": "busy",
    "NOANSWER": "no_answer",
    "CANCEL": "abandoned",
    "CHANUNAVAIL": "failed",
    "CONGESTION": "failed",
}
CALL_EVENTS = {
    "Newchannel",
    "Newstate",
    "DialBegin",
    "DialEnd",
    "BridgeEnter",
    "Hangup",
    "Cdr",
    "OriginateResponse",
}


def channel_extension(channel):
    match = _CHANNEL_EXTENSION.match(channel or "")
    return match.group(1) if match else None


def _now():
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _timestamp(frame):
    """The event's own time (manager.conf ``timestampevents = yes``), UTC."""
    try:
        stamp = float(frame["Timestamp"])
        return datetime.fromtimestamp(stamp, timezone.utc).replace(tzinfo=None)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def interpret(frame, inbound_contexts=(), now=None):
    """Updates (list of dicts) carried by one AMI frame; [] if none."""
    event = frame.get("Event")
    if event not in CALL_EVENTS:
        return []
    when = _timestamp(frame) or now or _now()
    if event == "OriginateResponse":
        action_id = frame.get("ActionID")
        if not action_id:
            _logger.warning("AMI: OriginateResponse without ActionID ignored")
            return []
        return [
            {
                "kind": "originate",
                "call_id": frame.get("Uniqueid") or None,
                "action_id": action_id,
                "success": frame.get("Response") == "Success",
                "reason": frame.get("Reason", ""),
                "time": when,
            }
        ]
    call_id = frame.get("Linkedid") or frame.get("LinkedID")
    if not call_id:
        _logger.warning("AMI: %s without Linkedid ignored: %s", event, frame)
        return []
    base = {"call_id": call_id, "time": when}
    first_channel = frame.get("Uniqueid") == call_id
    if event == "Newchannel" and first_channel:
        inbound = frame.get("Context") in inbound_contexts
        return [
            dict(
                base,
                kind="start",
                direction="inbound" if inbound else "outbound",
                number=frame.get("CallerIDNum") if inbound else frame.get("Exten"),
                extension=None if inbound else channel_extension(frame.get("Channel")),
                channel=frame.get("Channel"),
            )
        ]
    if event == "DialBegin":
        extension = channel_extension(frame.get("DestChannel"))
        return [dict(base, kind="ring", extension=extension)] if extension else []
    if event == "DialEnd":
        status = frame.get("DialStatus", "")
        extension = channel_extension(frame.get("DestChannel"))
        if status == "ANSWER":
            return [dict(base, kind="answer", extension=extension)]
        return [
            dict(
                base,
                kind="dial_end",
                extension=extension,
                disposition=_DIAL_FAILED.get(status, "failed"),
            )
        ]
    if event == "BridgeEnter" and not first_channel:
        return [dict(base, kind="answer", extension=None)]
    if event == "Hangup" and first_channel:
        return [dict(base, kind="end", cause=frame.get("Cause-txt", ""))]
    if event == "Cdr":
        return [
            dict(
                base,
                kind="cdr",
                duration=_int(frame.get("Duration")),
                billable=_int(frame.get("BillableSeconds")),
                disposition=frame.get("Disposition", ""),
            )
        ]
    return []

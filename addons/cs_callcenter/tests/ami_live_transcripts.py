# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""AMI transcripts of live supervision, shaped like Asterisk 22.10.1's output
(see ``ami_transcripts``): a call through an IVR into a queue
(``app_queue``: the caller's channel is answered by Queue() and carries
``ChanVariable: CS_IVR=<choice>`` with ``manager.conf channelvars =
CS_IVR``; ``QueueCallerJoin``/``QueueCallerLeave``/``QueueCallerAbandon``
are of the ``agent`` class; the Cdr of an abandoned queued call says
ANSWERED, since Queue() answered the caller), the ``CoreShowChannel`` list
of calls in progress, ``ExtensionStatus`` and the ChanSpy originate of a
Supervisor's phone (Originate into an application: the leg's context is
``default``, its extension ``s``).
"""

from .ami_transcripts import _local, event, snapshot


def _ivr(snap, ivr):
    return [*snap, ("ChanVariable", f"CS_IVR={ivr}")] if ivr else snap


def queued_call(
    seq,
    start,
    caller="13812345678",
    queue="support",
    ivr="2",
    extension="8001",
    answer_after=20.0,
    talk=60,
    did="4008123123",
    context="from-external",
):
    """An inbound call that chooses ``ivr`` and waits ``answer_after``
    seconds in ``queue`` before ``extension`` answers (or, ``answer_after``
    None, hangs up after ``talk`` seconds in the queue)."""
    base = int(start)
    caller_id = f"{base}.{seq * 2 - 1}"
    agent_id = f"{base}.{seq * 2}"
    caller_ch = f"PJSIP/trunk-{seq * 2 - 1:08x}"
    agent_ch = f"PJSIP/{extension}-{seq * 2:08x}"

    def caller_leg(state, chosen=ivr):
        snap = snapshot(caller_ch, caller_id, caller_id, state, caller, context, did)
        return _ivr(snap, chosen)

    def agent_leg(state):
        return snapshot(
            agent_ch, agent_id, caller_id, state, extension, "from-queue", queue
        )

    def queue_fields(count):
        return [("Queue", queue), ("Position", "1"), ("Count", str(count))]

    joined = start + 8  # the IVR menu took 8 s
    frames = [
        event("Newchannel", start, *caller_leg("4", chosen=None)),
        event("Newstate", start + 0.1, *caller_leg("6", chosen=None)),
        event("QueueCallerJoin", joined, *caller_leg("6"), *queue_fields(1)),
    ]
    if answer_after is None:
        left = joined + talk
        frames += [
            event(
                "QueueCallerAbandon",
                left,
                *caller_leg("6"),
                ("Queue", queue),
                ("Position", "1"),
                ("OriginalPosition", "1"),
                ("HoldTime", str(round(talk))),
                privilege="agent,all",
            ),
            event("QueueCallerLeave", left, *caller_leg("6"), *queue_fields(0)),
            event(
                "Hangup",
                left + 0.05,
                *caller_leg("6"),
                ("Cause", "16"),
                ("Cause-txt", "Normal Clearing"),
            ),
            _cdr(left + 0.1, caller_id, caller, did, caller_ch, "", start, left),
        ]
        for frame in frames:
            if frame[0][1].startswith("Queue"):
                frame[1] = ("Privilege", "agent,all")
        return frames
    answered = joined + answer_after
    end = answered + talk
    dest = snapshot(
        agent_ch,
        agent_id,
        caller_id,
        "0",
        extension,
        "from-queue",
        queue,
        prefix="Dest",
    )
    frames += [
        event("Newchannel", answered - 5, *agent_leg("0")),
        event(
            "DialBegin", answered - 5, *caller_leg("6"), *dest, ("DialString", agent_ch)
        ),
        event("Newstate", answered - 4.9, *agent_leg("5")),
        event("Newstate", answered, *agent_leg("6")),
        event(
            "DialEnd",
            answered,
            *caller_leg("6"),
            *[(k, "6" if k == "DestChannelState" else v) for k, v in dest],
            ("DialStatus", "ANSWER"),
        ),
        event("QueueCallerLeave", answered, *caller_leg("6"), *queue_fields(0)),
        event(
            "BridgeEnter",
            answered + 0.1,
            ("BridgeUniqueid", f"b-{caller_id}"),
            ("BridgeType", "basic"),
            ("BridgeNumChannels", "1"),
            *caller_leg("6"),
        ),
        event(
            "BridgeEnter",
            answered + 0.1,
            ("BridgeUniqueid", f"b-{caller_id}"),
            ("BridgeType", "basic"),
            ("BridgeNumChannels", "2"),
            *agent_leg("6"),
        ),
        event("Hold", answered + 10, *agent_leg("6"), ("MusicClass", "default")),
        event("Unhold", answered + 15, *agent_leg("6")),
        event(
            "Hangup",
            end,
            *agent_leg("6"),
            ("Cause", "16"),
            ("Cause-txt", "Normal Clearing"),
        ),
        event(
            "Hangup",
            end + 0.05,
            *caller_leg("6"),
            ("Cause", "16"),
            ("Cause-txt", "Normal Clearing"),
        ),
        _cdr(end + 0.1, caller_id, caller, did, caller_ch, agent_ch, start, end),
    ]
    for frame in frames:
        if frame[0][1].startswith("Queue"):
            frame[1] = ("Privilege", "agent,all")
    return frames


def _cdr(moment, uniqueid, src, dst, channel, dest_channel, start, end):
    """Queue() answers the caller: the Cdr says ANSWERED from then on, even
    when no agent ever took the call."""
    return event(
        "Cdr",
        moment,
        ("AccountCode", ""),
        ("Source", src),
        ("Destination", dst),
        ("DestinationContext", "from-external"),
        ("CallerID", f'"" <{src}>'),
        ("Channel", channel),
        ("DestinationChannel", dest_channel),
        ("LastApplication", "Queue"),
        ("LastData", "support"),
        ("StartTime", _local(start)),
        ("AnswerTime", _local(start + 0.1)),
        ("EndTime", _local(end)),
        ("Duration", str(round(end - start))),
        ("BillableSeconds", str(round(end - start - 0.1))),
        ("Disposition", "ANSWERED"),
        ("AMAFlags", "DOCUMENTATION"),
        ("UniqueID", uniqueid),
        ("UserField", ""),
        privilege="cdr,all",
    )


def core_show_channel(
    channel,
    uniqueid,
    linkedid,
    state,
    caller,
    context,
    exten,
    application,
    data,
    duration,
    bridge="",
):
    """One ``CoreShowChannel`` item (its ActionID is added by the simulator)."""
    snap = dict(snapshot(channel, uniqueid, linkedid, state, caller, context, exten))
    snap.update(
        {
            "Application": application,
            "ApplicationData": data,
            "Duration": duration,
            "BridgeId": bridge,
        }
    )
    return snap


def extension_status(moment, extension, status, device):
    """``ExtensionStatus`` (call class): Status 0 idle, 1 in use, 4
    unavailable (the phone is not registered), 8 ringing, 16 on hold."""
    texts = {"0": "Idle", "1": "InUse", "4": "Unavailable", "8": "Ringing"}
    return event(
        "ExtensionStatus",
        moment,
        ("Exten", extension),
        ("Context", "from-internal"),
        ("Hint", device),
        ("Status", status),
        ("StatusText", texts.get(status, "Unknown")),
    )


def spy_frames(action_id, seq, start, extension="8101", reason="4", listen=30):
    """Asterisk 22's answer to an Originate of ``PJSIP/<extension>`` into
    ``Application: ChanSpy``: the Supervisor's leg rings, is answered (the
    OriginateResponse names it), spies ``listen`` seconds and hangs up; or
    rings until the timeout (``reason`` 3)."""
    base = int(start)
    leg_id = f"{base}.{seq}"
    channel = f"PJSIP/{extension}-{seq:08x}"

    def leg(state):
        return snapshot(channel, leg_id, leg_id, state, "<unknown>", "default", "s")

    frames = [
        event("Newchannel", start, *leg("0")),
        event("Newstate", start + 0.1, *leg("5")),
    ]
    if reason != "4":
        frames += [
            event(
                "Hangup",
                start + 30,
                *leg("5"),
                ("Cause", "19"),
                ("Cause-txt", "User alerting, no answer"),
            ),
            _originate_response(
                action_id, start + 30.01, "Failure", reason, "<unknown>"
            ),
        ]
        return frames
    frames += [
        event("Newstate", start + 2, *leg("6")),
        _originate_response(action_id, start + 2.01, "Success", "4", leg_id, channel),
        event(
            "Hangup",
            start + 2 + listen,
            *leg("6"),
            ("Cause", "16"),
            ("Cause-txt", "Normal Clearing"),
        ),
    ]
    return frames


def _originate_response(action_id, moment, response, reason, uniqueid, channel=""):
    return event(
        "OriginateResponse",
        moment,
        ("ActionID", action_id),
        ("Response", response),
        ("Channel", channel),
        ("Context", ""),
        ("Exten", ""),
        ("Application", "ChanSpy"),
        ("Data", ""),
        ("Reason", reason),
        ("Uniqueid", uniqueid),
        ("CallerIDNum", "<unknown>"),
        ("CallerIDName", "<unknown>"),
    )

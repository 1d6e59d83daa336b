# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""AMI event transcripts shaped like Asterisk 22.10.1's output (PJSIP,
``timestampevents = yes``, ``cdr_manager.conf`` ``enabled = yes``), as the
wire carries them: frames of ``Key: Value`` lines separated by a blank line.

Every channel event carries the channel's full snapshot (Channel,
ChannelState, CallerIDNum, Context, Exten, Uniqueid, Linkedid...); ``Cdr``
names its first channel by ``UniqueID`` and has no Linkedid; the DialBegin /
DialEnd of an Originate carry only ``Dest*`` fields; the originated agent
leg's Newchannel has the agent's context and extension and CallerIDNum
``<unknown>``; a failed OriginateResponse has ``Uniqueid: <unknown>``.

Used by the module tests, the suite's AMI simulator and the listener bench
(``inbound_call`` / ``originated_call`` build a call with fresh ids).
"""

import time

from ..pbx.ami import parse_frame

T0 = 1763798400.0  # 2025-11-22 08:00:00 UTC
CRLF = "\r\n"


def _stamp(moment):
    return f"{moment:.6f}"


def _local(moment):
    """CDR times are Asterisk's local time; the server runs in UTC here."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(moment))


def snapshot(channel, uniqueid, linkedid, state, caller, context, exten, prefix=""):
    """The channel snapshot lines every channel event carries."""
    desc = {"0": "Down", "4": "Ring", "5": "Ringing", "6": "Up"}[state]
    return [
        (f"{prefix}Channel", channel),
        (f"{prefix}ChannelState", state),
        (f"{prefix}ChannelStateDesc", desc),
        (f"{prefix}CallerIDNum", caller),
        (f"{prefix}CallerIDName", "<unknown>"),
        (f"{prefix}ConnectedLineNum", "<unknown>"),
        (f"{prefix}ConnectedLineName", "<unknown>"),
        (f"{prefix}Language", "en"),
        (f"{prefix}AccountCode", ""),
        (f"{prefix}Context", context),
        (f"{prefix}Exten", exten),
        (f"{prefix}Priority", "1"),
        (f"{prefix}Uniqueid", uniqueid),
        (f"{prefix}Linkedid", linkedid),
    ]


def event(name, moment, *fields, privilege="call,all"):
    return [
        ("Event", name),
        ("Privilege", privilege),
        ("Timestamp", _stamp(moment)),
        *fields,
    ]


def render(frames):
    """Frames (lists of (key, value)) as transcript text (LF, blank lines)."""
    return "".join(
        "\n".join(f"{k}: {v}" for k, v in frame) + "\n\n" for frame in frames
    )


def inbound_call(
    seq,
    start,
    caller="13812345678",
    extension="8001",
    answer_after=9.0,
    talk=90,
    trunk="trunk",
    did="4008123123",
    context="from-external",
    noise=True,
):
    """Frames of an inbound call rung to ``extension``: answered after
    ``answer_after`` seconds and talked ``talk`` seconds, or (``answer_after``
    None) abandoned by the caller after ``talk`` seconds of ringing.
    ``seq``: a number unique per call (the channels' ids derive from it)."""
    base = int(start)
    trunk_id = f"{base}.{seq * 2 - 1}"
    agent_id = f"{base}.{seq * 2}"
    trunk_ch = f"PJSIP/{trunk}-{seq * 2 - 1:08x}"
    agent_ch = f"PJSIP/{extension}-{seq * 2:08x}"

    def caller_leg(state):
        return snapshot(trunk_ch, trunk_id, trunk_id, state, caller, context, did)

    def agent_leg(state):
        return snapshot(
            agent_ch, agent_id, trunk_id, state, extension, "from-internal", "s"
        )

    answered = answer_after is not None
    ring_end = start + (answer_after if answered else talk)
    end = ring_end + (talk if answered else 0)
    frames = [
        event("Newchannel", start, *caller_leg("4")),
        event("Newstate", start + 0.2, *caller_leg("4")),
        event("Newchannel", start + 1, *agent_leg("0")),
        event(
            "DialBegin",
            start + 1,
            *caller_leg("4"),
            *snapshot(
                agent_ch,
                agent_id,
                trunk_id,
                "0",
                extension,
                "from-internal",
                "s",
                prefix="Dest",
            ),
            ("DialString", extension),
        ),
        event("Newstate", start + 1.1, *agent_leg("5")),
    ]
    if noise:
        frames.append(
            event(
                "NewConnectedLine",
                start + 1.1,
                *agent_leg("5"),
            )
        )
    if answered:
        frames += [
            event("Newstate", ring_end, *agent_leg("6")),
            event(
                "DialEnd",
                ring_end,
                *caller_leg("4"),
                *snapshot(
                    agent_ch,
                    agent_id,
                    trunk_id,
                    "6",
                    extension,
                    "from-internal",
                    "s",
                    prefix="Dest",
                ),
                ("DialStatus", "ANSWER"),
            ),
            event("Newstate", ring_end + 0.05, *caller_leg("6")),
            event(
                "BridgeEnter",
                ring_end + 0.1,
                ("BridgeUniqueid", f"b-{trunk_id}"),
                ("BridgeType", "basic"),
                ("BridgeTechnology", "simple_bridge"),
                ("BridgeNumChannels", "1"),
                *caller_leg("6"),
            ),
            event(
                "BridgeEnter",
                ring_end + 0.1,
                ("BridgeUniqueid", f"b-{trunk_id}"),
                ("BridgeType", "basic"),
                ("BridgeTechnology", "simple_bridge"),
                ("BridgeNumChannels", "2"),
                *agent_leg("6"),
            ),
        ]
        if noise:
            frames.append(
                event(
                    "BridgeLeave",
                    end - 0.1,
                    ("BridgeUniqueid", f"b-{trunk_id}"),
                    ("BridgeNumChannels", "1"),
                    *agent_leg("6"),
                )
            )
        frames += [
            event(
                "Hangup",
                end,
                *agent_leg("6"),
                ("Cause", "16"),
                ("Cause-txt", "Normal Clearing"),
            ),
            event(
                "Hangup",
                end + 0.1,
                *caller_leg("6"),
                ("Cause", "16"),
                ("Cause-txt", "Normal Clearing"),
            ),
        ]
    else:
        frames += [
            event(
                "DialEnd",
                ring_end,
                *caller_leg("4"),
                *snapshot(
                    agent_ch,
                    agent_id,
                    trunk_id,
                    "5",
                    extension,
                    "from-internal",
                    "s",
                    prefix="Dest",
                ),
                ("DialStatus", "CANCEL"),
            ),
            event(
                "Hangup",
                ring_end,
                *agent_leg("5"),
                ("Cause", "26"),
                ("Cause-txt", "Answered elsewhere"),
            ),
            event(
                "Hangup",
                ring_end + 0.1,
                *caller_leg("4"),
                ("Cause", "16"),
                ("Cause-txt", "Normal Clearing"),
            ),
        ]
    frames.append(
        cdr(
            end + 0.2,
            trunk_id,
            caller,
            did,
            context,
            trunk_ch,
            agent_ch,
            start,
            ring_end if answered else None,
            end,
            talk if answered else 0,
        )
    )
    return frames


def cdr(moment, uniqueid, src, dst, context, channel, dest_channel, *times):
    start, answer, end, billable = times
    return event(
        "Cdr",
        moment,
        ("AccountCode", ""),
        ("Source", src),
        ("Destination", dst),
        ("DestinationContext", context),
        ("CallerID", f'"" <{src}>'),
        ("Channel", channel),
        ("DestinationChannel", dest_channel),
        ("LastApplication", "Dial"),
        ("LastData", dest_channel.split("-")[0] + ",30"),
        ("StartTime", _local(start)),
        ("AnswerTime", _local(answer) if answer else ""),
        ("EndTime", _local(end)),
        ("Duration", str(round(end - start))),
        ("BillableSeconds", str(billable)),
        ("Disposition", "ANSWERED" if answer else "NO ANSWER"),
        ("AMAFlags", "DOCUMENTATION"),
        ("UniqueID", uniqueid),
        ("UserField", ""),
        privilege="cdr,all",
    )


def originate_frames(
    action_id,
    seq,
    start,
    extension="8001",
    number="13812345678",
    context="from-internal",
    reason="4",
    talk=3,
    trunk="trunk",
):
    """What Asterisk 22 sends for ``Originate`` (Async) of
    ``PJSIP/<extension>`` into ``<context>,<number>,1``: the agent leg
    (Dest*-only DialBegin/DialEnd), the OriginateResponse with ``reason``
    (4 answered, 3 rang until the timeout, 5 busy, 0 failed, 1 hung up, 8
    congestion) and, when answered, the customer leg dialled from the
    dialplan, answered, ``talk`` seconds, hung up, then the Cdr."""
    base = int(start)
    agent_id = f"{base}.{seq * 2 - 1}"
    out_id = f"{base}.{seq * 2}"
    agent_ch = f"PJSIP/{extension}-{seq * 2 - 1:08x}"
    out_ch = f"PJSIP/{trunk}-{seq * 2:08x}"
    answered = reason == "4"

    def agent_leg(state, ctx=context, exten=extension):
        return snapshot(agent_ch, agent_id, agent_id, state, "<unknown>", ctx, exten)

    dest_agent = snapshot(
        agent_ch,
        agent_id,
        agent_id,
        "0",
        "<unknown>",
        context,
        extension,
        prefix="Dest",
    )
    frames = [
        event("Newchannel", start, *agent_leg("0")),
        event("DialBegin", start, *dest_agent, ("DialString", extension)),
        event("Newstate", start + 0.1, *agent_leg("5")),
    ]
    if not answered:
        statuses = {"3": "NOANSWER", "5": "BUSY", "1": "CANCEL"}
        status = statuses.get(reason, "CHANUNAVAIL")
        frames += [
            event("DialEnd", start + 5, *dest_agent, ("DialStatus", status)),
            event(
                "Hangup",
                start + 5,
                *agent_leg("5"),
                ("Cause", "19"),
                ("Cause-txt", "User alerting, no answer"),
            ),
            event(
                "OriginateResponse",
                start + 5.01,
                ("ActionID", action_id),
                ("Response", "Failure"),
                ("Channel", f"PJSIP/{extension}"),
                ("Context", context),
                ("Exten", number),
                ("Application", ""),
                ("Data", ""),
                ("Reason", reason),
                ("Uniqueid", "<unknown>"),
                ("CallerIDNum", "<unknown>"),
                ("CallerIDName", "<unknown>"),
            ),
        ]
        return frames
    up = start + 2
    frames += [
        event("Newstate", up, *agent_leg("6")),
        event("DialEnd", up, *dest_agent, ("DialStatus", "ANSWER")),
        event(
            "OriginateResponse",
            up + 0.01,
            ("ActionID", action_id),
            ("Response", "Success"),
            ("Channel", agent_ch),
            ("Context", context),
            ("Exten", number),
            ("Application", ""),
            ("Data", ""),
            ("Reason", "4"),
            ("Uniqueid", agent_id),
            ("CallerIDNum", "<unknown>"),
            ("CallerIDName", "<unknown>"),
        ),
    ]

    def out_leg(state):
        return snapshot(out_ch, out_id, agent_id, state, number, "from-trunk", "s")

    dialled = agent_leg("6", exten=number)
    answer = up + 4
    end = answer + talk
    frames += [
        event("Newchannel", up + 0.1, *out_leg("0")),
        event(
            "DialBegin",
            up + 0.1,
            *dialled,
            *snapshot(
                out_ch, out_id, agent_id, "0", number, "from-trunk", "s", prefix="Dest"
            ),
            ("DialString", f"{number}@{trunk}"),
        ),
        event(
            "DialEnd",
            answer,
            *dialled,
            *snapshot(
                out_ch, out_id, agent_id, "6", number, "from-trunk", "s", prefix="Dest"
            ),
            ("DialStatus", "ANSWER"),
        ),
        event(
            "BridgeEnter",
            answer + 0.1,
            ("BridgeUniqueid", f"b-{agent_id}"),
            *dialled,
        ),
        event(
            "BridgeEnter",
            answer + 0.1,
            ("BridgeUniqueid", f"b-{agent_id}"),
            *out_leg("6"),
        ),
        event(
            "Hangup",
            end,
            *out_leg("6"),
            ("Cause", "16"),
            ("Cause-txt", "Normal Clearing"),
        ),
        event(
            "Hangup",
            end + 0.05,
            *dialled,
            ("Cause", "16"),
            ("Cause-txt", "Normal Clearing"),
        ),
        cdr(
            end + 0.1,
            agent_id,
            extension,
            number,
            context,
            agent_ch,
            out_ch,
            start,
            answer,
            end,
            talk,
        ),
    ]
    return frames


INBOUND_ANSWERED = render(inbound_call(1, T0))
INBOUND_ABANDONED = render(
    inbound_call(2, T0 + 200, caller="02161234567", answer_after=None, talk=30)
)


def frames(transcript):
    """The frames of a transcript, parsed by the client's own parser."""
    return [parse_frame(chunk) for chunk in transcript.split("\n\n") if chunk.strip()]

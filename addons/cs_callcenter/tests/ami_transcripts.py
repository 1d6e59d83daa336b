# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""AMI event transcripts shaped like Asterisk 18+ output (PJSIP, with
``timestampevents = yes``), as the wire carries them: frames of ``Key: Value``
lines separated by a blank line. Used by the module tests and, through
``frames()``, by the suite's AMI simulator."""

from ..pbx.ami import parse_frame

T0 = 1763798400.0  # 2025-11-22 08:00:00 UTC

INBOUND_ANSWERED = f"""\
Event: Newchannel
Privilege: call,all
Timestamp: {T0:.6f}
Channel: PJSIP/trunk-00000001
ChannelState: 4
ChannelStateDesc: Ring
CallerIDNum: 13812345678
CallerIDName: <unknown>
Context: from-external
Exten: 4008123123
Priority: 1
Uniqueid: 1763798400.1
Linkedid: 1763798400.1

Event: Newstate
Privilege: call,all
Timestamp: {T0 + 0.2:.6f}
Channel: PJSIP/trunk-00000001
ChannelState: 4
ChannelStateDesc: Ring
Uniqueid: 1763798400.1
Linkedid: 1763798400.1

Event: DialBegin
Privilege: call,all
Timestamp: {T0 + 1:.6f}
Channel: PJSIP/trunk-00000001
Uniqueid: 1763798400.1
Linkedid: 1763798400.1
DestChannel: PJSIP/8001-00000002
DestUniqueid: 1763798400.2
DestLinkedid: 1763798400.1
DialString: 8001

Event: DialEnd
Privilege: call,all
Timestamp: {T0 + 9:.6f}
Channel: PJSIP/trunk-00000001
Uniqueid: 1763798400.1
Linkedid: 1763798400.1
DestChannel: PJSIP/8001-00000002
DestUniqueid: 1763798400.2
DestLinkedid: 1763798400.1
DialStatus: ANSWER

Event: BridgeEnter
Privilege: call,all
Timestamp: {T0 + 9.1:.6f}
BridgeUniqueid: 0b4a5e9c-1f2e-4d2b-9c6e-7a1d2b3c4d5e
Channel: PJSIP/8001-00000002
Uniqueid: 1763798400.2
Linkedid: 1763798400.1

Event: Hangup
Privilege: call,all
Timestamp: {T0 + 99:.6f}
Channel: PJSIP/8001-00000002
Uniqueid: 1763798400.2
Linkedid: 1763798400.1
Cause: 16
Cause-txt: Normal Clearing

Event: Hangup
Privilege: call,all
Timestamp: {T0 + 99.1:.6f}
Channel: PJSIP/trunk-00000001
Uniqueid: 1763798400.1
Linkedid: 1763798400.1
Cause: 16
Cause-txt: Normal Clearing

Event: Cdr
Privilege: cdr,all
Timestamp: {T0 + 99.2:.6f}
Source: 13812345678
Destination: 4008123123
DestinationContext: from-external
Channel: PJSIP/trunk-00000001
DestinationChannel: PJSIP/8001-00000002
Duration: 99
BillableSeconds: 90
Disposition: ANSWERED
UniqueID: 1763798400.1
Linkedid: 1763798400.1

"""

INBOUND_ABANDONED = f"""\
Event: Newchannel
Timestamp: {T0 + 200:.6f}
Channel: PJSIP/trunk-00000003
ChannelState: 4
CallerIDNum: 02161234567
Context: from-external
Exten: 4008123123
Uniqueid: 1763798600.3
Linkedid: 1763798600.3

Event: DialBegin
Timestamp: {T0 + 201:.6f}
Channel: PJSIP/trunk-00000003
Uniqueid: 1763798600.3
Linkedid: 1763798600.3
DestChannel: PJSIP/8001-00000004
DialString: 8001

Event: DialEnd
Timestamp: {T0 + 230:.6f}
Channel: PJSIP/trunk-00000003
Uniqueid: 1763798600.3
Linkedid: 1763798600.3
DestChannel: PJSIP/8001-00000004
DialStatus: CANCEL

Event: Hangup
Timestamp: {T0 + 230.1:.6f}
Channel: PJSIP/trunk-00000003
Uniqueid: 1763798600.3
Linkedid: 1763798600.3
Cause: 16
Cause-txt: Normal Clearing

"""


def frames(transcript):
    """The frames of a transcript, parsed by the client's own parser."""
    return [parse_frame(chunk) for chunk in transcript.split("\n\n") if chunk.strip()]

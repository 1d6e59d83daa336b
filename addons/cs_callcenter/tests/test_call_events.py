# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime, timezone

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..pbx.events import interpret
from .ami_transcripts import INBOUND_ABANDONED, INBOUND_ANSWERED, T0, frames
from .common import CsRolesCase


def utc(seconds_after_t0):
    moment = datetime.fromtimestamp(T0 + seconds_after_t0, timezone.utc)
    return moment.replace(tzinfo=None, microsecond=0)


@tagged("post_install", "-at_install")
class TestCallEvents(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.server = cls.env["cs.pbx.server"].create(
            {"name": "PBX", "host": "127.0.0.1", "username": "odoo", "secret": "s"}
        )
        cls.agent.cs_extension = "8001"
        cls.customer = cls.env["res.partner"].create(
            {"name": "Li Si", "mobile": "+86 138 1234 5678"}
        )
        cls.Call = cls.env["cs.call"]

    def feed(self, transcript):
        updates = []
        contexts = self.server._cs_config().inbound_contexts
        for frame in frames(transcript):
            updates += interpret(frame, contexts)
        return self.Call._cs_apply_pbx_updates(self.server, updates)

    def _calls(self):
        return self.Call.search([("pbx_server_id", "=", self.server.id)])

    def test_inbound_answered_call(self):
        self.feed(INBOUND_ANSWERED)
        call = self._calls()
        self.assertEqual(len(call), 1)
        self.assertRecordValues(
            call,
            [
                {
                    "pbx_call_id": "1763798400.1",
                    "direction": "inbound",
                    "number": "13812345678",
                    "number_e164": "+8613812345678",
                    "partner_id": self.customer.id,
                    "user_id": self.agent.id,
                    "extension": "8001",
                    "state": "done",
                    "disposition": "answered",
                    "wait_seconds": 9,
                    "talk_seconds": 90,  # the CDR's billable seconds
                    "answered_count": 1,
                    "service_level_count": 1,
                }
            ],
        )
        self.assertEqual(call.ring_date.replace(microsecond=0), utc(0))
        self.assertEqual(call.answer_date.replace(microsecond=0), utc(9))
        self.assertEqual(call.end_date.replace(microsecond=0), utc(99))

    def test_replayed_and_duplicated_events_change_nothing(self):
        self.feed(INBOUND_ANSWERED)
        call = self._calls()
        fields_ = [
            "state",
            "disposition",
            "ring_date",
            "answer_date",
            "end_date",
            "wait_seconds",
            "talk_seconds",
            "user_id",
        ]
        before = call.read(fields_)
        messages = len(call.message_ids)
        self.feed(INBOUND_ANSWERED)  # the whole call replayed
        doubled = "\n".join(
            chunk + "\n\n" + chunk
            for chunk in INBOUND_ANSWERED.split("\n\n")
            if chunk.strip()
        )
        self.feed(doubled)  # every event twice in a row
        self.assertEqual(self._calls(), call)
        self.assertEqual(call.read(fields_), before)
        self.assertEqual(len(call.message_ids), messages)

    def test_abandoned_call_is_not_in_service_level(self):
        self.feed(INBOUND_ABANDONED)
        call = self._calls()
        self.assertRecordValues(
            call,
            [
                {
                    "state": "done",
                    "disposition": "abandoned",
                    "answered_count": 0,
                    "service_level_count": 0,
                    "wait_seconds": 30,
                    "talk_seconds": 0,
                    "user_id": self.agent.id,
                }
            ],
        )

    def test_ringing_agent_gets_the_caller_card(self):
        self.env["bus.bus"].sudo().search([]).unlink()
        ringing = INBOUND_ANSWERED.split("Event: DialEnd")[0]
        self.feed(ringing)
        self.env.cr.precommit.run()  # bus messages are created at commit time
        target = [self.env.cr.dbname, "res.partner", self.agent.partner_id.id]
        cards = [
            json.loads(n.message)
            for n in self.env["bus.bus"].sudo().search([])
            if json.loads(n.channel) == target
            and "cs_callcenter/incoming_call" in n.message
        ]
        self.assertEqual(len(cards), 1)
        card = cards[0]["payload"]
        self.assertEqual(card["partners"][0]["name"], "Li Si")
        self.assertEqual(card["call_id"], self._calls().id)
        self.assertEqual(self._calls().state, "ringing")

    def test_resync_closes_calls_that_ended_unseen(self):
        ringing = INBOUND_ANSWERED.split("Event: DialEnd")[0]
        self.feed(ringing)
        answered_elsewhere = self.feed(INBOUND_ABANDONED.split("Event: DialEnd")[0])
        answered_elsewhere.answer_date = answered_elsewhere.ring_date
        answered_elsewhere.state = "in_progress"
        still_up = [{"Event": "CoreShowChannel", "Linkedid": "1763798400.1"}]
        closed = self.Call._cs_resync(self.server, still_up)
        self.assertEqual(closed, answered_elsewhere)
        self.assertEqual(closed.disposition, "answered")
        self.assertEqual(
            self._calls().filtered(lambda c: c.state == "ringing").pbx_call_id,
            "1763798400.1",
        )
        # nothing open any more: the second resync closes the other one
        closed = self.Call._cs_resync(self.server, [])
        self.assertEqual(closed.pbx_call_id, "1763798400.1")
        self.assertEqual(closed.disposition, "abandoned")
        self.assertFalse(self.Call._cs_resync(self.server, []))

    def test_originate_results(self):
        ok, ko = self.Call.create(
            [
                {
                    "direction": "outbound",
                    "state": "dialing",
                    "number": "13812345678",
                    "pbx_server_id": self.server.id,
                    "pbx_action_id": "cs-1",
                },
                {
                    "direction": "outbound",
                    "state": "dialing",
                    "number": "13812345678",
                    "pbx_server_id": self.server.id,
                    "pbx_action_id": "cs-2",
                },
            ]
        )
        transcript = """\
Event: OriginateResponse
ActionID: cs-1
Response: Success
Channel: PJSIP/8001-00000009
Reason: 4
Uniqueid: 1763799000.9

Event: OriginateResponse
ActionID: cs-2
Response: Failure
Channel: PJSIP/8001
Reason: 5
Uniqueid: <null>

"""
        self.feed(transcript)
        self.assertEqual(ok.state, "in_progress")
        self.assertRecordValues(
            ko, [{"state": "done", "disposition": "failed", "failure_reason": "5"}]
        )
        self.feed(transcript)  # replayed: nothing moves
        self.assertEqual(ok.state, "in_progress")

    def test_events_without_call_id_are_ignored(self):
        self.assertEqual(interpret({"Event": "Hangup", "Uniqueid": "1"}), [])
        self.assertEqual(interpret({"Event": "PeerStatus", "Peer": "PJSIP/8001"}), [])
        self.assertEqual(interpret({}), [])

    def test_agent_report(self):
        self.feed(INBOUND_ANSWERED)
        self.feed(INBOUND_ABANDONED)
        self.env.flush_all()
        supervisor = new_test_user(
            self.env, login="cs_sup2", groups="cs_callcenter.group_supervisor"
        )
        rows = (
            self.env["cs.call.agent.report"]
            .with_user(supervisor)
            .search([("user_id", "=", self.agent.id)])
        )
        self.assertEqual(len(rows), 1)
        self.assertRecordValues(
            rows,
            [
                {
                    "inbound_count": 2,
                    "answered_count": 1,
                    "missed_count": 1,
                    "abandoned_count": 1,
                    "service_level_count": 1,
                    "service_level": 50.0,
                    "avg_wait": 19.5,
                    "aht": 90.0,
                }
            ],
        )

    def test_agents_read_all_calls_but_change_only_their_own(self):
        other = new_test_user(
            self.env, login="cs_other", groups="cs_callcenter.group_agent"
        )
        mine, theirs, nobodys = self.Call.create(
            [
                {"number": "1", "user_id": self.agent.id},
                {"number": "2", "user_id": other.id},
                {"number": "3"},
            ]
        )
        Call = self.Call.with_user(self.agent)
        self.assertEqual(
            Call.search([("id", "in", (mine | theirs | nobodys).ids)]),
            mine | theirs | nobodys,
        )
        mine.with_user(self.agent).note = "<p>ok</p>"
        nobodys.with_user(self.agent).note = "<p>taken</p>"
        with self.assertRaises(AccessError):
            theirs.with_user(self.agent).note = "<p>not mine</p>"
        theirs.with_user(self.supervisor).note = "<p>supervisor</p>"
        with self.assertRaises(AccessError):
            mine.with_user(self.agent).unlink()

    def test_service_level_counts_inbound_calls_only(self):
        start = utc(0)
        inbound, outbound, slow = self.Call.create(
            [
                {
                    "direction": direction,
                    "ring_date": start,
                    "answer_date": start.replace(second=wait),
                    "end_date": utc(60),
                }
                for direction, wait in (
                    ("inbound", 10),
                    ("outbound", 10),
                    ("inbound", 20),
                )
            ]
        )
        self.assertEqual(inbound.service_level_count, 1)
        self.assertEqual(outbound.service_level_count, 0)
        self.assertEqual(slow.service_level_count, 0)
        self.assertEqual((slow.wait_seconds, slow.talk_seconds), (20, 40))

    def test_resync_records_calls_that_began_unseen(self):
        channels = [
            {
                "Event": "CoreShowChannel",
                "Channel": "PJSIP/trunk-00000042",
                "Uniqueid": "1763799999.42",
                "Linkedid": "1763799999.42",
                "Context": "from-external",
                "Exten": "4008123123",
                "CallerIDNum": "13812345678",
                "ChannelState": "6",
                "ChannelStateDesc": "Up",
                "Duration": "00:01:05",
            },
            {
                "Event": "CoreShowChannel",
                "Channel": "PJSIP/8001-00000043",
                "Uniqueid": "1763799999.43",
                "Linkedid": "1763799999.42",
                "ChannelState": "6",
                "Duration": "00:01:00",
            },
        ]
        self.Call._cs_resync(self.server, channels)
        call = self._calls()
        self.assertRecordValues(
            call,
            [
                {
                    "pbx_call_id": "1763799999.42",
                    "direction": "inbound",
                    "partner_id": self.customer.id,
                    "state": "in_progress",
                }
            ],
        )
        self.assertAlmostEqual(
            (call.answer_date - call.ring_date).total_seconds(), 0, delta=1
        )
        # the next resync (or a replay) does not record it twice
        self.Call._cs_resync(self.server, channels)
        self.assertEqual(len(self._calls()), 1)

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime, timedelta, timezone

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..pbx.events import cdr_row_updates, interpret, resync_updates
from .ami_transcripts import (
    INBOUND_ABANDONED,
    INBOUND_ANSWERED,
    T0,
    frames,
    inbound_call,
    originate_frames,
    render,
)
from .common import CsRolesCase


def utc(seconds_after_t0):
    moment = datetime.fromtimestamp(T0 + seconds_after_t0, timezone.utc)
    return moment.replace(tzinfo=None, microsecond=0)


def chunks(transcript):
    return [chunk for chunk in transcript.split("\n\n") if chunk.strip()]


class CallEventsCase(CsRolesCase):
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
        """Apply a transcript as the listener does: ``(calls, deferred)``."""
        updates = []
        contexts = self.server._cs_config().inbound_contexts
        for frame in frames(transcript):
            updates += interpret(frame, contexts)
        return self.Call._cs_apply_pbx_updates(self.server, updates)

    def _calls(self):
        return self.Call.search([("pbx_server_id", "=", self.server.id)])

    def _dialing(self, action_id="cs-1", **values):
        return self.Call.create(
            dict(
                {
                    "direction": "outbound",
                    "state": "dialing",
                    "number": "13812345678",
                    "partner_id": self.customer.id,
                    "user_id": self.agent.id,
                    "extension": "8001",
                    "pbx_server_id": self.server.id,
                    "pbx_action_id": action_id,
                },
                **values,
            )
        )


@tagged("post_install", "-at_install")
class TestCallEvents(CallEventsCase):
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
                    "talk_seconds": 90,
                    # Asterisk 22's Cdr names the call by UniqueID only
                    "billable_seconds": 90,
                    "answered_count": 1,
                    "service_level_count": 1,
                    "end_estimated": False,
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
            "last_event_date",
        ]
        before = call.read(fields_)
        messages = len(call.message_ids)
        self.feed(INBOUND_ANSWERED)  # the whole call replayed
        doubled = "\n".join(
            chunk + "\n\n" + chunk for chunk in chunks(INBOUND_ANSWERED)
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

    def test_hangup_before_the_answer_events(self):
        """Out of order: the hangup, then the answer, then the Cdr."""
        events = chunks(INBOUND_ANSWERED)
        hangups = [c for c in events if c.startswith("Event: Hangup")]
        others = [c for c in events if c not in hangups]
        cdr = [c for c in others if c.startswith("Event: Cdr")]
        rest = [c for c in others if c not in cdr]
        self.feed("\n\n".join(rest[:1] + hangups) + "\n\n")
        call = self._calls()
        self.assertEqual((call.state, call.disposition), ("done", "abandoned"))
        self.feed("\n\n".join(rest[1:] + cdr) + "\n\n")
        self.assertRecordValues(
            call,
            [
                {
                    "state": "done",
                    "disposition": "answered",
                    "talk_seconds": 90,
                    "wait_seconds": 9,
                    "user_id": self.agent.id,
                }
            ],
        )

    def test_cdr_tells_an_answer_that_was_never_seen(self):
        events = chunks(INBOUND_ANSWERED)
        kept = [
            c
            for c in events
            if not c.startswith(("Event: DialEnd", "Event: BridgeEnter"))
        ]
        self.feed("\n\n".join(kept) + "\n\n")
        call = self._calls()
        self.assertRecordValues(
            call, [{"disposition": "answered", "talk_seconds": 90, "wait_seconds": 9}]
        )

    def test_newchannel_arriving_last(self):
        events = chunks(INBOUND_ANSWERED)
        self.feed("\n\n".join(events[1:] + events[:1]) + "\n\n")
        call = self._calls()
        self.assertEqual(len(call), 1)
        self.assertRecordValues(
            call,
            [{"state": "done", "disposition": "answered", "number": "13812345678"}],
        )
        self.assertEqual(call.ring_date.replace(microsecond=0), utc(0))

    def test_long_or_blank_caller_id_is_still_recorded(self):
        long_number = "1" * 10000
        transcript = render(inbound_call(7, T0, caller=long_number))
        with self.assertLogs("odoo.addons.cs_callcenter.pbx.events", "WARNING"):
            self.feed(transcript)
        call = self._calls()
        self.assertEqual(call.state, "done")
        self.assertEqual(call.number, "1" * 80)
        self.assertFalse(call.partner_id)
        blank = render(inbound_call(9, T0 + 500, caller=""))
        self.feed(blank)
        call = self._calls() - call
        self.assertRecordValues(
            call, [{"state": "done", "number": False, "disposition": "answered"}]
        )

    def test_ringing_agent_gets_the_caller_card_once(self):
        self.env["bus.bus"].sudo().search([]).unlink()
        events = chunks(INBOUND_ANSWERED)
        self.feed(events[0] + "\n\n")  # the call starts: its caller is looked up
        # a better match appears while it rings: the card keeps the call's contact
        self.env["res.partner"].create({"name": "Li Si Jr", "mobile": "13812345678"})
        ringing = INBOUND_ANSWERED.split("Event: DialEnd")[0]
        self.feed(ringing)
        self.feed(ringing)  # replayed: no second card
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
        self.assertEqual([p["name"] for p in card["partners"]], [self.customer.name])
        self.assertEqual(card["call_id"], self._calls().id)
        self.assertEqual(card, self._calls()._cs_caller_card())
        self.assertEqual(self._calls().state, "ringing")

    def test_contact_or_agent_of_another_company_never_drops_the_call(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.customer.company_id = other
        self.agent.write({"company_ids": [(6, 0, other.ids)], "company_id": other.id})
        self.feed(INBOUND_ANSWERED)
        call = self._calls()
        self.assertRecordValues(
            call,
            [
                {
                    "state": "done",
                    "disposition": "answered",
                    "company_id": self.env.company.id,
                    "partner_id": False,
                    "user_id": False,
                    "extension": "8001",
                }
            ],
        )

    def test_resync_closes_calls_that_ended_unseen_at_their_last_event(self):
        ringing = INBOUND_ANSWERED.split("Event: DialEnd")[0]
        self.feed(ringing)
        self.feed(INBOUND_ABANDONED.split("Event: DialEnd")[0])
        answered = self.feed(
            render(inbound_call(5, T0 + 300, caller="13900000000")).split(
                "Event: BridgeLeave"
            )[0]
        )[0]
        self.assertEqual(answered.state, "in_progress")
        last_seen = answered.last_event_date
        still_up = [
            {"Event": "CoreShowChannel", "Linkedid": "1763798400.1"},
            {"Event": "CoreShowChannel", "Linkedid": "1763798400.2"},
        ]
        closed, _deferred = self.Call._cs_apply_pbx_updates(
            self.server, resync_updates(still_up, now=utc(3600))
        )
        closed = closed.filtered(lambda c: c.state == "done")
        self.assertEqual(len(closed), 2)
        self.assertRecordValues(
            answered,
            [{"state": "done", "disposition": "answered", "end_estimated": True}],
        )
        # the end is the last event seen, never the time of the reconnection
        self.assertEqual(answered.end_date, last_seen)
        self.assertLess(answered.talk_seconds, 100)
        still_ringing = self._calls().filtered(lambda c: c.state == "ringing")
        self.assertEqual(still_ringing.pbx_call_id, "1763798400.1")
        # its real end arrives later: it replaces the estimate
        tail = "Event: DialEnd" + INBOUND_ANSWERED.split("Event: DialEnd")[1]
        self.feed(tail)
        self.assertRecordValues(
            still_ringing,
            [{"state": "done", "disposition": "answered", "end_estimated": False}],
        )

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
        now = utc(7200)
        contexts = self.server._cs_config().inbound_contexts
        updates = resync_updates(channels, contexts, now=now)
        self.Call._cs_apply_pbx_updates(self.server, updates)
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
        self.assertEqual(call.ring_date, now - timedelta(seconds=65))
        self.assertEqual(call.answer_date, call.ring_date)
        # the next resync (or a replay) does not record it twice
        self.Call._cs_apply_pbx_updates(self.server, updates)
        self.assertEqual(len(self._calls()), 1)

    def test_calls_recovered_from_cdr_rows(self):
        """Rows of Asterisk's CDR table (cdr_pgsql) for calls the listener
        never saw: an answered one, and a caller who hung up while the agent
        rang (Asterisk writes NO ANSWER: for an inbound call, abandoned)."""
        contexts = self.server._cs_config().inbound_contexts
        row = {
            "calldate": utc(0),
            "src": "13812345678",
            "dst": "4008123123",
            "dcontext": "from-external",
            "channel": "PJSIP/trunk-00000011",
            "dstchannel": "PJSIP/8001-00000012",
            "uniqueid": "cdr.1",
            "linkedid": "cdr.1",
        }
        answered = dict(row, duration=50, billsec=42, disposition="ANSWERED")
        missed = dict(
            row,
            duration=20,
            billsec=0,
            disposition="NO ANSWER",
            uniqueid="cdr.2",
            linkedid="cdr.2",
        )
        updates = cdr_row_updates(answered, contexts) + cdr_row_updates(
            missed, contexts
        )
        self.Call._cs_apply_pbx_updates(self.server, updates)
        self.Call._cs_apply_pbx_updates(self.server, updates)  # idempotent
        self.assertRecordValues(
            self._calls().sorted("pbx_call_id"),
            [
                {
                    "pbx_call_id": "cdr.1",
                    "disposition": "answered",
                    "talk_seconds": 42,
                    "wait_seconds": 8,
                    "user_id": self.agent.id,
                    "partner_id": self.customer.id,
                },
                {
                    "pbx_call_id": "cdr.2",
                    "disposition": "abandoned",
                    "talk_seconds": 0,
                    "wait_seconds": 20,
                    "user_id": self.agent.id,
                    "partner_id": self.customer.id,
                },
            ],
        )

    def test_events_without_call_id_are_ignored(self):
        self.assertEqual(interpret({"Event": "Hangup", "Uniqueid": "1"}), [])
        self.assertEqual(interpret({"Event": "PeerStatus", "Peer": "PJSIP/8001"}), [])
        self.assertEqual(interpret({}), [])

    def test_originate_dial_events_are_quietly_ignored(self):
        dial = [
            f
            for f in frames(render(originate_frames("cs-9", 1, T0)))
            if f["Event"] in ("DialBegin", "DialEnd") and "Linkedid" not in f
        ]
        self.assertEqual(len(dial), 2)
        with self.assertNoLogs("odoo.addons.cs_callcenter.pbx", "INFO"):
            for frame in dial:
                self.assertEqual(interpret(frame), [])

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

    def test_service_level_is_defined_once(self):
        """The agent report counts what the call counts, whatever N is."""
        self.env["ir.config_parameter"].set_param(
            "cs_callcenter.service_level_seconds", "30"
        )
        start = utc(0)
        call = self.Call.create(
            {
                "direction": "inbound",
                "user_id": self.agent.id,
                "ring_date": start,
                "answer_date": start + timedelta(seconds=20),
                "end_date": start + timedelta(seconds=80),
            }
        )
        self.assertEqual(call.service_level_count, 1)
        self.env.flush_all()
        row = self.env["cs.call.agent.report"].search([("user_id", "=", self.agent.id)])
        self.assertEqual((row.service_level_count, row.service_level), (1, 100.0))

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


@tagged("post_install", "-at_install")
class TestClickToCallEvents(CallEventsCase):
    """What Asterisk 22 sends for our own Originate."""

    def test_answered_click_to_call_is_one_call_closed_by_its_events(self):
        call = self._dialing("cs-1")
        transcript = render(originate_frames("cs-1", 1, T0, number="13812345678"))
        _calls, deferred = self.feed(transcript)
        self.assertEqual(self._calls(), call, "one record, not one per leg")
        self.assertFalse(deferred)
        self.assertRecordValues(
            call,
            [
                {
                    "pbx_call_id": "1763798400.1",  # the OriginateResponse's Uniqueid
                    "direction": "outbound",
                    "state": "done",
                    "disposition": "answered",
                    "talk_seconds": 3,
                    "billable_seconds": 3,
                    "user_id": self.agent.id,
                    "partner_id": self.customer.id,
                    "end_estimated": False,
                }
            ],
        )
        self.assertEqual(call.ring_date.replace(microsecond=0), utc(0))
        self.feed(transcript)  # replayed: nothing moves
        self.assertEqual(self._calls(), call)
        self.assertEqual(call.talk_seconds, 3)

    def test_response_before_the_call_is_known_links_it_too(self):
        """The agent leg's Newchannel came before the click's transaction
        committed: the OriginateResponse's Uniqueid links the call."""
        frames_ = originate_frames("cs-2", 2, T0)
        transcript = render(f for f in frames_ if f[0][1] != "Newchannel")
        call = self._dialing("cs-2")
        self.feed(transcript)
        self.assertRecordValues(
            call,
            [
                {
                    "pbx_call_id": "1763798400.3",
                    "state": "done",
                    "disposition": "answered",
                }
            ],
        )
        self.assertEqual(self._calls(), call)

    def test_failed_originate_reason_in_words(self):
        for seq, (reason, disposition, words) in enumerate(
            [
                ("5", "busy", "busy"),
                ("3", "no_answer", "rang until the timeout"),
                ("0", "failed", "could not ring"),
                ("8", "failed", "congested"),
            ],
            start=3,
        ):
            with self.subTest(reason=reason):
                call = self._dialing(f"cs-{seq}")
                transcript = render(
                    originate_frames(f"cs-{seq}", seq, T0 + seq * 100, reason=reason)
                )
                self.feed(transcript)
                self.assertEqual(call.state, "done")
                self.assertEqual(call.disposition, disposition)
                self.assertIn(words, call.failure_reason)
                self.assertNotEqual(call.pbx_call_id, "<unknown>")

    def test_unmatched_response_is_deferred(self):
        _calls, deferred = self.feed(render(originate_frames("cs-late", 4, T0)))
        self.assertFalse(self._calls(), "a channel that is not ours: no record")
        kinds = {u.kind for u in deferred}
        self.assertIn("originate", kinds)
        call = self._dialing("cs-late")  # the click's transaction commits
        self.Call._cs_apply_pbx_updates(self.server, deferred)
        self.assertRecordValues(
            call, [{"state": "done", "disposition": "answered", "talk_seconds": 3}]
        )

    def test_trunk_leg_is_never_an_outbound_call(self):
        transcript = """\
Event: Newchannel
Timestamp: 1763798400.000000
Channel: IAX2/trunk-1234
ChannelState: 0
CallerIDNum: 4008123123
Context: from-iax
Exten: s
Uniqueid: 1763798400.77
Linkedid: 1763798400.77

Event: Hangup
Timestamp: 1763798401.000000
Channel: IAX2/trunk-1234
ChannelState: 0
CallerIDNum: 4008123123
Context: from-iax
Exten: s
Uniqueid: 1763798400.77
Linkedid: 1763798400.77
Cause: 16

"""
        self.feed(transcript)
        self.assertFalse(self._calls())

    def test_stale_dialing_and_ringing_calls_are_closed_by_the_cron(self):
        now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        old = now - timedelta(minutes=45)
        dialing = self._dialing("cs-stale", last_event_date=old, ring_date=old)
        ringing = self.Call.create(
            {
                "direction": "inbound",
                "state": "ringing",
                "number": "13900000000",
                "pbx_server_id": self.server.id,
                "pbx_call_id": "1.1",
                "ring_date": old,
                "last_event_date": old + timedelta(seconds=5),
            }
        )
        recent = self._dialing("cs-recent", last_event_date=now, ring_date=now)
        closed = self.Call._cron_close_stale_calls()
        self.assertEqual(closed, dialing | ringing)
        self.assertRecordValues(
            dialing | ringing | recent,
            [
                {"state": "done", "disposition": "failed", "end_estimated": True},
                {"state": "done", "disposition": "abandoned", "end_estimated": True},
                {"state": "dialing", "disposition": False, "end_estimated": False},
            ],
        )
        self.assertEqual(ringing.end_date, old + timedelta(seconds=5))
        # the delay is configurable
        self.env["ir.config_parameter"].set_param(
            "cs_callcenter.stale_call_minutes", "60"
        )
        late = self._dialing("cs-late2", last_event_date=old, ring_date=old)
        self.assertFalse(self.Call._cron_close_stale_calls())
        self.assertEqual(late.state, "dialing")

    def test_resync_closes_a_dialing_call_the_pbx_no_longer_has(self):
        call = self._dialing("cs-5")
        head = render(originate_frames("cs-5", 5, T0)[:1])  # the agent leg appears
        self.feed(head)
        self.assertEqual((call.pbx_call_id, call.state), ("1763798400.9", "ringing"))
        self.Call._cs_apply_pbx_updates(self.server, resync_updates([], now=utc(900)))
        self.assertRecordValues(
            call,
            [{"state": "done", "end_estimated": True, "disposition": "no_answer"}],
        )
        self.assertEqual(call.end_date, utc(0))

# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Live supervision against a simulated Asterisk 22: queue and IVR on the
call, the wallboard's snapshot tables and bus notifications, and Listen /
Whisper / Barge through a ChanSpy originate."""

import json
from datetime import datetime, timezone

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..pbx.events import interpret
from ..pbx.live import LiveState
from .ami_live_transcripts import queued_call, spy_frames
from .ami_simulator import AmiSimulator
from .ami_transcripts import T0, frames, render
from .common import CsRolesCase

NOW_IN_TRANSCRIPT = datetime.fromtimestamp(T0 + 100, timezone.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestSupervision(CsRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.sim = AmiSimulator()
        cls.addClassCleanup(cls.sim.stop)
        cls.server = cls.env["cs.pbx.server"].create(
            {
                "name": "Simulated Asterisk 22",
                "host": "127.0.0.1",
                "port": cls.sim.port,
                "username": "odoo",
                "secret": "s3cret",
                "sequence": 0,
            }
        )
        cls.agent.write({"cs_extension": "8001", "cs_pbx_server_id": cls.server.id})
        cls.supervisor.write(
            {"cs_extension": "8101", "cs_pbx_server_id": cls.server.id}
        )
        cls.contexts = cls.server._cs_config().inbound_contexts

    def setUp(self):
        super().setUp()
        self.sim.received.clear()

    # -- helpers -----------------------------------------------------------------
    def frames_of(self, pairs):
        return frames(render(pairs))

    def apply(self, pairs):
        updates = []
        for frame in self.frames_of(pairs):
            updates += interpret(frame, self.contexts)
        return self.env["cs.call"]._cs_apply_pbx_updates(self.server, updates)

    def live(self, pairs, state=None):
        # the transcript's clock: the call ended at T0 + 88 s
        state = state or LiveState(
            self.contexts, wrapup_seconds=30, clock=lambda: NOW_IN_TRANSCRIPT
        )
        for frame in self.frames_of(pairs):
            state.feed(frame)
        return state

    def call_of(self, linkedid):
        return self.env["cs.call"].search(
            [("pbx_server_id", "=", self.server.id), ("pbx_call_id", "=", linkedid)]
        )

    def messages(self, *channel):
        """Bus messages sent to ``channel`` (created at commit time)."""
        self.env.cr.precommit.run()
        target = [self.env.cr.dbname, *channel]
        return [
            json.loads(n.message)
            for n in self.env["bus.bus"].sudo().search([], order="id")
            if json.loads(n.channel) == target
        ]

    def clear_bus(self):
        self.env.cr.precommit.run()
        self.env["bus.bus"].sudo().search([]).unlink()

    def live_messages(self):
        return self.messages("res.company", self.env.company.id, "cs_supervision")

    def agent_messages(self):
        return self.messages("res.partner", self.agent.partner_id.id)

    def talking_call(self, seq=1):
        """A queued call answered by 8001, recorded and on the board; the
        frames up to the hold (so the call is still in progress)."""
        pairs = queued_call(seq, T0)
        talking = [p for p in pairs if p[0][1] not in ("Hangup", "Cdr")]
        self.apply(talking)
        state = self.live(talking)
        self.env["cs.call.live"]._cs_publish_live(self.server, state.snapshot())
        linkedid = f"{int(T0)}.{seq * 2 - 1}"
        return self.call_of(linkedid), state, pairs

    # -- queue and IVR ---------------------------------------------------------------
    def test_queued_call_keeps_its_queue_and_ivr_choice(self):
        self.apply(queued_call(1, T0))
        call = self.call_of(f"{int(T0)}.1")
        self.assertRecordValues(
            call,
            [
                {
                    "queue_name": "support",
                    "ivr_choice": "2",
                    "disposition": "answered",
                    "user_id": self.agent.id,
                    "queue_abandoned_count": 0,
                    # the events' talk time, not the CDR's (counted from Queue())
                    "talk_seconds": 60,
                    "wait_seconds": 28,
                }
            ],
        )
        self.assertTrue(call.queue_join_date and call.queue_leave_date)
        card = call._cs_caller_card()
        self.assertEqual((card["queue"], card["ivr"]), ("support", "2"))

    def test_caller_hanging_up_in_the_queue_is_abandoned_in_queue(self):
        self.apply(queued_call(2, T0, answer_after=None, talk=40))
        call = self.call_of(f"{int(T0)}.3")
        # the Cdr says ANSWERED (Queue() answered the caller): not believed
        self.assertRecordValues(
            call,
            [
                {
                    "state": "done",
                    "disposition": "abandoned",
                    "queue_name": "support",
                    "queue_abandoned_count": 1,
                    "answer_date": False,
                }
            ],
        )
        figures = self.env["cs.call.live"]._cs_today_figures(self.env.company)
        # T0 is not today: today's figures do not count it
        self.assertEqual(figures["abandoned_in_queue"], 0)
        call.write({"ring_date": call.create_date, "end_date": call.create_date})
        figures = self.env["cs.call.live"]._cs_today_figures(self.env.company)
        self.assertEqual((figures["abandoned"], figures["abandoned_in_queue"]), (1, 1))

    # -- snapshot tables and bus -------------------------------------------------------
    def test_live_state_is_upserted_and_published_when_it_changes(self):
        self.clear_bus()
        call, state, pairs = self.talking_call()
        row = self.env["cs.call.live"].search([("call_id", "=", call.id)])
        self.assertRecordValues(
            row,
            [
                {
                    "state": "talking",
                    "queue_name": "support",
                    "extension": "8001",
                    "user_id": self.agent.id,
                    "channel": "PJSIP/8001-00000002",
                }
            ],
        )
        agents = self.env["cs.agent.state"].search(
            [("pbx_server_id", "=", self.server.id)]
        )
        by_extension = {a.extension: a.state for a in agents}
        self.assertEqual(by_extension["8001"], "talking")
        self.assertEqual(by_extension["8101"], "idle")  # seen nothing: idle
        messages = self.live_messages()
        self.assertEqual(len(messages), 1)
        payload = messages[0]["payload"]
        self.assertEqual(messages[0]["type"], "cs_callcenter/live")
        self.assertEqual([c["call_id"] for c in payload["calls"]], [call.id])
        # the same state again: nothing written, nothing sent
        self.env["cs.call.live"]._cs_publish_live(self.server, state.snapshot())
        self.assertEqual(len(self.live_messages()), 1)
        # the call ends: its row goes, the agent wraps up
        for frame in self.frames_of([p for p in pairs if p[0][1] == "Hangup"]):
            state.feed(frame)
        self.env["cs.call.live"]._cs_publish_live(self.server, state.snapshot())
        self.assertFalse(row.exists())
        payload = self.live_messages()[-1]["payload"]
        self.assertEqual(payload["removed_calls"], [row.id])
        agent_row = agents.filtered(lambda a: a.extension == "8001")
        self.assertEqual(agent_row.state, "wrapup")
        self.assertEqual(payload["agents"][0]["id"], agent_row.id)

    def test_wallboard_data_for_supervisors_only(self):
        call, _state, _pairs = self.talking_call()
        data = self.env["cs.call.live"].with_user(self.supervisor).cs_wallboard_data()
        self.assertEqual([c["call_id"] for c in data["calls"]], [call.id])
        self.assertTrue(data["can_monitor"])
        self.assertIn("8001", [a["extension"] for a in data["agents"]])
        with self.assertRaises(AccessError):
            self.env["cs.call.live"].with_user(self.agent).search([])
        with self.assertRaises(AccessError):
            self.env["cs.agent.state"].with_user(self.agent).search([])

    def test_menus_for_supervisors_and_managers_only(self):
        for xmlid in (
            "cs_callcenter.cs_wallboard_menu",
            "cs_callcenter.cs_call_monitor_menu",
        ):
            self.assertMenuHidden(self.agent, xmlid)
            self.assertMenuHidden(self.fee_officer, xmlid)
            self.assertMenuVisible(self.supervisor, xmlid)
            self.assertMenuVisible(self.manager, xmlid)
        self.assertCanOpen(self.supervisor, "cs_callcenter.cs_call_monitor_menu")

    # -- monitoring ---------------------------------------------------------
    def test_listen_whisper_barge_originate_chanspy(self):
        call, _state, _pairs = self.talking_call()
        self.assertEqual(call.state, "in_progress")
        for mode, options in (("listen", "qE"), ("whisper", "qwE"), ("barge", "qBE")):
            with self.subTest(mode=mode):
                self.sim.received.clear()
                result = call.with_user(self.supervisor).action_cs_monitor(mode)
                self.assertEqual(result["params"]["type"], "info")
                [originate] = self.sim.actions("originate")
                self.assertEqual(originate["Channel"], "PJSIP/8101")
                self.assertEqual(originate["Application"], "ChanSpy")
                self.assertEqual(originate["Data"], f"PJSIP/8001-00000002,{options}")
                self.assertNotIn("Exten", originate)
                monitor = call.monitor_ids.filtered(
                    lambda m, a=originate: m.pbx_action_id == a["ActionID"]
                )
                self.assertRecordValues(
                    monitor,
                    [
                        {
                            "mode": mode,
                            "user_id": self.supervisor.id,
                            "agent_id": self.agent.id,
                            "state": "ringing",
                        }
                    ],
                )

    def test_monitoring_leg_is_never_a_call(self):
        call, _state, _pairs = self.talking_call()
        call.with_user(self.supervisor).action_cs_monitor("listen")
        monitor = call.monitor_ids
        calls_before = self.env["cs.call"].search_count([])
        leg = spy_frames(monitor.pbx_action_id, 900, T0 + 40, extension="8101")
        answered = [p for p in leg if p[0][1] != "Hangup"]
        _calls, deferred = self.apply(answered)
        self.assertFalse(deferred)
        self.assertEqual(self.env["cs.call"].search_count([]), calls_before)
        self.assertEqual(monitor.state, "active")
        self.assertEqual(monitor.pbx_leg_id, f"{int(T0 + 40)}.900")
        self.apply([p for p in leg if p[0][1] == "Hangup"])
        self.assertEqual(monitor.state, "done")
        self.assertTrue(monitor.date_end)
        self.assertEqual(self.env["cs.call"].search_count([]), calls_before)

    def test_monitoring_ends_with_the_call(self):
        call, _state, pairs = self.talking_call()
        call.with_user(self.supervisor).action_cs_monitor("barge")
        self.apply([p for p in pairs if p[0][1] in ("Hangup", "Cdr")])
        self.assertEqual(call.state, "done")
        self.assertEqual(call.monitor_ids.state, "done")
        # ended with the call (the transcript's call is in the past: the
        # monitoring cannot end before it started)
        monitor = call.monitor_ids
        self.assertEqual(monitor.date_end, max(call.end_date, monitor.date_start))

    def test_monitoring_refusals(self):
        call, _state, _pairs = self.talking_call()
        with self.assertRaises(AccessError):
            call.with_user(self.agent).action_cs_monitor("listen")
        no_phone = new_test_user(
            self.env,
            login="cs_supervisor_no_phone",
            groups="cs_callcenter.group_supervisor",
        )
        with self.assertRaisesRegex(UserError, "extension"):
            call.with_user(no_phone).action_cs_monitor("listen")
        done = self.env["cs.call"].create(
            {"number": "13800000000", "state": "done", "pbx_server_id": self.server.id}
        )
        with self.assertRaisesRegex(UserError, "in progress"):
            done.with_user(self.supervisor).action_cs_monitor("listen")
        self.assertFalse(self.sim.actions("originate"))
        self.assertFalse(self.env["cs.call.monitor"].search([]))

    def test_agent_never_sees_a_monitoring(self):
        call, _state, _pairs = self.talking_call()
        call.with_user(self.supervisor).action_cs_monitor("listen")
        with self.assertRaises(AccessError):
            self.env["cs.call.monitor"].with_user(self.agent).search([])
        as_agent = call.with_user(self.agent)
        self.assertNotIn("monitor_ids", as_agent.fields_get())
        self.clear_bus()
        call.with_user(self.supervisor).action_cs_monitor("whisper")
        self.assertFalse(self.agent_messages())  # the policy is off by default

    def test_agent_told_of_whisper_and_barge_by_policy(self):
        call, _state, _pairs = self.talking_call()
        self.env["ir.config_parameter"].sudo().set_param(
            "cs_callcenter.monitor_tell_agent", "1"
        )
        self.clear_bus()
        call.with_user(self.supervisor).action_cs_monitor("listen")
        self.assertFalse(self.agent_messages())
        call.with_user(self.supervisor).action_cs_monitor("whisper")
        [note] = self.agent_messages()
        self.assertEqual(note["type"], "simple_notification")
        self.assertIn("CS Supervisor", note["payload"]["message"])

    def test_refused_originate_is_kept_for_quality_control(self):
        call, _state, _pairs = self.talking_call()
        self.sim.originate_refused = "Extension does not exist."
        self.addCleanup(setattr, self.sim, "originate_refused", None)
        result = call.with_user(self.supervisor).action_cs_monitor("listen")
        self.assertEqual(result["params"]["type"], "danger")
        self.assertIn("Extension does not exist", result["params"]["message"])
        self.assertEqual(call.monitor_ids.state, "failed")

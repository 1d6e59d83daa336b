"""The AMI client, backend and listener against the AMI simulator (which
speaks as Asterisk 22.10.1 does); the listener records calls in the real test
database through its Odoo sink."""

import itertools
import json
import logging
import os
import socket
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from odoo.tools import SQL

from odoo.addons.cs_callcenter.cli.pbx_listener import OdooSink
from odoo.addons.cs_callcenter.pbx.ami import MAX_FRAME, AmiClient
from odoo.addons.cs_callcenter.pbx.backend import PbxConfig, PbxError, get_backend
from odoo.addons.cs_callcenter.pbx.cdr import PgCdrSource
from odoo.addons.cs_callcenter.pbx.events import CallUpdate
from odoo.addons.cs_callcenter.pbx.listener import Listener
from odoo.addons.cs_callcenter.pbx.live import LiveState
from odoo.addons.cs_callcenter.tests.ami_live_transcripts import (
    core_show_channel,
    extension_status,
    queued_call,
)
from odoo.addons.cs_callcenter.tests.ami_transcripts import (
    INBOUND_ABANDONED,
    INBOUND_ANSWERED,
    T0,
    frames,
    inbound_call,
    render,
)

import pgenv


def config(sim, **kw):
    values = {
        "host": "127.0.0.1",
        "port": sim.port,
        "username": "odoo",
        "secret": "s3cret",
        "connect_timeout": 2.0,
        "outbound_prefix": "9",
        "caller_id": "4008123123",
    }
    values.update(kw)
    return PbxConfig(**values)


# -- client ---------------------------------------------------------------------
def test_login_reads_banner_and_echoes_action_id(sim):
    with AmiClient("127.0.0.1", sim.port, "odoo", "s3cret") as client:
        assert client.version == "11.0.0"  # the AMI protocol, not Asterisk
        client.ping()
    assert wait_for(lambda: len(sim.received) == 3, timeout=5)
    login, ping, logoff = sim.received
    assert login["Action"] == "Login" and login["Username"] == "odoo"
    assert login["ActionID"] != ping["ActionID"]
    assert logoff["Action"] == "Logoff"


def test_login_failure(sim):
    with pytest.raises(PbxError) as error:
        AmiClient("127.0.0.1", sim.port, "odoo", "wrong").connect()
    assert error.value.reason == "auth"
    assert "Authentication failed" in str(error.value)


def test_connection_refused():
    with pytest.raises(PbxError) as error:
        AmiClient("127.0.0.1", pgenv.free_port(), "odoo", "x", timeout=1).connect()
    assert error.value.reason == "refused"


def test_silent_server_times_out(sim):
    sim.silent = 3
    started = time.monotonic()
    with pytest.raises(PbxError) as error:
        AmiClient("127.0.0.1", sim.port, "odoo", "s3cret", timeout=0.5).connect()
    assert error.value.reason == "timeout"
    assert time.monotonic() - started < 2


def test_not_an_asterisk(sim):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def speak():
        conn, _ = server.accept()
        conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
        time.sleep(0.5)
        conn.close()

    threading.Thread(target=speak, daemon=True).start()
    with pytest.raises(PbxError) as error:
        AmiClient("127.0.0.1", server.getsockname()[1], "a", "b", timeout=1).connect()
    server.close()
    assert error.value.reason == "protocol"


def test_broken_frames_are_skipped_not_fatal(sim):
    client = AmiClient("127.0.0.1", sim.port, "odoo", "s3cret").connect()
    assert sim.wait_listener()
    sim.push_raw(b"this line has no colon\r\nEvent: Hangup\r\nLinkedid: 1\r\n\r\n")
    sim.push_raw(
        b"\r\n\r\n\xff\xfe: garbage\r\n\r\nEvent: Newstate\r\nUniqueid: 2\r\n\r\n"
    )
    frames = []
    while True:
        frame = client.read_frame(timeout=1)
        if frame is None:
            break
        frames.append(frame)
    client.close()
    events = [f.get("Event") for f in frames]
    assert events[-2:] == ["Hangup", "Newstate"]
    assert {"Event": "Hangup", "Linkedid": "1"} in frames


# -- backend ----------------------------------------------------------------------
def test_test_connection_reports_the_asterisk_version(sim):
    description = get_backend("asterisk_ami", config(sim)).test()
    assert description == "Asterisk 22.10.1 (AMI 11.0.0)"
    assert sim.actions("coresettings")
    with pytest.raises(PbxError) as error:
        get_backend("asterisk_ami", config(sim, secret="nope")).test()
    assert error.value.reason == "auth"


def test_originate_accepted(sim):
    backend = get_backend("asterisk_ami", config(sim, ring_timeout=25))
    action_id = backend.originate("8001", "13812345678", {"CS_CALL_ID": 42})
    (originate,) = sim.actions("originate")
    assert originate["ActionID"] == action_id
    assert originate["Channel"] == "PJSIP/8001"  # the agent first
    assert originate["Context"] == "from-internal"
    assert originate["Exten"] == "913812345678"  # then the customer, with prefix
    assert originate["Timeout"] == "25000"  # milliseconds
    assert originate["Async"] == "true"
    assert originate["CallerID"] == "4008123123"
    assert originate["Variable"] == "CS_CALL_ID=42"


def test_originate_refused(sim):
    sim.originate_refused = "Extension does not exist."
    with pytest.raises(PbxError) as error:
        get_backend("asterisk_ami", config(sim)).originate("8001", "110")
    assert error.value.reason == "rejected"
    assert "Extension does not exist." in str(error.value)


def test_fully_booted_only_for_sessions_with_events(sim):
    with AmiClient("127.0.0.1", sim.port, "odoo", "s3cret", events=False) as quiet:
        assert quiet.read_frame(timeout=0.3) is None
    with AmiClient("127.0.0.1", sim.port, "odoo", "s3cret") as loud:
        assert loud.read_frame(timeout=1)["Event"] == "FullyBooted"


def test_never_ending_line_is_dropped_with_bounded_memory(sim, caplog):
    client = AmiClient("127.0.0.1", sim.port, "odoo", "s3cret", events=True)
    client.connect()
    assert sim.wait_listener()
    assert client.read_frame(timeout=1)["Event"] == "FullyBooted"
    sender = threading.Thread(
        target=lambda: [sim.push_raw(b"X" * 65536) for _i in range(64)], daemon=True
    )
    sender.start()  # 4 MiB, never a line break
    deadline = time.monotonic() + 20
    with caplog.at_level(logging.WARNING), pytest.raises(PbxError) as error:
        while time.monotonic() < deadline:  # read, and keep no more than a frame
            assert client.read_frame(timeout=1) is None
    assert error.value.reason == "protocol"
    assert str(MAX_FRAME) in str(error.value)
    assert "without ending a frame" in caplog.text
    sender.join(10)


def test_unknown_backend():
    with pytest.raises(PbxError):
        get_backend("freeswitch_esl", None)


# -- listener -> Odoo ---------------------------------------------------------------
@pytest.fixture
def pbx(sim, committed):
    """A PBX, an agent on extension 8001 and a customer, committed."""
    tag = f"{time.time_ns()}"
    with committed() as env:
        env.company.country_id = env.ref("base.cn")
        server = env["cs.pbx.server"].create(
            {
                "name": f"Sim {tag}",
                "host": "127.0.0.1",
                "port": sim.port,
                "username": "odoo",
                "secret": "s3cret",
            }
        )
        agent = env["res.users"].create(
            {
                "name": f"Agent {tag}",
                "login": f"agent{tag}",
                "cs_extension": "8001",
                "cs_pbx_server_id": server.id,
                "groups_id": [(6, 0, [env.ref("cs_callcenter.group_agent").id])],
            }
        )
        # the transcripts' caller: make this customer the only one with the number
        env["res.partner"].search(
            [("mobile_e164", "=", "+8613812345678")]
        ).active = False
        customer = env["res.partner"].create({"name": "Li Si", "mobile": "13812345678"})
        ids = {"server": server.id, "agent": agent.id, "customer": customer.id}
    yield ids
    with committed() as env:
        env["cs.call"].search([("pbx_server_id", "=", ids["server"])]).unlink()
        # the listener's live state of this PBX (the wallboard's tables)
        for model in ("cs.call.live", "cs.agent.state"):
            env[model].search([("pbx_server_id", "=", ids["server"])]).unlink()
        env["res.users"].browse(ids["agent"]).active = False
        env["res.partner"].browse(ids["customer"]).active = False
        env["cs.pbx.server"].browse(ids["server"]).active = False


def calls_of(committed, server_id):
    with committed() as env:
        calls = env["cs.call"].search([("pbx_server_id", "=", server_id)], order="id")
        return calls.read(
            [
                "id",
                "pbx_call_id",
                "state",
                "disposition",
                "user_id",
                "partner_id",
                "wait_seconds",
                "talk_seconds",
            ]
        )


def wait_for(predicate, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    return predicate()


def start_listener(sim, registry, server_id, **kw):
    listener = Listener(
        config(sim),
        OdooSink(registry, server_id),
        backoff=(0.05,),
        sleep=time.sleep,
        **kw,
    )
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    return listener, thread


def test_listener_records_a_full_inbound_call(sim, registry, pbx, committed):
    listener, thread = start_listener(sim, registry, pbx["server"])
    try:
        assert sim.wait_listener()
        sim.push(INBOUND_ANSWERED)
        sim.push(INBOUND_ANSWERED)  # a duplicated stream changes nothing
        done = wait_for(
            lambda: [
                c for c in calls_of(committed, pbx["server"]) if c["state"] == "done"
            ]
        )
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    calls = calls_of(committed, pbx["server"])
    assert len(calls) == 1 and done
    call = calls[0]
    assert call["disposition"] == "answered"
    assert call["user_id"][0] == pbx["agent"]
    assert call["partner_id"][0] == pbx["customer"]
    assert (call["wait_seconds"], call["talk_seconds"]) == (9, 90)


def test_listener_pings_when_idle(sim, registry, pbx):
    listener, thread = start_listener(sim, registry, pbx["server"], ping_interval=0.1)
    try:
        assert wait_for(lambda: len(sim.actions("ping")) >= 2, timeout=5)
        # it asked the PBX for call, CDR and agent (queue) events only
        assert sim.actions("login")[0]["Events"] == "call,cdr,agent"
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)


def test_reconnect_resynchronises_without_lost_or_double_calls(
    sim, registry, pbx, committed
):
    answered_head, answered_tail = INBOUND_ANSWERED.split("Event: DialEnd")
    abandoned_head = INBOUND_ABANDONED.split("Event: DialEnd")[0]
    listener, thread = start_listener(sim, registry, pbx["server"])
    try:
        assert sim.wait_listener()
        sim.push(answered_head)
        sim.push(abandoned_head)
        assert wait_for(lambda: len(calls_of(committed, pbx["server"])) == 2)
        # the link drops; meanwhile the second caller hangs up unseen
        sim.active_channels = [
            {
                "Channel": "PJSIP/trunk-00000001",
                "Uniqueid": "1763798400.1",
                "Linkedid": "1763798400.1",
                "ChannelState": "6",
                "ChannelStateDesc": "Up",
                "Duration": "00:00:20",
            }
        ]
        sim.drop_connections()
        assert wait_for(lambda: listener.connections >= 2)
        assert sim.wait_listener()
        assert len(sim.actions("coreshowchannels")) >= 2
        closed = wait_for(
            lambda: [
                c for c in calls_of(committed, pbx["server"]) if c["state"] == "done"
            ]
        )
        assert [c["pbx_call_id"] for c in closed] == ["1763798600.3"]
        assert closed[0]["disposition"] == "abandoned"
        # the first call goes on after the reconnect, then ends
        sim.push(answered_head)  # replayed by a confused PBX: no double call
        sim.push("Event: DialEnd" + answered_tail)
        assert wait_for(
            lambda: all(
                c["state"] == "done" for c in calls_of(committed, pbx["server"])
            )
        )
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    calls = calls_of(committed, pbx["server"])
    assert [(c["pbx_call_id"], c["disposition"]) for c in calls] == [
        ("1763798400.1", "answered"),
        ("1763798600.3", "abandoned"),
    ]


def test_listener_retries_with_backoff_until_the_pbx_is_back(registry, pbx):
    sleeps = []
    dead = PbxConfig(
        host="127.0.0.1",
        port=pgenv.free_port(),
        username="odoo",
        secret="s3cret",
        connect_timeout=0.5,
    )
    listener = Listener(
        dead, OdooSink(registry, pbx["server"]), backoff=(1, 2, 5), sleep=sleeps.append
    )

    def stop_after_four(delay):
        sleeps.append(delay)
        if len(sleeps) >= 4:
            listener.stop()

    listener.sleep = stop_after_four
    listener.run()
    assert sleeps == [1, 2, 5, 5]
    assert listener.connections == 0


def test_listener_backs_off_when_a_login_succeeds_then_fails(sim, registry, pbx):
    """A PBX that accepts the login and drops the link at once is not
    hammered: the backoff grows as for a refused connection."""
    sim.drop_after_login = 3
    sleeps = []
    listener = Listener(
        config(sim), OdooSink(registry, pbx["server"]), backoff=(0.01, 0.02, 0.05)
    )

    def sleep(delay):
        sleeps.append(delay)
        time.sleep(delay)

    listener.sleep = sleep
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: listener.connections >= 4 and sim.listeners())
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    assert sleeps[:3] == [0.01, 0.02, 0.05]


class FlakySink:
    """Plain-Python sink: raises for one call's updates, records the rest."""

    def __init__(self, poison):
        self.poison = poison
        self.applied = []

    def apply(self, updates):
        if any(u.call_id == self.poison for u in updates):
            raise RuntimeError("database unavailable")
        self.applied += updates
        return []


def test_a_failing_event_never_stops_the_next_ones(sim):
    sink = FlakySink(poison="1763798400.1")
    listener = Listener(config(sim), sink, backoff=(0.05,))
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    try:
        assert sim.wait_listener()
        sim.push(INBOUND_ANSWERED + INBOUND_ABANDONED)  # one burst, one batch
        assert wait_for(lambda: any(u.kind == "cdr" for u in sink.applied), timeout=10)
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    assert {u.call_id for u in sink.applied if u.call_id} == {"1763798600.3"}
    assert listener.stats.failed_updates > 0
    assert listener.connections == 1, "the connection was kept"


def test_serialization_failure_is_retried(registry, pbx, committed):
    """A user's record changed while their call is recorded: PostgreSQL
    refuses the listener's write once; the event is retried, not lost."""
    when = datetime(2026, 1, 5, 8, 0)
    with committed() as env:
        call = env["cs.call"].create(
            {
                "pbx_server_id": pbx["server"],
                "pbx_call_id": "retry.1",
                "direction": "inbound",
                "state": "ringing",
                "ring_date": when,
            }
        )
        call_id = call.id
    sink = OdooSink(registry, pbx["server"])
    answer = CallUpdate(kind="answer", call_id="retry.1", time=when)
    with registry.cursor() as blocker:
        blocker.execute("UPDATE cs_call SET note = 'edited' WHERE id = %s", [call_id])
        worker = threading.Thread(target=sink.apply, args=([answer],), daemon=True)
        worker.start()
        time.sleep(1.0)  # the sink took its snapshot and waits for the row lock
        blocker.commit()  # -> could not serialize access due to concurrent update
    worker.join(20)
    assert not worker.is_alive()
    with committed() as env:
        call = env["cs.call"].browse(call_id)
        assert call.state == "in_progress"
        assert call.answer_date == when


def test_click_to_call_is_one_call_closed_by_its_own_events(
    sim, registry, pbx, committed
):
    """Asterisk 22 answers an Originate with the agent leg (its Newchannel
    has the agent's extension), Dest*-only dial events, an OriginateResponse
    whose Uniqueid is the Linkedid, then the customer leg: one record, closed
    with its real talk time, even when the events arrive before the click's
    transaction has committed."""
    listener, thread = start_listener(sim, registry, pbx["server"])
    sim.originate_delay = 0  # the PBX is faster than our commit
    try:
        assert sim.wait_listener()
        with committed() as env:
            agent = env["res.users"].browse(pbx["agent"])
            call = env["cs.call"].with_user(agent)._cs_originate("13812345678", agent)
            call_id = call.id
            time.sleep(0.5)  # the events are read before this commits
        done = wait_for(
            lambda: [
                c for c in calls_of(committed, pbx["server"]) if c["state"] == "done"
            ]
        )
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    calls = calls_of(committed, pbx["server"])
    assert [c["id"] for c in calls] == [call_id] and done
    assert calls[0]["disposition"] == "answered"
    assert calls[0]["partner_id"] is False or calls[0]["partner_id"]
    assert calls[0]["talk_seconds"] == 3


@pytest.fixture
def cdr_table(committed, test_db):
    table = f"cs_test_cdr_{time.time_ns()}"
    with committed() as env:
        env.cr.execute(
            f"""CREATE TABLE {table} (
                calldate timestamptz NOT NULL, clid text, src text, dst text,
                dcontext text, channel text, dstchannel text, lastapp text,
                lastdata text, duration integer, billsec integer,
                disposition text, amaflags integer, accountcode text,
                uniqueid text, linkedid text, userfield text, peeraccount text,
                sequence integer)"""
        )
    dsn = (
        f"host={os.environ['CS_PGHOST']} port={os.environ['CS_PGPORT']} "
        f"user={os.environ['CS_PGUSER']} dbname={test_db}"
    )
    if os.environ.get("CS_PGPASSWORD"):
        dsn += f" password={os.environ['CS_PGPASSWORD']}"
    yield table, dsn
    with committed() as env:
        env.cr.execute(f"DROP TABLE {table}")


def test_calls_missed_while_disconnected_are_reconciled_from_cdrs(
    sim, registry, pbx, committed, cdr_table
):
    """A call in progress at the disconnection is closed on resync with an
    estimated end, then gets its real end from Asterisk's CDR table; a call
    that began and ended while the listener was away is recorded from it."""
    table, dsn = cdr_table
    now = time.time()
    # in progress at the disconnection: its CDR says it ended 30 s later
    seen = inbound_call(71, now - 60, answer_after=5, talk=85)
    head = [f for f in seen if f[0][1] not in ("Hangup", "Cdr", "BridgeLeave")]
    listener = Listener(
        config(sim),
        OdooSink(registry, pbx["server"]),
        backoff=(0.5,),
        cdr_source=PgCdrSource(dsn, table),
    )
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    try:
        assert sim.wait_listener()
        sim.push_frames(head)
        assert wait_for(
            lambda: [
                c
                for c in calls_of(committed, pbx["server"])
                if c["state"] == "in_progress"
            ]
        )
        utc = datetime.fromtimestamp
        with committed() as env:
            rows = [
                (
                    utc(now - 60, timezone.utc),
                    "13812345678",
                    "PJSIP/trunk-0000008d",
                    "PJSIP/8001-0000008e",
                    90,
                    85,
                    "ANSWERED",
                    f"{int(now - 60)}.141",
                    f"{int(now - 60)}.141",
                ),
                (
                    # began and ended during the disconnection below
                    utc(now + 1, timezone.utc),
                    "02161234567",
                    "PJSIP/trunk-000000f1",
                    "PJSIP/8001-000000f2",
                    20,
                    12,
                    "ANSWERED",
                    "unseen.1",
                    "unseen.1",
                ),
            ]
            for row in rows:
                env.cr.execute(
                    SQL(
                        "INSERT INTO %s (calldate, src, dst, dcontext, channel, "
                        "dstchannel, duration, billsec, disposition, uniqueid, "
                        "linkedid) VALUES (%s, %s, '4008123123', 'from-external', "
                        "%s, %s, %s, %s, %s, %s, %s)",
                        SQL.identifier(table),
                        *row,
                    )
                )
        sim.active_channels = []
        sim.drop_connections()
        assert wait_for(lambda: listener.stats.recovered_from_cdr >= 2)
        calls = wait_for(
            lambda: [
                c for c in calls_of(committed, pbx["server"]) if c["state"] == "done"
            ]
        )
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    calls = {c["pbx_call_id"]: c for c in calls_of(committed, pbx["server"])}
    assert set(calls) == {f"{int(now - 60)}.141", "unseen.1"}
    assert calls[f"{int(now - 60)}.141"]["talk_seconds"] == 85
    assert calls["unseen.1"]["disposition"] == "answered"
    assert calls["unseen.1"]["talk_seconds"] == 12
    with committed() as env:
        seen_call = env["cs.call"].search(
            [("pbx_call_id", "=", f"{int(now - 60)}.141")]
        )
        assert not seen_call.end_estimated  # the CDR's end replaced the estimate


def test_frame_search_scans_each_byte_once():
    """A frame arriving in many small reads is not rescanned from its start
    at every read (no quadratic work on a large frame)."""
    client = AmiClient("127.0.0.1", 1, "odoo", "x")
    frame = b"".join(
        b"ChanVariable: X%05d=%s\r\n" % (i, b"v" * 40) for i in range(3000)
    )
    scanned = 0
    for start in range(0, len(frame), 512):
        client._buffer += frame[start : start + 512]
        scanned += len(client._buffer) - max(client._pos, client._scan - 2)
        assert client._take_frame() is None
    client._buffer += b"\r\n"
    head = client._take_frame()
    assert head is not None and head.count(b"\n") == 2999
    assert scanned <= len(frame) + 3 * (len(frame) // 512 + 1)


# -- live supervision -----------------------------------------------------------------
def utc(stamp):
    return datetime.fromtimestamp(stamp, timezone.utc).replace(tzinfo=None)


def fed(pairs, state=None, now=None):
    state = state or LiveState(
        ("from-external",), wrapup_seconds=30, clock=lambda: now or utc(T0 + 1000)
    )
    for frame in frames(render(pairs)):
        state.feed(frame)
    return state


def test_live_state_follows_a_queued_call():
    pairs = queued_call(1, T0, queue="support", ivr="2", answer_after=20, talk=60)
    names = [p[0][1] for p in pairs]
    join = names.index("QueueCallerJoin")
    state = fed(pairs[: join + 1], now=utc(T0 + 10))
    [call] = state.calls.values()
    assert (call.state, call.queue, call.since) == ("queued", "support", utc(T0 + 8))
    ringing = fed(pairs[: names.index("DialBegin") + 1], now=utc(T0 + 25))
    assert ringing.agents["8001"].state == "ringing"
    assert ringing.calls[call.call_id].state == "queued"  # still waiting
    talking = fed(pairs[: names.index("Hold")], now=utc(T0 + 30))
    assert talking.calls[call.call_id].state == "talking"
    assert talking.calls[call.call_id].channel == "PJSIP/8001-00000002"
    assert talking.agents["8001"].state == "talking"
    held = fed(pairs[: names.index("Hold") + 1], now=utc(T0 + 40))
    assert held.calls[call.call_id].state == "hold"
    assert held.agents["8001"].state == "hold"
    over = fed(pairs, now=utc(T0 + 100))
    assert not over.calls
    assert over.agents["8001"].state == "wrapup"
    snapshot = over.snapshot()
    assert snapshot["ended"] == 1 and not over.dirty
    later = fed(pairs, now=utc(T0 + 200))
    later.tick()
    assert later.agents["8001"].state == "idle"


def test_live_state_counts_an_abandon_in_the_queue():
    pairs = queued_call(2, T0, answer_after=None, talk=40)
    state = fed([p for p in pairs if p[0][1] not in ("Hangup", "Cdr")])
    [call] = state.calls.values()
    assert call.abandoned_in_queue and call.state == "ringing"
    state = fed(pairs)
    assert not state.calls and not state.agents


def test_live_state_rebuilt_from_core_show_channels_without_ghosts():
    ghost = fed(queued_call(1, T0))  # a call the listener saw start
    ghost_pairs = queued_call(3, T0)
    state = fed([p for p in ghost_pairs if p[0][1] not in ("Hangup", "Cdr")])
    assert len(state.calls) == 1
    queued = core_show_channel(
        "PJSIP/trunk-00000011",
        "1.11",
        "1.11",
        "6",
        "13900000000",
        "from-external",
        "4008123123",
        "Queue",
        "sales,,,,300",
        "00:00:42",
    )
    talking_caller = core_show_channel(
        "PJSIP/trunk-00000013",
        "1.13",
        "1.13",
        "6",
        "13700000000",
        "from-external",
        "4008123123",
        "Queue",
        "support",
        "00:03:00",
    )
    talking_agent = core_show_channel(
        "PJSIP/8002-00000014",
        "1.14",
        "1.13",
        "6",
        "8002",
        "from-queue",
        "support",
        "AppQueue",
        "(Outgoing Line)",
        "00:02:10",
    )
    offline = dict(extension_status(T0, "8003", "4", "PJSIP/8003")[3:])
    offline["Event"] = "ExtensionStatus"
    now = utc(T0 + 5000)
    state.reset([queued, talking_caller, talking_agent], [offline], now=now)
    assert set(state.calls) == {"1.11", "1.13"}, "the ended call is gone"
    assert state.calls["1.11"].state == "queued"
    assert state.calls["1.11"].queue == "sales"
    assert state.calls["1.11"].since == now - timedelta(seconds=42)
    assert state.calls["1.13"].state == "talking"
    assert state.calls["1.13"].channel == "PJSIP/8002-00000014"
    assert state.agents["8002"].state == "talking"
    assert state.agents["8003"].state == "offline"
    assert "8001" not in state.agents
    assert ghost.agents["8001"].state == "wrapup"


def test_monitoring_leg_is_not_a_call_on_the_board():
    from odoo.addons.cs_callcenter.tests.ami_live_transcripts import spy_frames

    leg = spy_frames("cs-1-1", 900, T0 + 40, extension="8101")
    names = [p[0][1] for p in leg]
    ringing = fed(leg[: names.index("OriginateResponse")])
    assert ringing.agents["8101"].state == "ringing"  # the phone does ring
    state = fed(leg[: names.index("OriginateResponse") + 1])
    assert not state.calls and state.agents["8101"].state == "idle"
    state = fed(leg[names.index("OriginateResponse") + 1 :], state=state)
    assert not state.calls and not state.ignored


class LiveSink:
    """Plain-Python sink that keeps the live snapshots it is given."""

    def __init__(self):
        self.snapshots = []

    def apply(self, updates):
        return []

    def publish_live(self, snapshot):
        self.snapshots.append((time.monotonic(), snapshot))


def test_listener_publishes_the_live_state_rate_limited(sim):
    sim.active_channels = [
        core_show_channel(
            "PJSIP/trunk-00000021",
            "9.21",
            "9.21",
            "6",
            "13900000000",
            "from-external",
            "4008123123",
            "Queue",
            "support",
            "00:00:05",
        )
    ]
    sim.extension_states = [extension_status(T0, "8009", "4", "PJSIP/8009")]
    sink = LiveSink()
    listener = Listener(
        config(sim, inbound_contexts=("from-external",)),
        sink,
        backoff=(0.05,),
        live_interval=0.5,
    )
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    try:
        assert sim.wait_listener()
        assert wait_for(lambda: sink.snapshots, timeout=5)
        first = sink.snapshots[0][1]
        assert [c["call_id"] for c in first["calls"]] == ["9.21"]
        assert first["calls"][0]["state"] == "queued"
        assert [a["state"] for a in first["agents"]] == ["offline"]
        # 40 calls in one burst: a handful of snapshots, not one per event
        now = time.time()
        for seq in range(40):
            sim.push_frames(inbound_call(100 + seq, now, answer_after=1, talk=1))
        assert wait_for(
            lambda: (
                [c["call_id"] for c in sink.snapshots[-1][1]["calls"]] == ["9.21"]
                and sum(s["ended"] for _t, s in sink.snapshots) >= 40
            ),
            timeout=15,
        ), "every call ended on the board"
        # the calls end while the listener is away: no ghost after
        sim.active_channels = []
        sim.push_frames(inbound_call(300, time.time(), answer_after=None, talk=5)[:3])
        assert wait_for(lambda: len(sink.snapshots[-1][1]["calls"]) == 2, timeout=5)
        sim.drop_connections()
        assert wait_for(lambda: listener.connections >= 2, timeout=10)
        assert wait_for(lambda: sink.snapshots[-1][1]["calls"] == [], timeout=5)
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    times = [t for t, _s in sink.snapshots]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # forced at each (re)connection, otherwise at most one per interval
    assert sum(1 for g in gaps if g < 0.45) <= listener.connections
    assert listener.stats.live_snapshots == len(sink.snapshots)
    assert listener.stats.frames > 40 * 10
    assert len(sink.snapshots) < listener.stats.frames / 10


def test_spy_originates_chanspy_without_dialplan(sim):
    backend = get_backend("asterisk_ami", config(sim))
    action_id = backend.spy("8101", "PJSIP/8001-0000001a", "whisper")
    [originate] = sim.actions("originate")
    assert originate["ActionID"] == action_id
    assert originate["Channel"] == "PJSIP/8101"
    assert (originate["Application"], originate["Data"]) == (
        "ChanSpy",
        "PJSIP/8001-0000001a,qwE",
    )
    assert "Context" not in originate and "Exten" not in originate
    with pytest.raises(PbxError):
        backend.spy("8101", "PJSIP/8001,x", "listen")  # no option smuggling


def test_listener_feeds_the_wallboard_tables(sim, registry, pbx, committed):
    """The real listener and Odoo sink: a queued call appears on the board
    (snapshot tables, a bus message for the Supervisors) and leaves it; the
    monitoring leg of a ChanSpy originate is never recorded as a call."""
    listener, thread = start_listener(sim, registry, pbx["server"], live_interval=0.2)
    pairs = queued_call(50, time.time(), answer_after=1, talk=3)

    def live_rows():
        with committed() as env:
            rows = env["cs.call.live"].search([("pbx_server_id", "=", pbx["server"])])
            return rows.read(["state", "queue_name", "extension", "channel"])

    try:
        assert sim.wait_listener()
        sim.push_frames([p for p in pairs if p[0][1] not in ("Hangup", "Cdr")])
        rows = wait_for(
            lambda: [r for r in live_rows() if r["state"] == "talking"], timeout=10
        )
        assert rows and rows[0]["queue_name"] == "support"
        assert rows[0]["channel"].startswith("PJSIP/8001-")
        with committed() as env:
            company = env["cs.pbx.server"].browse(pbx["server"]).company_id
            channel = json.dumps(
                [env.cr.dbname, "res.company", company.id, "cs_supervision"],
                separators=(",", ":"),
            )
            assert env["bus.bus"].search_count([("channel", "=", channel)])
            supervisor = env["res.users"].create(
                {
                    "name": f"Supervisor {pbx['server']}",
                    "login": f"supervisor{time.time_ns()}",
                    "cs_extension": "8101",
                    "cs_pbx_server_id": pbx["server"],
                    "groups_id": [
                        (6, 0, [env.ref("cs_callcenter.group_supervisor").id])
                    ],
                }
            )
            call = env["cs.call"].search([("pbx_server_id", "=", pbx["server"])])
            call.with_user(supervisor).action_cs_monitor("listen")
            monitor_id = call.monitor_ids.id
        # the simulator answers the ChanSpy originate: the leg rings, is
        # answered, listens and hangs up; the listener closes the monitoring

        def monitor_state():
            with committed() as env:
                monitor = env["cs.call.monitor"].browse(monitor_id)
                return monitor.state, bool(monitor.pbx_leg_id)

        assert wait_for(lambda: monitor_state() == ("done", True), timeout=10)
        assert len(calls_of(committed, pbx["server"])) == 1, "the leg is no call"
        sim.push_frames([p for p in pairs if p[0][1] in ("Hangup", "Cdr")])
        assert wait_for(lambda: not live_rows(), timeout=10)
        with committed() as env:
            state = env["cs.agent.state"].search(
                [("pbx_server_id", "=", pbx["server"]), ("extension", "=", "8001")]
            )
            assert state.state == "wrapup"
    finally:
        listener.stop()
        sim.drop_connections()
        thread.join(10)
    calls = calls_of(committed, pbx["server"])
    assert [c["disposition"] for c in calls] == ["answered"]
    with committed() as env:
        env["cs.call.live"].search([("pbx_server_id", "=", pbx["server"])]).unlink()
        env["cs.agent.state"].search([("pbx_server_id", "=", pbx["server"])]).unlink()
        env["res.users"].search([("login", "=like", "supervisor%")]).active = False

"""The AMI client, backend and listener against the AMI simulator; the
listener records calls in the real test database through its Odoo sink."""

import socket
import threading
import time

import pytest

from odoo.addons.cs_callcenter.cli.pbx_listener import OdooSink
from odoo.addons.cs_callcenter.pbx.ami import AmiClient
from odoo.addons.cs_callcenter.pbx.backend import PbxConfig, PbxError, get_backend
from odoo.addons.cs_callcenter.pbx.listener import Listener
from odoo.addons.cs_callcenter.tests.ami_simulator import AmiSimulator
from odoo.addons.cs_callcenter.tests.ami_transcripts import (
    INBOUND_ABANDONED,
    INBOUND_ANSWERED,
)


@pytest.fixture
def sim():
    simulator = AmiSimulator()
    yield simulator
    simulator.stop()


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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- client ---------------------------------------------------------------------
def test_login_reads_banner_and_echoes_action_id(sim):
    with AmiClient("127.0.0.1", sim.port, "odoo", "s3cret") as client:
        assert client.version == "18.12.0"
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
        AmiClient("127.0.0.1", free_port(), "odoo", "x", timeout=1).connect()
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
def test_test_connection(sim):
    assert get_backend("asterisk_ami", config(sim)).test() == "Asterisk 18.12.0"
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


def test_hangup(sim):
    get_backend("asterisk_ami", config(sim)).hangup("PJSIP/8001-00000002")
    (hangup,) = sim.actions("hangup")
    assert hangup["Channel"] == "PJSIP/8001-00000002"


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
        env["res.users"].browse(ids["agent"]).active = False
        env["res.partner"].browse(ids["customer"]).active = False
        env["cs.pbx.server"].browse(ids["server"]).active = False


def calls_of(committed, server_id):
    with committed() as env:
        calls = env["cs.call"].search([("pbx_server_id", "=", server_id)], order="id")
        return calls.read(
            [
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
        # it asked the PBX for call and CDR events only
        assert sim.actions("login")[0]["Events"] == "call,cdr"
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
        port=free_port(),
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

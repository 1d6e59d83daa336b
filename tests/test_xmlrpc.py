"""cs.api over XML-RPC on a real Odoo HTTP server: lookup_caller, pbx_event
and originate, as a partner system calls them, bad input included."""

import time
import xmlrpc.client
from datetime import datetime, timezone

import pytest

from odoo.addons.cs_callcenter.tests.ami_simulator import AmiSimulator
from odoo.addons.cs_callcenter.tests.ami_transcripts import INBOUND_ANSWERED, frames

PASSWORD = "Integration-pw-1"


@pytest.fixture(scope="module")
def rpc(odoo_url, test_db, committed):
    tag = time.time_ns()
    with committed() as env:
        env.company.country_id = env.ref("base.cn")
        env["res.partner"].search(
            [("mobile_e164", "=", "+8613812345678")]
        ).active = False
        customer = env["res.partner"].create(
            {"name": "Wang Wu", "mobile": "+86 138 1234 5678"}
        )
        integration = env["res.users"].create(
            {
                "name": f"Partner system {tag}",
                "login": f"integration{tag}",
                "password": PASSWORD,
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            env.ref("base.group_portal").id,
                            env.ref("cs_callcenter.group_integration").id,
                        ],
                    )
                ],
            }
        )
        employee = env["res.users"].create(
            {
                "name": f"Employee {tag}",
                "login": f"employee{tag}",
                "password": PASSWORD,
                "groups_id": [(6, 0, [env.ref("base.group_user").id])],
            }
        )
        ids = {
            "customer": customer.id,
            "integration": integration.id,
            "integration_login": integration.login,
            "employee_login": employee.login,
        }
    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)

    def call(login, method, *args, **kwargs):
        uid = common.authenticate(test_db, login, PASSWORD, {})
        assert uid, f"cannot log in as {login}"
        return models.execute_kw(
            test_db, uid, PASSWORD, "cs.api", method, list(args), kwargs
        )

    ids["call"] = call
    yield ids
    with committed() as env:
        env["res.partner"].browse(ids["customer"]).active = False


def test_lookup_caller_over_http(rpc):
    result = rpc["call"](rpc["integration_login"], "lookup_caller", "13812345678")
    assert result["number"] == "13812345678"
    assert result["number_e164"] == "+8613812345678"
    assert result["partners"] == [
        {
            "id": rpc["customer"],
            "name": "Wang Wu",
            "display_name": "Wang Wu",
            "is_company": False,
        }
    ]
    assert result["recent_calls"] == []


@pytest.mark.parametrize("bad", ["", None, 42, ["138"], {"n": "1"}, "9" * 100])
def test_lookup_caller_bad_input_names_the_argument(rpc, bad):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc["call"](rpc["integration_login"], "lookup_caller", bad)
    assert fault.value.faultCode == 2  # a user error, not a crash
    assert fault.value.faultString.startswith("number ")


def test_plain_employee_is_refused(rpc):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc["call"](rpc["employee_login"], "lookup_caller", "13812345678")
    assert "Only agents and integration users" in fault.value.faultString


def test_pbx_event_pushed_over_http(rpc, committed):
    with committed() as env:
        server = env["cs.pbx.server"].create(
            {
                "name": "HTTP PBX",
                "host": "pbx.example.com",
                "username": "u",
                "sequence": 1,
            }
        )
        server_id = server.id
    touched = set()
    try:
        for frame in frames(INBOUND_ANSWERED) * 2:  # every event sent twice
            result = rpc["call"](
                rpc["integration_login"], "pbx_event", frame, server_id=server_id
            )
            touched.update(result["calls"])
        ignored = rpc["call"](
            rpc["integration_login"],
            "pbx_event",
            {"Event": "PeerStatus", "Peer": "PJSIP/8001"},
            server_id=server_id,
        )
        assert ignored == {"calls": [], "ignored": True}
        with pytest.raises(xmlrpc.client.Fault) as fault:
            rpc["call"](
                rpc["integration_login"],
                "pbx_event",
                {"Linkedid": "1"},
                server_id=server_id,
            )
        assert "'Event'" in fault.value.faultString
        with committed() as env:
            calls = env["cs.call"].search([("pbx_server_id", "=", server_id)])
            assert len(calls) == 1 and touched == set(calls.ids)
            assert calls.disposition == "answered"
            assert calls.partner_id.id == rpc["customer"]
            assert (calls.wait_seconds, calls.talk_seconds) == (9, 90)
        # the caller's history now shows the call
        result = rpc["call"](rpc["integration_login"], "lookup_caller", "13812345678")
        assert [c["id"] for c in result["recent_calls"]] == list(touched)
    finally:
        with committed() as env:
            env["cs.call"].search([("pbx_server_id", "=", server_id)]).unlink()
            env["cs.pbx.server"].browse(server_id).active = False


def test_originate_over_http(rpc, committed):
    sim = AmiSimulator()
    with committed() as env:
        server = env["cs.pbx.server"].create(
            {
                "name": "Sim",
                "host": "127.0.0.1",
                "port": sim.port,
                "username": "odoo",
                "secret": "s3cret",
                "sequence": 0,
            }
        )
        agent = env["res.users"].create(
            {
                "name": "Click agent",
                "login": f"click{time.time_ns()}",
                "cs_extension": "8009",
                "cs_pbx_server_id": server.id,
                "groups_id": [(6, 0, [env.ref("cs_callcenter.group_agent").id])],
            }
        )
        ids = (server.id, agent.login)
    try:
        result = rpc["call"](
            rpc["integration_login"], "originate", "13812345678", user_login=ids[1]
        )
        assert result["state"] == "dialing"
        (originate,) = sim.actions("originate")
        assert originate["Channel"] == "PJSIP/8009"
        assert originate["Exten"] == "13812345678"
        assert originate["Variable"] == f"CS_CALL_ID={result['call_id']}"
        sim.originate_refused = "No such extension"
        with pytest.raises(xmlrpc.client.Fault) as fault:
            rpc["call"](
                rpc["integration_login"], "originate", "13812345678", user_login=ids[1]
            )
        assert "No such extension" in fault.value.faultString
        with pytest.raises(xmlrpc.client.Fault) as fault:
            rpc["call"](
                rpc["integration_login"],
                "originate",
                "13812345678",
                user_login="nobody-here",
            )
        # the same answer as for a login that cannot be rung: no login oracle
        assert "No agent with a phone extension" in fault.value.faultString
    finally:
        sim.stop()
        with committed() as env:
            env["cs.call"].search([("pbx_server_id", "=", ids[0])]).unlink()
            env["cs.pbx.server"].browse(ids[0]).active = False


def test_create_ticket_and_status_over_http(rpc):
    call = rpc["call"]
    login = rpc["integration_login"]
    created = call(
        login,
        "create_ticket",
        {
            "kind": "repair",
            "subject": "Lift out of order",
            "description": "Building 3, since this morning",
            "channel": "api",
            "phone": "13812345678",
        },
    )
    assert set(created) == {"id", "number"} and created["number"].startswith("HT")
    status = call(login, "ticket_status", created["number"])
    assert status == {
        "number": created["number"],
        "kind": "repair",
        "step": False,  # only complaints go through the complaint loop
        "stage": status["stage"],
        "sla_status": "on_track",  # the shipped Standard policy applies
        "deadline": status["deadline"],
        "closed": False,
    }
    # the deadline is a UTC moment in Odoo's string form, after now
    deadline = datetime.strptime(status["deadline"], "%Y-%m-%d %H:%M:%S")
    assert deadline > datetime.now(timezone.utc).replace(tzinfo=None)
    # the caller's card now lists the ticket
    lookup = call(login, "lookup_caller", "+86 138 1234 5678")
    assert lookup["partners"][0]["id"] == rpc["customer"]
    assert created["id"] in [t["id"] for t in lookup["open_tickets"]]
    with pytest.raises(xmlrpc.client.Fault) as fault:
        call(
            login, "create_ticket", {"kind": "repair", "subject": "x", "channel": "fax"}
        )
    assert fault.value.faultCode == 2 and "channel" in fault.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as fault:
        call(login, "ticket_status", "HT-UNKNOWN")
    assert "No ticket HT-UNKNOWN" in fault.value.faultString

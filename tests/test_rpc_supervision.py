"""Live supervision over XML-RPC on a real Odoo HTTP server, as each role:
what the wallboard and the call form hide, the server refuses (issue 17)."""

import time
import xmlrpc.client

import pytest

from odoo.addons.cs_callcenter.tests.ami_simulator import AmiSimulator

PASSWORD = "Supervision-pw-1"
ACCESS_ERROR = 4  # faultCode of an AccessError
USER_ERROR = 2  # faultCode of a UserError / ValidationError
ROLES = {
    "agent": ["cs_callcenter.group_agent"],
    "supervisor": ["cs_callcenter.group_supervisor"],
    "bare_supervisor": ["cs_callcenter.group_supervisor"],  # no extension
    "manager": ["cs_callcenter.group_manager"],
    "integration": ["base.group_portal", "cs_callcenter.group_integration"],
    "employee": ["base.group_user"],
}


@pytest.fixture(scope="module")
def sup(odoo_url, test_db, committed):
    tag = time.time_ns()
    sim = AmiSimulator()
    with committed() as env:
        server = env["cs.pbx.server"].create(
            {
                "name": f"Supervision PBX {tag}",
                "host": "127.0.0.1",
                "port": sim.port,
                "username": "odoo",
                "secret": "s3cret",
            }
        )
        users = {
            role: env["res.users"].create(
                {
                    "name": f"{role} {tag}",
                    "login": f"sv{role}{tag}",
                    "password": PASSWORD,
                    "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
                }
            )
            for role, groups in ROLES.items()
        }
        for role, extension in (("agent", "8801"), ("supervisor", "8802")):
            users[role].write(
                {"cs_extension": extension, "cs_pbx_server_id": server.id}
            )
        call = env["cs.call"].create(
            {
                "number": "13800138000",
                "state": "in_progress",
                "user_id": users["agent"].id,
                "extension": "8801",
                "pbx_server_id": server.id,
                "pbx_call_id": f"{tag}.1",
            }
        )
        ended = env["cs.call"].create(
            {"number": "13800138001", "state": "done", "pbx_server_id": server.id}
        )
        ids = {
            "server": server.id,
            "call": call.id,
            "ended": ended.id,
            "logins": {role: user.login for role, user in users.items()},
            "users": [user.id for user in users.values()],
        }
    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)
    uids = {}

    def call_as(role, model, method, *args, **kwargs):
        login = ids["logins"][role]
        if login not in uids:
            uids[login] = common.authenticate(test_db, login, PASSWORD, {})
        return models.execute_kw(
            test_db, uids[login], PASSWORD, model, method, list(args), kwargs
        )

    def fault(role, model, method, *args, **kwargs):
        with pytest.raises(xmlrpc.client.Fault) as error:
            call_as(role, model, method, *args, **kwargs)
        return error.value

    ids.update(call_as=call_as, fault=fault, sim=sim)
    yield ids
    sim.stop()
    with committed() as env:
        env["cs.call"].search([("pbx_server_id", "=", ids["server"])]).unlink()
        staff = env["res.users"].browse(ids["users"])
        staff.write({"cs_extension": False, "cs_pbx_server_id": False})
        staff.active = False
        env["cs.pbx.server"].browse(ids["server"]).active = False


@pytest.mark.parametrize("role", ["agent", "integration", "employee"])
def test_only_supervisors_monitor(sup, role):
    error = sup["fault"](role, "cs.call", "action_cs_monitor", [sup["call"]], "listen")
    assert error.faultCode == ACCESS_ERROR
    assert not sup["sim"].actions("originate")


@pytest.mark.parametrize("role", ["agent", "integration", "employee"])
def test_only_supervisors_read_the_board_and_the_monitorings(sup, role):
    for model in ("cs.call.live", "cs.agent.state", "cs.call.monitor"):
        error = sup["fault"](role, model, "search_read", [], ["id"])
        assert error.faultCode == ACCESS_ERROR, model
    data = sup["call_as"](role, "cs.call.live", "cs_wallboard_data")
    assert data == {"forbidden": True}


def test_supervisor_refusals_are_clear(sup):
    error = sup["fault"](
        "bare_supervisor", "cs.call", "action_cs_monitor", [sup["call"]], "listen"
    )
    assert error.faultCode == USER_ERROR and "extension" in error.faultString
    error = sup["fault"](
        "supervisor", "cs.call", "action_cs_monitor", [sup["ended"]], "barge"
    )
    assert error.faultCode == USER_ERROR and "in progress" in error.faultString
    error = sup["fault"](
        "supervisor", "cs.call", "action_cs_monitor", [sup["call"]], "shout"
    )
    assert error.faultCode == USER_ERROR
    assert not sup["sim"].actions("originate")


def test_supervisor_monitors_but_never_writes_a_monitoring(sup):
    result = sup["call_as"](
        "supervisor", "cs.call", "action_cs_monitor", [sup["call"]], "whisper"
    )
    assert result["params"]["type"] == "info"
    [originate] = sup["sim"].actions("originate")
    assert (originate["Application"], originate["Data"]) == (
        "ChanSpy",
        "PJSIP/8801-,qwE",
    )
    [monitor] = sup["call_as"](
        "supervisor",
        "cs.call.monitor",
        "search_read",
        [("call_id", "=", sup["call"])],
        ["mode", "state"],
    )
    assert monitor["mode"] == "whisper"
    for method, args in (
        ("write", [[monitor["id"]], {"mode": "listen"}]),
        ("unlink", [[monitor["id"]]]),
        ("create", [{"call_id": sup["call"], "mode": "listen"}]),
    ):
        error = sup["fault"]("manager", "cs.call.monitor", method, *args)
        assert error.faultCode == ACCESS_ERROR, method
    data = sup["call_as"]("supervisor", "cs.call.live", "cs_wallboard_data")
    assert data["can_monitor"] is True

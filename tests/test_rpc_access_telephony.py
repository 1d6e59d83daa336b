"""Adversarial XML-RPC over real HTTP, as each role, against the telephony
rules of issue 10 §2: extensions (§2.2), PBX servers and their secret
(§2.3), the originate policy (§2.5) and the company rules of the call
center's models (§2.8). Whatever the web client hides, the server refuses."""

import time
import xmlrpc.client
from datetime import datetime

import pytest

from odoo.addons.cs_callcenter.tests.ami_simulator import AmiSimulator

PASSWORD = "Telephony-pw-1"
SECRET = f"pbxsec-{time.time_ns()}"  # found nowhere but in the simulator
ACCESS_ERROR = 4  # faultCode of an AccessError
USER_ERROR = 2  # faultCode of a UserError / ValidationError

ROLES = {
    "agent": ["cs_callcenter.group_agent"],
    "colleague": ["cs_callcenter.group_agent"],
    "supervisor": ["cs_callcenter.group_supervisor"],
    "manager": ["cs_callcenter.group_manager"],
    "integration": ["base.group_portal", "cs_callcenter.group_integration"],
    "portal": ["base.group_portal"],
    "employee": ["base.group_user"],
    "sysadmin": ["base.group_system"],
    "no_extension": ["cs_callcenter.group_agent"],
}
# who must never set an extension, theirs or a colleague's
NOT_MANAGERS = ["agent", "supervisor", "integration", "portal", "employee"]


@pytest.fixture(scope="module")
def tel(odoo_url, test_db, committed):
    """A simulated PBX (the company's default), one user per role, a
    do-not-call contact; all committed for the HTTP server to see."""
    tag = time.time_ns()
    sim = AmiSimulator(secret=SECRET)
    with committed() as env:
        env.company.country_id = env.ref("base.cn")
        server = env["cs.pbx.server"].create(
            {
                "name": f"Telephony PBX {tag}",
                "host": "127.0.0.1",
                "port": sim.port,
                "username": "odoo",
                "secret": SECRET,
                "sequence": -1000,  # the company's default PBX
            }
        )
        users = {}
        for role, groups in ROLES.items():
            users[role] = env["res.users"].create(
                {
                    "name": f"{role} {tag}",
                    "login": f"{role}{tag}",
                    "password": PASSWORD,
                    "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
                }
            )
        users["agent"].cs_extension = "8701"
        users["supervisor"].cs_extension = "8702"
        users["colleague"].write(
            {"cs_extension": "8703", "cs_pbx_server_id": server.id}
        )
        env["res.partner"].search(
            [("mobile_e164", "in", ["+8613700137000", "+8613700137001"])]
        ).active = False
        quiet = env["res.partner"].create(
            {"name": "Quiet", "mobile": "+86 137 0013 7000", "cs_do_not_call": True}
        )
        ids = {
            "server": server.id,
            "quiet": quiet.id,
            **{role: user.id for role, user in users.items()},
            "logins": {role: user.login for role, user in users.items()},
        }
    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)
    uids = {}

    def call(role, model, method, *args, **kwargs):
        login = ids["logins"][role]
        if login not in uids:
            uids[login] = common.authenticate(test_db, login, PASSWORD, {})
            assert uids[login], f"cannot log in as {login}"
        return models.execute_kw(
            test_db, uids[login], PASSWORD, model, method, list(args), kwargs
        )

    def fault(role, model, method, *args, **kwargs):
        with pytest.raises(xmlrpc.client.Fault) as error:
            call(role, model, method, *args, **kwargs)
        return error.value

    ids.update(call=call, fault=fault, sim=sim)
    yield ids
    sim.stop()
    with committed() as env:
        env["cs.call"].search([("pbx_server_id", "=", ids["server"])]).unlink()
        staff = env["res.users"].browse([ids[role] for role in ROLES])
        staff.write({"cs_extension": False, "cs_pbx_server_id": False})
        staff.active = False
        env["res.partner"].browse(ids["quiet"]).active = False
        env["cs.pbx.server"].browse(ids["server"]).active = False


# -- §2.2 extensions ---------------------------------------------------------------
@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_nobody_sets_their_own_extension_or_pbx(tel, role):
    for values in ({"cs_extension": "8799"}, {"cs_pbx_server_id": tel["server"]}):
        error = tel["fault"](role, "res.users", "write", [tel[role]], values)
        assert error.faultCode == ACCESS_ERROR
        assert "Customer Service Manager" in error.faultString


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_nobody_takes_a_colleagues_calls(tel, role, committed):
    # today's attack: clear the PBX field of the colleague, or take their
    # extension with the PBX field empty (that is the default PBX)
    error = tel["fault"](
        role, "res.users", "write", [tel["colleague"]], {"cs_pbx_server_id": False}
    )
    assert error.faultCode == ACCESS_ERROR
    error = tel["fault"](
        role, "res.users", "write", [tel[role]], {"cs_extension": "8703"}
    )
    assert error.faultCode == ACCESS_ERROR
    with committed() as env:
        colleague = env["res.users"].browse(tel["colleague"])
        assert (colleague.cs_extension, colleague.cs_pbx_server_id.id) == (
            "8703",
            tel["server"],
        )


def test_a_manager_assigns_extensions_never_a_taken_one(tel, committed):
    tel["call"](
        "manager", "res.users", "write", [tel["agent"]], {"cs_extension": "8704"}
    )
    for pbx in (False, tel["server"]):
        error = tel["fault"](
            "manager",
            "res.users",
            "write",
            [tel["agent"]],
            {"cs_extension": "8703", "cs_pbx_server_id": pbx},
        )
        assert error.faultCode == USER_ERROR
        assert "8703 is already used" in error.faultString
    # portal and integration users never get one, so are never rung
    for role in ("portal", "integration"):
        error = tel["fault"](
            "manager", "res.users", "write", [tel[role]], {"cs_extension": "8705"}
        )
        assert error.faultCode in (ACCESS_ERROR, USER_ERROR)
    tel["call"](
        "manager", "res.users", "write", [tel["agent"]], {"cs_extension": "8701"}
    )
    with committed() as env:
        assert env["res.users"].browse(tel["agent"]).cs_extension == "8701"
        assert not env["res.users"].browse(tel["portal"]).cs_extension


# -- §2.3 PBX servers ------------------------------------------------------------------
def test_only_administrators_change_the_pbx_connection(tel):
    for field, value in [
        ("host", "attacker.example.com"),
        ("port", 5039),
        ("username", "me"),
        ("allowed_destinations", "+"),
    ]:
        error = tel["fault"](
            "manager", "cs.pbx.server", "write", [tel["server"]], {field: value}
        )
        assert error.faultCode == ACCESS_ERROR
    error = tel["fault"](
        "manager",
        "cs.pbx.server",
        "create",
        {"name": "Mine", "host": "attacker.example.com", "username": "me"},
    )
    assert error.faultCode == ACCESS_ERROR
    for role in ("agent", "supervisor", "employee", "portal", "integration"):
        error = tel["fault"](
            role, "cs.pbx.server", "write", [tel["server"]], {"ring_timeout": 5}
        )
        assert error.faultCode == ACCESS_ERROR
        # nor make the PBX connect
        error = tel["fault"](
            role, "cs.pbx.server", "action_test_connection", [tel["server"]]
        )
        assert error.faultCode == ACCESS_ERROR
    tel["call"](
        "manager", "cs.pbx.server", "write", [tel["server"]], {"ring_timeout": 25}
    )


def test_the_secret_is_never_read_exported_or_logged(tel, tmp_path_factory):
    for role in ("manager", "supervisor", "agent"):
        error = tel["fault"](role, "cs.pbx.server", "read", [tel["server"]], ["secret"])
        assert error.faultCode == ACCESS_ERROR
    server = [tel["server"]]
    read = tel["call"]("sysadmin", "cs.pbx.server", "read", server, ["secret"])
    assert read[0]["secret"] is False
    found = tel["call"](
        "sysadmin",
        "cs.pbx.server",
        "search_read",
        [("id", "=", tel["server"])],
        ["secret", "secret_set"],
    )
    assert (found[0]["secret"], found[0]["secret_set"]) == (False, True)
    exported = tel["call"](
        "sysadmin", "cs.pbx.server", "export_data", server, ["secret"]
    )
    assert exported == {"datas": [[""]]}
    # the PBX is used: test, and a call, so that the log has had its chances
    action = tel["call"]("manager", "cs.pbx.server", "action_test_connection", server)
    assert action["params"]["type"] == "success", action
    tel["call"]("agent", "cs.call", "cs_click_to_call", "13812345678")
    assert [a["Secret"] for a in tel["sim"].actions("login")][:1] == [SECRET]
    logs = list(tmp_path_factory.getbasetemp().glob("odoo-server*/odoo.log"))
    assert logs
    for log in logs:
        assert SECRET not in log.read_text(encoding="utf-8")


def test_the_secret_follows_its_endpoint_only(tel, committed):
    sim = tel["sim"]
    logins = len(sim.actions("login"))
    # an administrator points the PBX elsewhere ("localhost": the same
    # simulator, which would see the secret) without entering it again
    tel["call"](
        "sysadmin", "cs.pbx.server", "write", [tel["server"]], {"host": "localhost"}
    )
    try:
        action = tel["call"](
            "manager", "cs.pbx.server", "action_test_connection", [tel["server"]]
        )
        assert action["params"]["type"] == "danger"
        assert "enter it again" in action["params"]["message"]
        assert len(sim.actions("login")) == logins
    finally:
        tel["call"](
            "sysadmin", "cs.pbx.server", "write", [tel["server"]], {"host": "127.0.0.1"}
        )


# -- §2.5 originate policy ---------------------------------------------------------
@pytest.mark.parametrize(
    "number,words",
    [
        ("+852 2123 4567", "not a national number"),
        ("+86 168 12345", "premium-rate"),
        ("95588", "short code"),
    ],
)
def test_no_dialling_outside_the_allowed_destinations(tel, number, words):
    originates = len(tel["sim"].actions("originate"))
    result = tel["call"]("agent", "cs.call", "cs_click_to_call", number)
    assert result["type"] == "danger" and words in result["message"]
    error = tel["fault"](
        "integration",
        "cs.api",
        "originate",
        number,
        user_login=tel["logins"]["agent"],
    )
    assert error.faultCode == USER_ERROR and words in error.faultString
    assert len(tel["sim"].actions("originate")) == originates


def test_do_not_call_only_a_supervisor_overrides(tel):
    sim = tel["sim"]
    originates = len(sim.actions("originate"))
    for force in (False, True):
        error = tel["fault"](
            "agent",
            "cs.call",
            "cs_click_to_call",
            "13700137000",
            "res.partner",
            tel["quiet"],
            force=force,
        )
        assert "Only a supervisor" in error.faultString
    for role in ("integration", "supervisor"):
        error = tel["fault"](
            role,
            "cs.api",
            "originate",
            "13700137000",
            user_login=tel["logins"]["agent"],
        )
        assert "asked not to be called" in error.faultString
    assert len(sim.actions("originate")) == originates
    asked = tel["call"](
        "supervisor",
        "cs.call",
        "cs_click_to_call",
        "13700137000",
        "res.partner",
        tel["quiet"],
    )
    assert list(asked) == ["confirm"]
    placed = tel["call"](
        "supervisor",
        "cs.call",
        "cs_click_to_call",
        "13700137000",
        "res.partner",
        tel["quiet"],
        force=True,
    )
    assert placed["type"] == "info"
    assert len(sim.actions("originate")) == originates + 1


def test_originate_never_tells_whether_a_login_exists(tel):
    messages = {
        login: tel["fault"](
            "integration", "cs.api", "originate", "13812345678", user_login=login
        ).faultString
        for login in (
            f"nobody{time.time_ns()}",
            tel["logins"]["no_extension"],
            tel["logins"]["employee"],
            tel["logins"]["portal"],
            tel["logins"]["integration"],
        )
    }
    assert len(set(messages.values())) == 1, messages
    # an agent probing the logins of others gets one answer too
    probes = {
        tel["fault"](
            "agent", "cs.api", "originate", "13812345678", user_login=login
        ).faultString
        for login in (tel["logins"]["colleague"], f"nobody{time.time_ns()}")
    }
    assert len(probes) == 1
    # and users who are no agents ring nobody
    originates = len(tel["sim"].actions("originate"))
    for role in ("employee", "portal", "integration"):
        try:
            result = tel["call"](role, "cs.call", "cs_click_to_call", "13812345678")
        except xmlrpc.client.Fault as error:
            assert error.faultCode == ACCESS_ERROR
        else:
            assert result["type"] == "danger" and "call_id" not in result
    assert len(tel["sim"].actions("originate")) == originates


# -- §2.8 multi-company ------------------------------------------------------------
def test_company_rules_on_the_call_center_models(tel, committed, odoo_url, test_db):
    tag = time.time_ns()
    with committed() as env:
        other = env["res.company"].create({"name": f"Other company {tag}"})
        outsiders = env["res.users"].create(
            [
                {
                    "name": f"Outsider {role} {tag}",
                    "login": f"outsider-{role}{tag}",
                    "password": PASSWORD,
                    "company_id": other.id,
                    "company_ids": [(6, 0, other.ids)],
                    "groups_id": [(6, 0, [env.ref(f"cs_callcenter.group_{role}").id])],
                }
                for role in ("manager", "agent")
            ]
        )
        partner = env["res.partner"].create({"name": f"MC {tag}"})
        call = env["cs.call"].create(
            {"number": "13900004000", "partner_id": partner.id}
        )
        campaign = env["cs.callback.campaign"].create({"name": f"MC {tag}"})
        task = env["cs.callback.task"].create(
            {
                "campaign_id": campaign.id,
                "company_id": campaign.company_id.id,
                "partner_id": partner.id,
                "phone": "13900004000",
                "target_key": f"mc{tag}",
                "due_date": datetime(2026, 11, 30),
            }
        )
        card = env["cs.qa.scorecard"].create(
            {"name": f"MC {tag}", "criterion_ids": [(0, 0, {"name": "Polite"})]}
        )
        review = env["cs.qa.review"].create(
            {"scorecard_id": card.id, "call_id": call.id, "agent_id": tel["agent"]}
        )
        records = {
            "cs.call": call.ids,
            "cs.callback.campaign": campaign.ids,
            "cs.callback.window": campaign.window_ids.ids,
            "cs.callback.task": task.ids,
            "cs.qa.scorecard": card.ids,
            "cs.qa.criterion": card.criterion_ids.ids,
            "cs.qa.review": review.ids,
            "cs.qa.review.line": review.line_ids.ids,
        }
        ids = {"outsider": outsiders[0].login, "outsider_agent": outsiders[1].id}
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)
    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    uid = common.authenticate(test_db, ids["outsider"], PASSWORD, {})
    try:
        for model, record_ids in records.items():
            assert record_ids, model
            found = models.execute_kw(
                test_db, uid, PASSWORD, model, "search", [[("id", "in", record_ids)]]
            )
            assert found == [], model
        # nor relations across companies: our manager cannot give our
        # campaign's calls or a review to an agent of the other company
        for model, values in [
            ("cs.callback.campaign", {"agent_ids": [(6, 0, [ids["outsider_agent"]])]}),
            ("cs.callback.task", {"user_id": ids["outsider_agent"]}),
            ("cs.qa.review", {"agent_id": ids["outsider_agent"]}),
        ]:
            error = tel["fault"]("manager", model, "write", records[model], values)
            assert error.faultCode == USER_ERROR, model
            assert "compan" in error.faultString, model
    finally:
        with committed() as env:
            env["cs.qa.review"].browse(records["cs.qa.review"]).unlink()
            env["cs.qa.scorecard"].browse(records["cs.qa.scorecard"]).unlink()
            env["cs.callback.campaign"].browse(records["cs.callback.campaign"]).unlink()
            env["cs.call"].browse(records["cs.call"]).unlink()
            env["res.users"].search(
                [("login", "like", f"outsider-%{tag}")]
            ).active = False

"""Complaint tickets over real XML-RPC and HTTP, as each role an attacker
could be: agent, supervisor, manager, integration (partner system), portal
customer, plain employee. One case per item of issue 10 §2 that concerns
cs_helpdesk: what the interface hides, the server refuses."""

import re
import time
import xmlrpc.client
from datetime import datetime, timedelta

import pytest
import requests

PASSWORD = "Helpdesk-rpc-pw-1"
ROLES = {
    "agent": ["cs_callcenter.group_agent"],
    "supervisor": ["cs_callcenter.group_supervisor"],
    "manager": ["cs_callcenter.group_manager"],
    "integration": ["base.group_portal", "cs_callcenter.group_integration"],
    "portal": ["base.group_portal"],
    "employee": ["base.group_user"],
    "stranger": ["base.group_portal"],
}


@pytest.fixture(scope="module")
def desk(odoo_url, test_db, committed):
    """Users of every role (no e-mail address: many staff have none), a
    complaint of the portal customer that the employee follows, and a second
    company with a contact and an SLA policy."""
    tag = time.time_ns()
    with committed() as env:
        env.company.country_id = env.ref("base.cn")
        users = {}
        for role, groups in ROLES.items():
            users[role] = env["res.users"].create(
                {
                    "name": f"{role} {tag}",
                    "login": f"{role}{tag}",
                    "password": PASSWORD,
                    "email": False,
                    "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
                }
            )
        Ticket = env["helpdesk.ticket"]
        complaint = Ticket.create(
            {
                "name": f"Complaint {tag}",
                "description": "<p>Lift stuck</p>",
                "cs_kind": "complaint",
                "partner_id": users["portal"].partner_id.id,
                "cs_root_cause": "SECRET-ROOT",
                "cs_sanction_note": "SECRET-SANCTION",
                "cs_responsible_id": users["agent"].id,
                "cs_compensation": 321,
                "cs_customer_reply": "A technician comes today",
            }
        )
        complaint.message_subscribe(partner_ids=users["employee"].partner_id.ids)
        complaint.message_post(body="SECRET-NOTE", subtype_xmlid="mail.mt_note")
        inquiry = Ticket.create(
            {
                "name": f"Inquiry {tag}",
                "description": "<p>Opening hours?</p>",
                "partner_id": users["portal"].partner_id.id,
            }
        )
        other = env["res.company"].create({"name": f"Other company {tag}"})
        other_contact = env["res.partner"].create(
            {
                "name": f"Other owner {tag}",
                "phone": "+86 139 0000 8888",
                "company_id": other.id,
            }
        )
        other_policy = env["cs.sla.policy"].create(
            {
                "name": f"Other policy {tag}",
                "company_id": other.id,
                "resolution_hours": 8,
                "calendar_id": env["resource.calendar"]
                .create({"name": f"Other {tag}", "company_id": other.id})
                .id,
            }
        )
        ids = {
            "logins": {role: user.login for role, user in users.items()},
            "users": {role: user.id for role, user in users.items()},
            "complaint": complaint.id,
            "inquiry": inquiry.id,
            "other_contact": other_contact.id,
            "other_policy": other_policy.id,
            "done": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
            "department": env["hr.department"].create({"name": f"Dept {tag}"}).id,
        }
    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)
    uids = {}

    def call(role, model, method, *args, **kwargs):
        login = ids["logins"][role]
        if role not in uids:
            uids[role] = common.authenticate(test_db, login, PASSWORD, {})
            assert uids[role], f"cannot log in as {login}"
        return models.execute_kw(
            test_db, uids[role], PASSWORD, model, method, list(args), kwargs
        )

    ids["call"] = call
    ids["url"] = odoo_url
    return ids


ACCESS_ERROR, USER_ERROR = 4, 2  # Odoo's XML-RPC fault codes


def refused(fault, *words, code=ACCESS_ERROR):
    """The fault is an access refusal (``code``: or a user error) naming
    ``words``."""
    text = fault.value.faultString
    return fault.value.faultCode == code and all(word in text for word in words)


TICKET_VALUES = {
    "kind": "complaint",
    "subject": "Water leak",
    "description": "From the mini-program",
    "channel": "wechat",
}


# -- §2.1 ------------------------------------------------------------------------
def test_2_1_context_defaults_never_reach_sudo_creates(desk, committed):
    result = desk["call"](
        "integration",
        "cs.api",
        "create_ticket",
        dict(TICKET_VALUES, phone="13900007777", partner_name="Lu Ping"),
        context={
            "default_cs_step": "reviewed",
            "default_stage_id": desk["done"],
            "default_user_id": desk["users"]["manager"],
            "default_cs_sla_status": "met",
            "default_parent_id": desk["other_contact"],
            "default_email": "spoof@example.com",
        },
    )
    with committed() as env:
        ticket = env["helpdesk.ticket"].browse(result["id"])
        assert ticket.cs_step == "register"
        assert ticket.stage_id.id != desk["done"]
        assert not ticket.user_id
        assert ticket.cs_sla_status != "met"
        assert not ticket.partner_id.parent_id
        assert not ticket.partner_id.email


# -- §2.4 ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "field, value",
    [
        ("cs_step", "reviewed"),
        ("cs_founded", "founded"),
        ("cs_dispatch_deadline", "2030-01-01"),
        ("cs_sla_deadline", "2099-01-01 00:00:00"),
        ("cs_sla_status", "met"),
        ("cs_first_response_date", "2020-01-01 00:00:00"),
    ],
)
def test_2_4_agent_cannot_write_workflow_fields(desk, committed, field, value):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        desk["call"](
            "agent", "helpdesk.ticket", "write", [desk["complaint"]], {field: value}
        )
    assert refused(fault, f"({field})")
    with committed() as env:
        assert env["helpdesk.ticket"].browse(desk["complaint"]).cs_step == "register"


def test_2_4_no_reviewed_step_in_a_supervisors_name(desk, committed):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        desk["call"](
            "agent",
            "cs.ticket.step",
            "create",
            {
                "ticket_id": desk["complaint"],
                "step": "reviewed",
                "user_id": desk["users"]["supervisor"],
            },
        )
    assert refused(fault)
    with pytest.raises(xmlrpc.client.Fault) as fault:
        desk["call"](
            "agent",
            "helpdesk.ticket",
            "write",
            [desk["complaint"]],
            {"cs_step_ids": [(0, 0, {"step": "reviewed"})]},
        )
    assert refused(fault, "(cs_step_ids)")
    with committed() as env:
        assert not env["cs.ticket.step"].search([("ticket_id", "=", desk["complaint"])])


def test_2_4_no_remedy_created_approved(desk):
    for role in ("agent", "supervisor", "manager"):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            desk["call"](
                role,
                "cs.ticket.remedy",
                "create",
                {"ticket_id": desk["complaint"], "name": "Refund", "state": "approved"},
            )
        assert refused(fault, "(state)"), role


def test_2_4_the_workflow_itself_goes_through(desk, committed):
    """An agent without e-mail moves the step by its button; a supervisor
    without e-mail dispatches (issue 10 §1.2)."""
    with committed() as env:
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Workflow",
                "description": "<p>x</p>",
                "cs_kind": "complaint",
                "cs_department_id": desk["department"],
            }
        )
        ticket_id = ticket.id
    desk["call"]("agent", "helpdesk.ticket", "action_cs_founded", [ticket_id])
    wizard = desk["call"](
        "supervisor",
        "cs.ticket.dispatch",
        "create",
        {
            "ticket_id": ticket_id,
            "department_id": desk["department"],
            "deadline": "2099-12-31",
        },
    )
    desk["call"]("supervisor", "cs.ticket.dispatch", "action_dispatch", [wizard])
    with committed() as env:
        ticket = env["helpdesk.ticket"].browse(ticket_id)
        assert ticket.cs_step == "investigate"
        assert ticket.cs_step_ids.user_id.id == desk["users"]["agent"]
        assert ticket.cs_dispatch_department_id.id == desk["department"]


# -- §2.6 ------------------------------------------------------------------------
def test_2_6_portal_reads_customer_facing_fields_only(desk):
    values = desk["call"](
        "portal",
        "helpdesk.ticket",
        "read",
        [desk["complaint"]],
        ["name", "cs_step", "cs_customer_reply"],
    )
    assert values[0]["cs_customer_reply"] == "A technician comes today"
    for field in (
        "cs_root_cause",
        "cs_sanction_note",
        "cs_responsible_id",
        "cs_compensation",
    ):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            desk["call"](
                "portal", "helpdesk.ticket", "read", [desk["complaint"]], [field]
            )
        assert refused(fault), field
    described = desk["call"]("portal", "helpdesk.ticket", "fields_get", [], ["type"])
    assert "cs_root_cause" not in described and "cs_remedy_ids" not in described
    readable = [f for f, d in described.items() if not d["type"].endswith("2many")]
    everything = desk["call"](
        "portal", "helpdesk.ticket", "read", [desk["complaint"]], readable
    )
    assert "SECRET" not in str(everything)
    messages = desk["call"](
        "portal",
        "mail.message",
        "search_read",
        [("model", "=", "helpdesk.ticket"), ("res_id", "=", desk["complaint"])],
        ["body"],
    )
    assert "SECRET" not in str(messages)


# -- §2.7 ------------------------------------------------------------------------
def test_2_7_plain_employee_following_a_complaint_reaches_nothing(desk, committed):
    found = desk["call"](
        "employee", "helpdesk.ticket", "search", [("id", "=", desk["complaint"])]
    )
    assert found == []
    with pytest.raises(xmlrpc.client.Fault) as fault:
        desk["call"](
            "employee", "helpdesk.ticket", "read", [desk["complaint"]], ["name"]
        )
    assert refused(fault)
    with pytest.raises(xmlrpc.client.Fault):
        desk["call"](
            "employee",
            "helpdesk.ticket",
            "write",
            [desk["complaint"]],
            {"stage_id": desk["done"]},
        )
    with committed() as env:
        assert not env["helpdesk.ticket"].browse(desk["complaint"]).stage_id.closed


# -- §2.8 ------------------------------------------------------------------------
def test_2_8_other_companys_records_and_contacts_stay_out_of_reach(desk, committed):
    for role in ("agent", "supervisor", "manager"):
        assert (
            desk["call"](
                role, "cs.sla.policy", "search", [("id", "=", desk["other_policy"])]
            )
            == []
        )
    with pytest.raises(xmlrpc.client.Fault) as fault:
        desk["call"](
            "integration",
            "cs.api",
            "create_ticket",
            dict(TICKET_VALUES, partner_id=desk["other_contact"]),
        )
    assert refused(fault, "No contact", code=USER_ERROR)
    result = desk["call"](
        "integration",
        "cs.api",
        "create_ticket",
        dict(TICKET_VALUES, phone="+86 139 0000 8888"),
    )
    with committed() as env:
        ticket = env["helpdesk.ticket"].browse(result["id"])
        assert ticket.partner_id.id != desk["other_contact"]
        assert not ticket.partner_id.company_id


# -- §2.9 ------------------------------------------------------------------------
def _portal_session(desk, role):
    session = requests.Session()
    page = session.get(f"{desk['url']}/web/login", timeout=30).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(
        f"{desk['url']}/web/login",
        data={"login": desk["logins"][role], "password": PASSWORD, "csrf_token": csrf},
        timeout=30,
    )
    return session


def _csrf(session, url):
    page = session.get(url, timeout=30).text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_2_9_portal_close_only_own_ticket_by_post(desk, committed):
    params = {"ticket_id": desk["inquiry"], "stage_id": desk["done"]}
    stranger = _portal_session(desk, "stranger")
    response = stranger.get(
        f"{desk['url']}/ticket/close", params=params, allow_redirects=False, timeout=30
    )
    assert response.status_code == 405
    stranger.post(
        f"{desk['url']}/ticket/close",
        data=dict(params, csrf_token=_csrf(stranger, f"{desk['url']}/my")),
        allow_redirects=False,
        timeout=30,
    )
    with committed() as env:
        assert not env["helpdesk.ticket"].browse(desk["inquiry"]).stage_id.closed
    owner = _portal_session(desk, "portal")
    page_url = f"{desk['url']}/my/ticket/{desk['inquiry']}"
    response = owner.post(
        f"{desk['url']}/ticket/close",
        data=dict(params, csrf_token=_csrf(owner, page_url)),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302
    with committed() as env:
        assert (
            env["helpdesk.ticket"].browse(desk["inquiry"]).stage_id.id == desk["done"]
        )


# -- §2.10 -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "key, value",
    [
        ("kind", ["complaint"]),
        ("channel", {"wechat": 1}),
        ("subject", "x" * 201),
        ("description", "x" * 20001),
        ("phone", "1" * 65),
        ("partner_id", "12"),
    ],
)
def test_2_10_bad_input_names_the_key(desk, key, value):
    values = dict(TICKET_VALUES, phone="13900009999")
    values[key] = value
    with pytest.raises(xmlrpc.client.Fault) as fault:
        desk["call"]("integration", "cs.api", "create_ticket", values)
    assert fault.value.faultCode == 2  # a user error, not a crash
    assert key in fault.value.faultString
    assert "TypeError" not in fault.value.faultString


def test_2_10_ticket_status_bad_number(desk):
    for number in (["HT1"], {"n": 1}, "H" * 33):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            desk["call"]("integration", "cs.api", "ticket_status", number)
        assert fault.value.faultString.startswith("number ")


# -- issue 15 §5: the KPIs over the API -------------------------------------------
def test_ticket_kpis_over_xmlrpc_supervisors_only_and_blank_not_zero(desk, committed):
    """The dashboard's figures over XML-RPC for a day only this test's
    tickets were registered on: a resolved and an open ticket, neither
    answered. No response time is False (blank), never 0."""
    with committed() as env:
        registered = datetime(2019, 5, 6, 2, 0)
        Ticket = env["helpdesk.ticket"]
        tickets = Ticket.create(
            [{"name": f"KPI {i}", "description": "<p>x</p>"} for i in range(2)]
        )
        env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = ANY(%s)",
            (registered, tickets.ids),
        )
        tickets.invalidate_recordset(["create_date"])
        tickets.write({"cs_sla_start": registered})
        tickets[0].stage_id = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        tickets[0].closed_date = registered + timedelta(hours=5)
    result = desk["call"](
        "supervisor", "cs.api", "ticket_kpis", "2019-05-06", "2019-05-06"
    )
    totals = result["totals"]
    assert (totals["tickets"], totals["closed"], totals["backlog"]) == (2, 1, 1)
    assert totals["avg_resolution"] == 5.0
    assert totals["art"] is False
    for role in ("agent", "integration", "portal"):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            desk["call"](role, "cs.api", "ticket_kpis", "2019-05-06", "2019-05-06")
        assert refused(fault), fault.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as fault:
        desk["call"]("supervisor", "cs.api", "ticket_kpis", "06/05/2019", "2019-05-06")
    assert "date_from" in fault.value.faultString

"""Callbacks and quality reviews over XML-RPC on a real Odoo HTTP server, as
the agent, the supervisor and the manager (issue 10 §2.4): what only the
workflow writes is refused to a plain write or create, naming the field; the
buttons still work; the private path cannot be forged from a context. And,
across real transactions (§3.2): two generations of one campaign at once
create nothing twice, the second is told why."""

import time
import xmlrpc.client
from datetime import datetime, timedelta

import pytest

PASSWORD = "Callback-pw-1"


@pytest.fixture(scope="module")
def rpc(xmlrpc_caller, committed):
    tag = time.time_ns()
    with committed() as env:
        env.company.country_id = env.ref("base.cn")

        def user(role, group, email=False):
            return env["res.users"].create(
                {
                    "name": f"{role} {tag}",
                    "login": f"cb_{role}_{tag}",
                    "password": PASSWORD,
                    "email": email,  # call-center staff often have none
                    "groups_id": [(6, 0, [env.ref(f"cs_callcenter.{group}").id])],
                }
            )

        agent = user("agent", "group_agent")
        colleague = user("colleague", "group_agent")
        supervisor = user("supervisor", "group_supervisor")
        manager = user("manager", "group_manager", email=f"m{tag}@example.com")
        customers = env["res.partner"].create(
            [
                {
                    "name": f"RPC Owner {tag} {i}",
                    "mobile": f"+86 139 {tag % 10**4:04d} {i:04d}",
                }
                for i in range(4)
            ]
        )
        campaign = env["cs.callback.campaign"].create(
            {
                "name": f"RPC campaign {tag}",
                "partner_domain": f"[('id', 'in', {customers.ids})]",
                "agent_ids": [(6, 0, (agent | colleague).ids)],
                "user_id": supervisor.id,
                "agreed_limit_days": 14,
            }
        )
        campaign.action_generate()
        tasks = campaign.task_ids
        call = env["cs.call"].create(
            {"direction": "inbound", "number": "13800009999", "user_id": agent.id}
        )
        card = env.ref("cs_callcenter.cs_qa_scorecard_call")
        review = env["cs.qa.review"].create(
            {"call_id": call.id, "scorecard_id": card.id, "reviewer_id": supervisor.id}
        )
        review.line_ids.write({"result": "pass"})
        review.action_done()
        call2 = env["cs.call"].create(
            {"direction": "inbound", "number": "13800009998", "user_id": agent.id}
        )
        ids = {
            "agent": agent.login,
            "colleague": colleague.login,
            "supervisor": supervisor.login,
            "manager": manager.login,
            "campaign": campaign.id,
            "mine": tasks.filtered(lambda t: t.user_id == agent).ids,
            "theirs": tasks.filtered(lambda t: t.user_id == colleague).ids,
            "partner": customers[0].id,
            "company": env.company.id,
            "review": review.id,
            "call2": call2.id,
            "card": card.id,
        }
    ids["call"] = xmlrpc_caller(PASSWORD)
    yield ids
    with committed() as env:
        env["cs.callback.campaign"].browse(campaign.id).active = False


def refused(rpc, login, model, method, *args, field, **kwargs):
    """The call fails with an AccessError that names ``field``."""
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc["call"](login, model, method, *args, **kwargs)
    assert "AccessError" in fault.value.faultString or fault.value.faultCode == 4, (
        fault.value.faultString
    )
    assert field in fault.value.faultString, fault.value.faultString


@pytest.mark.parametrize("role", ["agent", "supervisor", "manager"])
@pytest.mark.parametrize(
    "field, value",
    [("outcome", "satisfied"), ("state", "done"), ("attempt_count", 9)]
    + [("satisfaction_value", 5), ("done_date", "2026-11-01 00:00:00")]
    + [("contacted", True)],
)
def test_callback_results_are_not_written_by_hand(rpc, role, field, value):
    task = rpc["mine"][0]
    refused(
        rpc, rpc[role], "cs.callback.task", "write", [task], {field: value}, field=field
    )


def test_callback_task_is_not_created_with_a_result(rpc):
    values = {
        "campaign_id": rpc["campaign"],
        "company_id": rpc["company"],
        "partner_id": rpc["partner"],
        "phone": "13900000000",
        "target_key": "rpc-manual",
        "due_date": "2026-12-01 00:00:00",
        "outcome": "satisfied",
    }
    for role in ("agent", "supervisor", "manager"):
        refused(rpc, rpc[role], "cs.callback.task", "create", values, field="outcome")


def test_the_private_path_cannot_be_forged_from_a_context(rpc):
    refused(
        rpc,
        rpc["supervisor"],
        "cs.callback.task",
        "write",
        rpc["mine"][:1],
        {"outcome": "satisfied"},
        field="outcome",
        context={"cs_workflow_write": True},
    )


def test_an_agent_does_not_reach_a_colleagues_callback(rpc):
    theirs = rpc["theirs"][:1]
    with pytest.raises(xmlrpc.client.Fault):
        rpc["call"](rpc["agent"], "cs.callback.task", "write", theirs, {"comment": "x"})
    with pytest.raises(xmlrpc.client.Fault):
        rpc["call"](rpc["agent"], "cs.callback.task", "action_refused", theirs)
    [task] = rpc["call"](
        rpc["supervisor"], "cs.callback.task", "read", theirs, ["outcome"]
    )
    assert task["outcome"] is False


def test_agreed_time_beyond_the_campaigns_reach(rpc):
    task = rpc["mine"][1:2]
    late = (datetime.now() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M:%S")
    for role in ("agent", "supervisor"):
        refused(
            rpc,
            rpc[role],
            "cs.callback.task",
            "write",
            task,
            {"agreed_date": late},
            field="agreed_date",
        )
    soon = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
    rpc["call"](rpc["agent"], "cs.callback.task", "write", task, {"agreed_date": soon})
    [read] = rpc["call"](rpc["agent"], "cs.callback.task", "read", task, ["due_date"])
    assert read["due_date"] == soon


def test_the_agent_records_the_result_through_the_buttons(rpc):
    task = rpc["mine"][:1]
    rpc["call"](rpc["agent"], "cs.callback.task", "write", task, {"satisfaction": "2"})
    # no call from the task and no other contact documented: refused
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc["call"](rpc["agent"], "cs.callback.task", "action_unsatisfied", task)
    assert "needs a contact" in fault.value.faultString
    rpc["call"](
        rpc["agent"],
        "cs.callback.task",
        "write",
        task,
        {"other_contact": "visit", "other_contact_note": "Visited flat 3-1201"},
    )
    rpc["call"](rpc["agent"], "cs.callback.task", "action_unsatisfied", task)
    [read] = rpc["call"](
        rpc["agent"],
        "cs.callback.task",
        "read",
        task,
        ["state", "outcome", "contacted"],
    )
    assert (read["state"], read["outcome"], read["contacted"]) == (
        "done",
        "unsatisfied",
        True,
    )
    # and then the result stays as recorded
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc["call"](
            rpc["agent"], "cs.callback.task", "write", task, {"satisfaction": "5"}
        )
    assert "finished" in fault.value.faultString


@pytest.mark.parametrize("role", ["supervisor", "manager"])
def test_campaign_workflow_fields(rpc, role):
    for field, value in (("state", "done"), ("skipped_dnc_count", 0)):
        refused(
            rpc,
            rpc[role],
            "cs.callback.campaign",
            "write",
            [rpc["campaign"]],
            {field: value},
            field=field,
        )


@pytest.mark.parametrize("role", ["supervisor", "manager"])
@pytest.mark.parametrize(
    "field, value",
    [("score", 100.0), ("failed", False), ("state", "acknowledged")]
    + [("acknowledged_date", "2026-11-01 00:00:00"), ("sampled", True)],
)
def test_quality_totals_are_not_written_by_hand(rpc, role, field, value):
    refused(
        rpc,
        rpc[role],
        "cs.qa.review",
        "write",
        [rpc["review"]],
        {field: value},
        field=field,
    )


def test_quality_review_is_not_created_already_scored(rpc):
    values = {
        "call_id": rpc["call2"],
        "scorecard_id": rpc["card"],
        "score": 100.0,
    }
    for role in ("agent", "supervisor", "manager"):
        refused(rpc, rpc[role], "cs.qa.review", "create", values, field="score")


def test_the_agent_answers_and_acknowledges_only(rpc):
    review = [rpc["review"]]
    for field, value in (("comment", "Perfect"), ("score", 100.0)):
        refused(
            rpc,
            rpc["agent"],
            "cs.qa.review",
            "write",
            review,
            {field: value},
            field=field,
        )
    with pytest.raises(xmlrpc.client.Fault):
        rpc["call"](rpc["agent"], "cs.qa.review", "action_reset", review)
    rpc["call"](
        rpc["agent"], "cs.qa.review", "write", review, {"agent_comment": "Noted"}
    )
    rpc["call"](rpc["agent"], "cs.qa.review", "action_acknowledge", review)
    [read] = rpc["call"](
        rpc["agent"], "cs.qa.review", "read", review, ["state", "score"]
    )
    assert (read["state"], read["score"]) == ("acknowledged", 100.0)


def test_two_generations_at_once_create_nothing_twice(registry, committed):
    """Two transactions generate the same campaign: the second is refused
    with a clear message while the first runs, and finds nothing new after."""
    import odoo
    from odoo.exceptions import UserError

    tag = time.time_ns()
    with committed() as env:
        agent = env["res.users"].create(
            {
                "name": f"Gen agent {tag}",
                "login": f"cb_gen_{tag}",
                "groups_id": [(6, 0, [env.ref("cs_callcenter.group_agent").id])],
            }
        )
        customers = env["res.partner"].create(
            [
                {
                    "name": f"Gen Owner {tag} {i}",
                    "mobile": f"+86 138 {tag % 10**4:04d} {i:04d}",
                }
                for i in range(3)
            ]
        )
        campaign_id = (
            env["cs.callback.campaign"]
            .create(
                {
                    "name": f"Concurrent {tag}",
                    "partner_domain": f"[('id', 'in', {customers.ids})]",
                    "agent_ids": [(6, 0, agent.ids)],
                }
            )
            .id
        )
    with registry.cursor() as first_cr, registry.cursor() as second_cr:
        first = odoo.api.Environment(first_cr, odoo.SUPERUSER_ID, {})
        second = odoo.api.Environment(second_cr, odoo.SUPERUSER_ID, {})
        assert first["cs.callback.campaign"].browse(campaign_id).action_generate() == 3
        # the first has not committed yet
        with pytest.raises(UserError, match="being generated right now"):
            second["cs.callback.campaign"].browse(campaign_id).action_generate()
        second_cr.rollback()
        first_cr.commit()
        # once the first is done, running it again adds nobody
        assert second["cs.callback.campaign"].browse(campaign_id).action_generate() == 0
        second_cr.commit()
    with committed() as env:
        campaign = env["cs.callback.campaign"].browse(campaign_id)
        assert len(campaign.task_ids) == 3
        campaign.active = False

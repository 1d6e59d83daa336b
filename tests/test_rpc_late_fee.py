"""Late fees and fee reports over XML-RPC on a real Odoo server, as each
role calls them: the accrued late fee in cs.api.unit_statement, a Fee
Officer charging it once, and the record rules of the policy, the charge
wizard and the arrears aging for Agents, Fee Officers and partner systems."""

import time
import xmlrpc.client

import pytest

PASSWORD = "Latefee-pw-1"


@pytest.fixture(scope="module")
def estate(committed, billed_estate):
    """Two units billed for January (200.00 and 202.50, due 2026-01-31) in
    an estate charging 0.05% a day after 10 grace days, cap 30%."""
    tag = time.time_ns()
    with committed() as env:
        estate, units, _owner = billed_estate(env, f"滞纳金花园 {tag}", f"L{tag}")
        policy = env["cs.late.fee.policy"].create(
            {"estate_id": estate.id, "daily_rate": 0.0005, "grace_days": 10}
        )

        def user(login, *groups):
            return (
                env["res.users"]
                .create(
                    {
                        "name": login,
                        "login": f"{login}{tag}",
                        "password": PASSWORD,
                        "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
                    }
                )
                .login
            )

        data = {
            "estate": estate.id,
            "policy": policy.id,
            "units": units.ids,
            "codes": units.mapped("code"),
            "fee_officer": user("latefee_officer", "cs_callcenter.group_fee_officer"),
            "agent": user("latefee_agent", "cs_callcenter.group_agent"),
            "integration": user(
                "latefee_partner",
                "base.group_portal",
                "cs_callcenter.group_integration",
            ),
        }
    return data


@pytest.fixture(scope="module")
def call(xmlrpc_caller):
    return xmlrpc_caller(PASSWORD)


def test_late_fee_statement_and_charge(estate, call):
    code = estate["codes"][0]
    partner = estate["integration"]
    statement = call(partner, "cs.api", "unit_statement", code, "2026-04-01")
    # 200.00 × 0.05% × 50 days (02-11 .. 04-01)
    assert statement["late_fee"] == 5.0
    assert statement["balance"] == 200.0
    officer = estate["fee_officer"]
    wizard = call(
        officer,
        "cs.late.fee.charge",
        "create",
        {"as_of": "2026-04-01", "unit_ids": [(6, 0, estate["units"][:1])]},
    )
    (preview,) = call(
        officer, "cs.late.fee.charge", "read", [wizard], ["fee_total", "source_count"]
    )
    assert (preview["fee_total"], preview["source_count"]) == (5.0, 1)
    call(officer, "cs.late.fee.charge", "action_confirm", [wizard])
    statement = call(partner, "cs.api", "unit_statement", code, "2026-04-01")
    assert (statement["late_fee"], statement["billed"]) == (0.0, 205.0)
    # charged once: a second charge of the same days finds nothing
    again = call(
        officer,
        "cs.late.fee.charge",
        "create",
        {"as_of": "2026-04-01", "unit_ids": [(6, 0, estate["units"][:1])]},
    )
    with pytest.raises(xmlrpc.client.Fault) as error:
        call(officer, "cs.late.fee.charge", "action_confirm", [again])
    assert "No late fee to charge" in error.value.faultString
    lines = call(
        officer,
        "account.move.line",
        "search_read",
        [("cs_late_fee_source_id.cs_unit_id", "=", estate["units"][0])],
        ["price_subtotal", "cs_late_fee_to"],
    )
    assert [(line["price_subtotal"], line["cs_late_fee_to"]) for line in lines] == [
        (5.0, "2026-04-01")
    ]


def test_late_fee_rules(estate, call):
    officer, agent, partner = (
        estate["fee_officer"],
        estate["agent"],
        estate["integration"],
    )
    rows = call(
        officer,
        "cs.arrears.report",
        "search_read",
        [("estate_id", "=", estate["estate"])],
        ["unit_id", "amount_residual"],
    )
    assert {row["unit_id"][0] for row in rows} >= set(estate["units"][1:])
    # Agents read the policy (to explain it) but neither change it, nor
    # charge, nor read the arrears of whole estates
    assert call(agent, "cs.late.fee.policy", "search", [("id", "=", estate["policy"])])
    for args in (
        ("cs.late.fee.policy", "write", [estate["policy"]], {"grace_days": 0}),
        ("cs.late.fee.charge", "create", {"unit_ids": [(6, 0, estate["units"])]}),
        ("cs.arrears.report", "search_read", []),
    ):
        with pytest.raises(xmlrpc.client.Fault) as error:
            call(agent, *args)
        assert "AccessError" in error.value.faultString or "not allowed" in (
            error.value.faultString
        )
    # partner systems only get the statement
    with pytest.raises(xmlrpc.client.Fault):
        call(partner, "cs.late.fee.policy", "search", [])
    with pytest.raises(xmlrpc.client.Fault):
        call(partner, "cs.arrears.report", "search", [])
    # Fee Officers change the policy but do not delete it
    call(officer, "cs.late.fee.policy", "write", [estate["policy"]], {"grace_days": 10})
    with pytest.raises(xmlrpc.client.Fault):
        call(officer, "cs.late.fee.policy", "unlink", [estate["policy"]])

"""cs_property over XML-RPC on a real Odoo server: cs.api.unit_statement and
the units of lookup_caller as a partner system calls them, bad input
included; and two billing runs of the same period at once, each in its own
database transaction, billing every unit exactly once."""

import threading
import time
import xmlrpc.client
from datetime import date

import pytest

PASSWORD = "Integration-pw-1"
JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)
UNITS = 30


@pytest.fixture(scope="module")
def estate(committed):
    """An estate of UNITS units with one payer each, billed for January."""
    tag = time.time_ns()
    with committed() as env:
        estate = env["cs.estate"].create({"name": f"浦江花园 {tag}", "code": f"E{tag}"})
        building = env["cs.building"].create({"estate_id": estate.id, "name": "A"})
        units = env["cs.unit"].create(
            [
                {
                    "building_id": building.id,
                    "code": f"{tag}-{number:04d}",
                    "area": 80 + number,
                }
                for number in range(UNITS)
            ]
        )
        owner = env["res.partner"].create(
            {"name": "张伟", "mobile": f"+86 139 {tag % 10000:04d} 8765"}
        )
        env["cs.unit.occupancy"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "role": "owner",
                    "is_payer": True,
                    "date_from": date(2020, 1, 1),
                }
                for unit in units
            ]
        )
        item = env["cs.fee.item"].create(
            {
                "name": "物业服务费",
                "method": "area",
                "rate": 2.5,
                "estate_id": estate.id,
            }
        )
        run = env["cs.billing.run"].create(
            {"period_start": JAN, "estate_ids": [(6, 0, estate.ids)]}
        )
        run.action_run()
        integration = env["res.users"].create(
            {
                "name": f"Partner system {tag}",
                "login": f"property{tag}",
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
        agent = env["res.users"].create(
            {
                "name": f"Agent {tag}",
                "login": f"property_agent{tag}",
                "password": PASSWORD,
                "groups_id": [(6, 0, [env.ref("cs_callcenter.group_agent").id])],
            }
        )
        data = {
            "agent": agent.login,
            "estate": estate.id,
            "estate_name": estate.name,
            "item": item.id,
            "codes": units.mapped("code"),
            "owner": owner.id,
            "mobile": owner.mobile,
            "login": integration.login,
        }
    return data


@pytest.fixture(scope="module")
def call(odoo_url, test_db):
    common = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(f"{odoo_url}/xmlrpc/2/object", allow_none=True)

    def call(login, method, *args, model="cs.api", **kwargs):
        uid = common.authenticate(test_db, login, PASSWORD, {})
        assert uid, f"cannot log in as {login}"
        return models.execute_kw(
            test_db, uid, PASSWORD, model, method, list(args), kwargs
        )

    return call


def test_unit_statement_over_http(estate, call):
    code = estate["codes"][0]  # 80 m² × 2.50 = 200.00 for January
    result = call(estate["login"], "unit_statement", code, "2026-03-15")
    assert result == {
        "unit": code,
        "estate": estate["estate_name"],
        "payer": {"id": estate["owner"], "name": "张伟"},
        "billed": 200.0,
        "paid": 0.0,
        "balance": 200.0,
        "prepaid": 0.0,
        "overdue": {"0-30": 0.0, "31-90": 200.0, "91-365": 0.0, "365+": 0.0},
        "late_fee": 0.0,  # the estate has no late fee policy
        "invoices": [
            {
                "number": result["invoices"][0]["number"],
                "period": "2026-01",
                "amount": 200.0,
                "residual": 200.0,
                "due_date": "2026-01-31",
                "state": "not_paid",
            }
        ],
    }
    assert result["invoices"][0]["number"]
    before = call(estate["login"], "unit_statement", code, "2025-12-31")
    assert (before["billed"], before["invoices"]) == (0.0, [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("NO-SUCH-UNIT",), "No unit with code NO-SUCH-UNIT"),
        (("",), "unit_code must be a non-empty string"),
        ((42,), "unit_code must be a non-empty string"),
        (("X", "15/01/2026"), "as_of must be a date string YYYY-MM-DD"),
        (("X", 20260115), "as_of must be a date string YYYY-MM-DD"),
    ],
)
def test_unit_statement_bad_input(estate, call, args, message):
    if args[0] == "X":
        args = (estate["codes"][0], *args[1:])
    with pytest.raises(xmlrpc.client.Fault) as error:
        call(estate["login"], "unit_statement", *args)
    assert message in error.value.faultString


def test_agent_sees_unit_balances_not_invoices(estate, call):
    """Over XML-RPC as an Agent: units and their balance, no invoice."""
    code = estate["codes"][0]
    [unit] = call(
        estate["agent"],
        "search_read",
        [("code", "=", code)],
        model="cs.unit",
        fields=["code", "balance", "payer_id"],
    )
    assert (unit["code"], unit["balance"]) == (code, 200.0)
    assert unit["payer_id"][0] == estate["owner"]
    for model in ("account.move", "account.move.line", "cs.charge"):
        with pytest.raises(xmlrpc.client.Fault) as error:
            call(estate["agent"], "search_read", [], model=model, fields=["id"])
        assert "not allowed" in error.value.faultString, model
    with pytest.raises(xmlrpc.client.Fault):
        call(
            estate["agent"],
            "write",
            [unit["id"]],
            {"area": 1.0},
            model="cs.unit",
        )


def test_lookup_caller_lists_units(estate, call):
    result = call(estate["login"], "lookup_caller", estate["mobile"])
    assert result["partners"][0]["id"] == estate["owner"]
    units = result["units"]
    assert len(units) == 20  # the card lists 20 units at most
    assert units[0].keys() == {"id", "code", "estate", "role", "balance"}
    first = units[0]  # payer first, then by date and id
    assert first["code"] == estate["codes"][0]
    assert (first["estate"], first["role"], first["balance"]) == (
        estate["estate_name"],
        "owner",
        200.0,
    )


def test_two_runs_at_once_bill_each_unit_once(estate, registry):
    """Two billing runs of February, each in its own transaction started at
    the same moment: the register's unique index makes the later one fail
    (or find everything billed) instead of billing twice."""
    import odoo

    barrier = threading.Barrier(2)
    outcomes = []

    def bill():
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            run = env["cs.billing.run"].create(
                {
                    "period_start": FEB,
                    "estate_ids": [(6, 0, [estate["estate"]])],
                    "batch_size": 10,
                }
            )
            env.flush_all()
            barrier.wait(timeout=30)
            try:
                run.action_run()
                env.flush_all()
                cr.commit()
                outcomes.append(("done", run.charge_count))
            except odoo.exceptions.UserError as error:
                cr.rollback()
                outcomes.append(("refused", str(error)))

    threads = [threading.Thread(target=bill) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(outcomes) == 2, outcomes
    assert any(kind == "done" for kind, _detail in outcomes), outcomes
    with registry.cursor() as cr:
        cr.execute(
            """SELECT unit_id, count(*) FROM cs_charge
                WHERE fee_item_id = %s AND period_start = %s
                  AND state != 'cancelled'
             GROUP BY unit_id""",
            (estate["item"], FEB),
        )
        counts = dict(cr.fetchall())
        cr.execute(
            """SELECT count(*) FROM account_move_line
                WHERE cs_fee_item_id = %s AND cs_period_start = %s""",
            (estate["item"], FEB),
        )
        lines = cr.fetchone()[0]
    assert len(counts) == UNITS
    assert set(counts.values()) == {1}
    assert lines == UNITS
    print("outcomes of the two runs:", outcomes)
    for kind, detail in outcomes:
        if kind == "done":
            assert detail in (0, UNITS)
        else:
            assert "Another billing run" in detail

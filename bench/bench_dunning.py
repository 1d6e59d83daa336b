"""Credit control run (催缴) at 200,000 overdue fee invoices on 50,000 units.

    python3 bench/bench_dunning.py [--units 50000] [--months 4] [--reuse]
                                   [--db NAME] [--smoke]

Builds a database ``cs_bench_dunning`` with cs_property (no demo): one estate
of ``--units`` units, each with a payer (COPYed contacts with a mobile), and
``--months`` posted, unpaid fee invoices per unit, due long ago. One invoice
is made by Odoo (create, post); the others are its copies written with SQL
(one statement per table), not one invoice at a time.

Then, on that data:

* baseline: account_credit_control's own run, with a policy of one phone
  level and no property rule (the property policies archived), its own line
  creation (context ``cs_upstream_baseline``), rolled back — its level
  selection is the suite's set-based one (upstream's correlated subquery did
  not finish in 20 minutes at 20,000 invoices);
* the property run: the same level on the property policy — a credit line
  per invoice and a callback task per payer and unit in the estate's
  fee-reminder campaign (its fee officers as agents) — timed, then run again
  the same day, which must create no task and no notice twice.

Prints both times and their ratio. Runs called directly never commit: every
run here is rolled back. ``--smoke``: 40 units × 4 months.
"""

import os
import sys
import time
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

DB = "cs_bench_dunning"
SIZES = {"units": 50_000, "months": 4}
SMOKE = {"units": 40, "months": 4}
PER_BUILDING = 500
FIRST_MONTH = date(2025, 1, 1)


def month(index):
    year, rest = divmod(FIRST_MONTH.month - 1 + index, 12)
    return date(FIRST_MONTH.year + year, rest + 1, 1)


def setup(env, units):
    """The estate, its units and payers, two fee officers (created once)."""
    ctx = {"tracking_disable": True, "mail_create_nolog": True}
    Estate = env["cs.estate"].with_context(**ctx)
    estate = Estate.search([("code", "=", "DUN")])
    if estate and estate.unit_count == units:
        return estate
    if estate:
        raise SystemExit("the database holds another size: run without --reuse")
    if not env.company.chart_template:
        env["account.chart.template"].try_loading("generic_coa", env.company)
    officers = env["res.users"].create(
        [
            {
                "name": f"Bench Fee Officer {n}",
                "login": f"bench_fee_officer_{n}",
                "groups_id": [(6, 0, [env.ref("cs_callcenter.group_fee_officer").id])],
            }
            for n in range(2)
        ]
    )
    estate = Estate.create(
        {
            "name": "催缴花园",
            "code": "DUN",
            "cs_fee_officer_ids": [(6, 0, officers.ids)],
        }
    )
    buildings = env["cs.building"].create(
        [
            {"estate_id": estate.id, "name": f"{number + 1}栋"}
            for number in range((units + PER_BUILDING - 1) // PER_BUILDING)
        ]
    )
    first = benchlib.next_partner_id(env)
    benchlib.copy_partners(
        env,
        [
            {
                "id": first + i,
                "name": f"Bench Payer {i}",
                "mobile": f"+86 137{i:08d}",
                "mobile_e164": f"+86137{i:08d}",  # what normalize stores
                "autopost_bills": "ask",  # NOT NULL, added by account
            }
            for i in range(units)
        ],
    )
    Unit = env["cs.unit"].with_context(**ctx)
    for start in range(0, units, 5000):
        chunk = range(start, min(start + 5000, units))
        created = Unit.create(
            [
                {
                    "building_id": buildings[i // PER_BUILDING].id,
                    "code": f"D-{i:06d}",
                    "area": 80,
                }
                for i in chunk
            ]
        )
        env["cs.unit.occupancy"].create(
            [
                {
                    "unit_id": unit.id,
                    "partner_id": first + i,
                    "role": "owner",
                    "is_payer": True,
                    "date_from": date(2020, 1, 1),
                }
                for unit, i in zip(created, chunk, strict=True)
            ]
        )
        env.cr.commit()
        env.invalidate_all()
    env.cr.commit()
    return estate


def columns(env, table):
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        (table,),
    )
    return [row[0] for row in env.cr.fetchall()]


def invoices(env, estate, months):
    """``months`` posted, unpaid fee invoices per unit: one by Odoo, the rest
    its copies in SQL (moves, then their lines, joined by name)."""
    Move = env["account.move"]
    if Move.search_count([("cs_estate_id", "=", estate.id)]):
        return
    units = env["cs.unit"].search([("estate_id", "=", estate.id)], order="id")
    unit = units[0]
    template = Move.create(
        {
            "move_type": "out_invoice",
            "partner_id": unit.payer_id.id,
            "cs_unit_id": unit.id,
            "cs_period_start": month(0),
            "invoice_date": month(0),
            "invoice_date_due": month(0) + timedelta(days=30),
            "invoice_line_ids": [
                (0, 0, {"name": "物业服务费", "quantity": 80, "price_unit": 2.5})
            ],
        }
    )
    template.action_post()
    env.flush_all()
    cr = env.cr
    cr.execute("DROP TABLE IF EXISTS bench_dun")
    cr.execute(
        """
        CREATE TEMP TABLE bench_dun AS
        SELECT u.id AS unit_id, o.partner_id, m.n,
               (date %s + make_interval(months => m.n))::date AS period,
               'DUN/' || u.id || '/' || m.n AS name
          FROM cs_unit u
          JOIN cs_unit_occupancy o ON o.unit_id = u.id AND o.is_payer
         CROSS JOIN generate_series(0, %s - 1) AS m(n)
         WHERE u.estate_id = %s AND NOT (u.id = %s AND m.n = 0)
        """,
        (month(0), months, estate.id, unit.id),
    )
    overrides = {
        "name": "b.name",
        "partner_id": "b.partner_id",
        "commercial_partner_id": "b.partner_id",
        "partner_shipping_id": "b.partner_id",
        "cs_unit_id": "b.unit_id",
        "cs_period_start": "b.period",
        "date": "b.period",
        "invoice_date": "b.period",
        "invoice_date_due": "b.period + 30",
        "cs_limitation_date": "b.period + 30 + interval '3 years'",
        "payment_reference": "b.name",
        "sequence_number": "NULL",
        "create_date": "now() at time zone 'UTC'",
        "write_date": "now() at time zone 'UTC'",
    }
    move_cols = columns(env, "account_move")
    cr.execute(
        "INSERT INTO account_move ({cols}) SELECT {values} FROM bench_dun b, "
        "account_move t WHERE t.id = %s".format(
            cols=", ".join(f'"{c}"' for c in move_cols),
            values=", ".join(overrides.get(c, f't."{c}"') for c in move_cols),
        ),
        (template.id,),
    )
    line_overrides = {
        "move_id": "m.id",
        "move_name": "m.name",
        "partner_id": "b.partner_id",
        "cs_unit_id": "CASE WHEN t.cs_unit_id IS NULL THEN NULL ELSE b.unit_id END",
        "cs_period_start": "CASE WHEN t.cs_period_start IS NULL THEN NULL "
        "ELSE b.period END",
        "date": "b.period",
        "invoice_date": "b.period",
        "date_maturity": "CASE WHEN t.date_maturity IS NULL THEN NULL "
        "ELSE b.period + 30 END",
        "create_date": "now() at time zone 'UTC'",
        "write_date": "now() at time zone 'UTC'",
    }
    line_cols = columns(env, "account_move_line")
    cr.execute(
        "INSERT INTO account_move_line ({cols}) SELECT {values} FROM bench_dun b "
        "JOIN account_move m ON m.name = b.name AND m.journal_id = %s "
        "CROSS JOIN account_move_line t WHERE t.move_id = %s".format(
            cols=", ".join(f'"{c}"' for c in line_cols),
            values=", ".join(line_overrides.get(c, f't."{c}"') for c in line_cols),
        ),
        (template.journal_id.id, template.id),
    )
    cr.execute("ANALYZE account_move")
    cr.execute("ANALYZE account_move_line")
    cr.commit()
    env.invalidate_all()


def policies(env):
    """A phone level first (what the timed run must reach) on the property
    policy, and the same level on a plain account_credit_control policy."""
    Policy = env["credit.control.policy"].with_context(active_test=False)
    template = env.ref("account_credit_control.email_template_credit_control_base")
    level = {
        "name": "电话催缴",
        "level": 1,
        "computation_mode": "net_days",
        "delay_days": 10,
        "channel": "phone",
        "cs_stage": "phone",
        "email_template_id": template.id,
        "custom_text": "Phone call",
        "custom_mail_text": "<p>Phone call</p>",
    }
    found = Policy.search([("name", "like", "Bench %")])
    if found:
        return found.filtered("cs_property"), found - found.filtered("cs_property")
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable")]
    )
    env.ref("cs_property.cs_collection_policy").active = False
    ours, theirs = Policy.create(
        [
            {
                "name": "Bench property",
                "cs_property": True,
                "level_ids": [(0, 0, level)],
            },
            {
                "name": "Bench upstream",
                "account_ids": [(6, 0, receivable.ids)],
                "level_ids": [(0, 0, dict(level, cs_stage=False))],
            },
        ]
    )
    env.cr.commit()
    return ours, theirs


def timed_run(env, policy, day, **context):
    run = (
        env["credit.control.run"]
        .with_context(**context)
        .create({"date": day, "policy_ids": [(6, 0, policy.ids)]})
    )
    env.flush_all()
    env.invalidate_all()
    started = time.perf_counter()
    run.generate_credit_lines()
    env.flush_all()
    return time.perf_counter() - started


def count(env, table, where=""):
    env.cr.execute(f"SELECT count(*) FROM {table} {where}")
    return env.cr.fetchone()[0]


def main():
    parser = benchlib.arguments(__doc__.splitlines()[0], DB, SIZES, SMOKE)
    args = benchlib.parse(parser, SMOKE)
    pgenv.require_odoo()
    with pgenv.postgres() as pg:
        benchlib.database(pg, args, "cs_property")
        env = benchlib.open_env(pg, args.db)
        cr = env.cr
        with cr:
            estate = setup(env, args.units)
            invoices(env, estate, args.months)
            ours, theirs = policies(env)
            day = month(args.months) + timedelta(days=60)
            total = count(env, "account_move", f"WHERE cs_estate_id = {estate.id}")

            # account_credit_control's own run: the company's policy, no
            # property rule (the property policy archived for it)
            env.company.credit_policy_id = theirs
            ours.active = False
            baseline = timed_run(env, theirs, day, cs_upstream_baseline=True)
            baseline_lines = count(env, "credit_control_line")
            cr.rollback()
            env.invalidate_all()

            elapsed = timed_run(env, ours, day)
            lines = count(env, "credit_control_line", "WHERE state != 'ignored'")
            tasks = count(env, "cs_callback_task")
            notices = count(env, "cs_collection_notice")
            rerun = timed_run(env, ours, day)
            lines_again = count(env, "credit_control_line", "WHERE state != 'ignored'")
            tasks_again = count(env, "cs_callback_task")
            notices_again = count(env, "cs_collection_notice")
            cr.rollback()
    print(f"units: {args.units:,}  overdue fee invoices: {total:,}")
    print(
        f"account_credit_control's own run (baseline): {baseline:.1f} s, "
        f"{baseline_lines:,} lines"
    )
    print(
        f"property run: {elapsed:.1f} s, {lines:,} lines, {tasks:,} phone tasks "
        f"(x{baseline / elapsed:,.2f} vs baseline)"
    )
    print(
        f"rerun the same day: {rerun:.1f} s, {lines_again:,} live lines, "
        f"{tasks_again - tasks} new tasks, {notices_again - notices} new notices"
    )
    ok = (
        lines == total
        and tasks == args.units
        and lines_again == lines
        and tasks_again == tasks
        and notices_again == notices
        and baseline_lines == total
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Property-fee billing run at 50,000 units × 3 fee items.

    python3 bench/bench_billing.py [--units 50000] [--sample 200] [--batch 500]
                                   [--reuse] [--smoke]

Builds a database ``cs_bench_billing`` with cs_property (no demo), COPYs the
owners, creates one estate of ``--units`` units (each with a payer) and three
fee items (area × rate, two fixed), then times a billing run of January as
the cron runs it: batches of ``--batch`` units, each committed. It prints the
time, the invoices and charges made, then times a second run of the same
month (which must create nothing). Baseline in the same run: Odoo's own
invoice creation, one invoice at a time (create, then post), timed on
``--sample`` units for February and scaled to all units.
``--smoke`` runs a tiny size (60 units, sample 5) to check that it works.

Each timing gives the wall time and the CPU time of this process (Odoo) and
of its PostgreSQL backend (when the server runs on this machine): on a
shared machine the CPU times are the cost of the work, the wall time depends
on the load. Below 50,000 units the run is extrapolated to 50,000 invoices.
"""

import argparse
import os
import sys
import time
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

DB = "cs_bench_billing"
JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)
PER_BUILDING = 500


def setup(env, units):
    """The estate, its owners, units, payers and fee items (created once)."""
    ctx = {"tracking_disable": True, "mail_create_nolog": True}
    Estate = env["cs.estate"].with_context(**ctx)
    estate = Estate.search([("code", "=", "BENCH")])
    if estate and estate.unit_count == units:
        return estate
    if estate:
        raise SystemExit("the database holds another size: run without --reuse")
    if not env.company.chart_template:
        env["account.chart.template"].try_loading("generic_coa", env.company)
    estate = Estate.create({"name": "基准花园", "code": "BENCH"})
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
                "name": f"Bench Owner {i}",
                "mobile": f"+86 138{i:08d}",
                "autopost_bills": "ask",  # NOT NULL, added by account
            }
            for i in range(units)
        ],
    )
    Unit = env["cs.unit"].with_context(**ctx)
    Occupancy = env["cs.unit.occupancy"]
    for start in range(0, units, 5000):
        chunk = range(start, min(start + 5000, units))
        created = Unit.create(
            [
                {
                    "building_id": buildings[i // PER_BUILDING].id,
                    "code": f"B-{i:06d}",
                    "area": 60 + (i % 90) + 0.37,
                    "unit_type": "residential",
                }
                for i in chunk
            ]
        )
        Occupancy.create(
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
    env["cs.fee.item"].create(
        [
            {
                "name": "物业服务费",
                "method": "area",
                "rate": 2.8,
                "estate_id": estate.id,
            },
            {
                "name": "垃圾清运费",
                "method": "fixed",
                "rate": 15,
                "estate_id": estate.id,
            },
            {
                "name": "公共能耗费",
                "method": "fixed",
                "rate": 8.5,
                "estate_id": estate.id,
            },
        ]
    )
    env.cr.commit()
    return estate


class Clock:
    """Wall time, this process's CPU time and the CPU time of the cursor's
    PostgreSQL backend (read from /proc when the server runs on this
    machine, else unknown): on a shared machine the CPU times say what the
    work costs, whatever the load."""

    def __init__(self, cr):
        cr.execute("SELECT pg_backend_pid()")
        self.stat = f"/proc/{cr.fetchone()[0]}/stat"

    def backend(self):
        try:
            with open(self.stat) as stat:
                values = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(values[11]) + int(values[12])) / os.sysconf("SC_CLK_TCK")

    def start(self):
        self.started = (time.perf_counter(), time.process_time(), self.backend())

    def stop(self):
        wall, cpu, backend = self.started
        backend_now = self.backend()
        return {
            "wall": time.perf_counter() - wall,
            "cpu": time.process_time() - cpu,
            "pg": None if backend is None else backend_now - backend,
        }


def describe(times, count=None):
    """``times`` in seconds, and per invoice in ms when ``count`` is given."""
    text = f"{times['wall']:.1f} s wall, {times['cpu']:.1f} s CPU Odoo"
    if times["pg"] is not None:
        text += f" + {times['pg']:.1f} s CPU PostgreSQL"
    if not count:
        return text
    per = count / 1000
    each = f"{times['wall'] / per:.1f} ms wall, {times['cpu'] / per:.1f} ms CPU Odoo"
    if times["pg"] is not None:
        each += f" + {times['pg'] / per:.1f} ms CPU PostgreSQL"
    return f"{text} ({each} per invoice)"


def run_in_batches(env, estate, period, batch, clock):
    """A billing run worked as the cron works it: a batch, a commit."""
    run = env["cs.billing.run"].create(
        {
            "period_start": period,
            "estate_ids": [(6, 0, estate.ids)],
            "batch_size": batch,
        }
    )
    run._cs_start()
    env.cr.commit()
    clock.start()
    while run._cs_run_batch():
        env.cr.commit()
        env.invalidate_all()
    env.cr.commit()
    return run, clock.stop()


def one_at_a_time(env, estate, sample, clock):
    """The baseline: each unit's invoice created alone with its three lines,
    then posted, through Odoo's own invoice creation."""
    units = env["cs.unit"].search([("estate_id", "=", estate.id)], limit=sample)
    items = env["cs.fee.item"].search([("estate_id", "=", estate.id)])
    clock.start()
    for unit in units:
        move = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": unit.payer_id.id,
                "invoice_date": FEB,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": item.product_id.id,
                            "quantity": unit.area if item.method == "area" else 1,
                            "price_unit": item.rate,
                        },
                    )
                    for item in items
                ],
            }
        )
        move.action_post()
    env.flush_all()
    return clock.stop(), len(units)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--db", default=DB, help=f"database (default {DB})")
    parser.add_argument("--smoke", action="store_true", help="tiny size: 60 units")
    args = parser.parse_args()
    if args.smoke:
        args.units, args.sample, args.batch = 60, 5, 25
    pgenv.require_odoo()
    with pgenv.postgres() as pg:
        if not (args.reuse and pg.db_exists(args.db)):
            benchlib.install(pg, args.db, "cs_property")
        env = benchlib.open_env(pg, args.db)
        cr = env.cr
        with cr:
            estate = setup(env, args.units)
            # start from an unbilled January and February
            cr.execute("SELECT count(*) FROM cs_charge")
            if cr.fetchone()[0]:
                raise SystemExit("the database was billed already: run without --reuse")
            clock = Clock(cr)
            run, times = run_in_batches(env, estate, JAN, args.batch, clock)
            invoices, charges = run.invoice_count, run.charge_count
            again, rerun = run_in_batches(env, estate, JAN, args.batch, clock)
            again_charges = again.charge_count
            naive, sampled = one_at_a_time(env, estate, args.sample, clock)
            cr.rollback()
    print(f"units: {args.units:,}  fee items: 3  batch: {args.batch}")
    print(
        f"billing run: {invoices:,} invoices, {charges:,} charges in "
        + describe(times, invoices)
    )
    print(f"second run (nothing new): {again_charges} charges in " + describe(rerun))
    print(f"baseline, one invoice at a time, on {sampled}: " + describe(naive, sampled))
    scale = args.units / max(sampled, 1)
    print(
        f"baseline scaled to {args.units:,} units: {naive['wall'] * scale:.1f} s "
        f"wall (x{naive['wall'] * scale / times['wall']:,.2f} the run), "
        f"{naive['cpu'] * scale:.1f} s CPU Odoo "
        f"(x{naive['cpu'] * scale / max(times['cpu'], 1e-9):,.2f})"
    )
    if args.units < 50_000 and invoices:
        factor = 50_000 / invoices
        print(
            f"extrapolated to 50,000 invoices: {times['wall'] * factor / 60:.1f} min "
            f"wall at this load, {times['cpu'] * factor / 60:.1f} min CPU Odoo"
            + (
                f" + {times['pg'] * factor / 60:.1f} min CPU PostgreSQL"
                if times["pg"] is not None
                else ""
            )
        )
    ok = charges == 3 * args.units and again_charges == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""SLA cron and complaint register at 100,000 open tickets.

    python3 bench/bench_tickets.py [--tickets 100000] [--reuse] [--db NAME] [--smoke]

Builds a database ``cs_bench_tickets`` with cs_helpdesk, generates the open
complaints with SQL (one ORM-made ticket copied, SLA deadlines planned by the
module's own ``_cs_plan`` for each distinct start minute), then measures:

1. The SLA cron (``_cron_cs_sla``, batches of 1,000 committed one by one as
   Odoo's cron runner does) in two situations: *steady* — statuses as the
   previous run five minutes ago left them, so only the tickets crossing a
   threshold since then move; *catch-up* — every ticket still "on track" and
   never escalated (the cron was off for ten days), so most of them move,
   get a chatter line, an activity or a manager digest. Baseline in the same
   run: the per-ticket way, asking the calendar for each ticket's elapsed
   working hours, timed on 2,000 tickets and scaled to all of them.
2. 《顾客投诉登记表》 of all the tickets through the report engine
   (report_xlsx), with the process's peak memory (ru_maxrss) and its growth
   during the export. Baseline: the same workbook written by xlsxwriter in its
   default (everything in memory) mode.

``--smoke``: 300 tickets, baseline on 50 (checks it still runs).
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

DB = "cs_bench_tickets"
SIZES = {"tickets": 100_000, "baseline": 2000}
SMOKE = {"tickets": 300, "baseline": 50}
SPREAD_MINUTES = 10 * 24 * 60  # tickets registered over the last ten days
BATCH = 1000


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(env, count, now):
    """``count`` open complaints registered over ten days, 70 % already
    answered, their deadlines planned by the Standard policy's calendar."""
    Ticket = env["helpdesk.ticket"]
    department = env["hr.department"].create({"name": "Bench Engineering"})
    partner = env["res.partner"].create(
        {"name": "Bench Owner", "phone": "+86 21 6123 4567"}
    )
    # a team with a leader: at-risk tickets give the leader an activity each
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench desk", "user_id": env.ref("base.user_admin").id}
    )
    policy = env.ref("cs_helpdesk.cs_sla_policy_standard")
    env.ref("cs_helpdesk.cs_sla_policy_complaint").active = False
    template = Ticket.create(
        {
            "name": "Bench complaint",
            "description": "<p>The lift is <b>noisy</b> at night.</p>",
            "cs_kind": "complaint",
            "team_id": team.id,
            "partner_id": partner.id,
            "cs_request": "Fix it",
            "cs_department_id": department.id,
            "cs_cause": "facilities",
            "cs_founded": "founded",
        }
    )
    env.flush_all()
    started = time.time()
    env.cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'helpdesk_ticket' AND column_name != 'id'
        """
    )
    columns = [row[0] for row in env.cr.fetchall()]
    overrides = {
        "number": "'HTB' || lpad(g::text, 7, '0')",
        "name": "'Bench complaint ' || g",
        "create_date": "%(now)s - (g %% %(spread)s) * interval '1 minute'",
        "cs_sla_start": "%(now)s - (g %% %(spread)s) * interval '1 minute'",
        "cs_first_response_date": (
            "CASE WHEN g %% 10 < 7 THEN %(now)s - (g %% %(spread)s) * "
            "interval '1 minute' + interval '30 minutes' END"
        ),
        "cs_response_count": "CASE WHEN g %% 10 < 7 THEN 1 ELSE 0 END",
    }
    select = ", ".join(overrides.get(c, f'"{c}"') for c in columns)
    env.cr.execute(
        f"""
        INSERT INTO helpdesk_ticket ({", ".join(f'"{c}"' for c in columns)})
        SELECT {select}
          FROM helpdesk_ticket, generate_series(1, %(count)s) g
         WHERE helpdesk_ticket.id = %(template)s
        """,
        {"now": now, "spread": SPREAD_MINUTES, "count": count, "template": template.id},
    )
    # deadlines: one plan per distinct start minute, by the module's planner
    plans = io.StringIO()
    for minute in range(SPREAD_MINUTES):
        start = now - timedelta(minutes=minute)
        deadline, response, risk_resolution, risk_response = policy._cs_plan(
            start,
            [
                policy.resolution_hours,
                policy.response_hours,
                policy.resolution_hours * policy.risk_percent / 100,
                policy.response_hours * policy.risk_percent / 100,
            ],
        )
        plans.write(
            f"{start}\t{deadline}\t{response}\t{risk_resolution}\t{risk_response}\n"
        )
    plans.seek(0)
    env.cr.execute(
        "CREATE TEMP TABLE bench_plan (start timestamp, deadline timestamp, "
        "response timestamp, risk_resolution timestamp, risk_response timestamp)"
    )
    env.cr.copy_from(plans, "bench_plan")
    env.cr.execute(
        """
        UPDATE helpdesk_ticket t
           SET cs_sla_policy_id = %s,
               cs_sla_deadline = p.deadline,
               cs_sla_response_deadline = p.response,
               cs_sla_next_deadline = CASE WHEN t.cs_first_response_date IS NULL
                                           THEN p.response ELSE p.deadline END,
               cs_sla_risk_date = CASE WHEN t.cs_first_response_date IS NULL
                                       THEN p.risk_response ELSE p.risk_resolution END
          FROM bench_plan p
         WHERE p.start = t.cs_sla_start AND t.number LIKE 'HTB%%'
        """,
        [policy.id],
    )
    env.cr.execute("DELETE FROM helpdesk_ticket WHERE id = %s", [template.id])
    env.cr.execute("ANALYZE helpdesk_ticket")
    print(f"generated {count:,} tickets in {time.time() - started:.1f}s", flush=True)


def set_statuses(env, moment):
    """Statuses and escalations as a cron run at ``moment`` leaves them
    (``moment=None``: never run, all on track and never escalated)."""
    env.cr.execute(
        "DELETE FROM mail_activity WHERE res_model = 'helpdesk.ticket';"
        "DELETE FROM mail_message WHERE model = 'helpdesk.ticket' "
        "   AND body::text LIKE '%%SLA %%';"
        "DELETE FROM mail_message WHERE model IS NULL AND subject LIKE 'SLA %%'"
    )
    if moment is None:
        env.cr.execute(
            "UPDATE helpdesk_ticket SET cs_sla_status = 'on_track', "
            "cs_sla_escalation = NULL WHERE number LIKE 'HTB%%'"
        )
    else:
        env.cr.execute(
            """
            UPDATE helpdesk_ticket SET cs_sla_status = s.status,
                   cs_sla_escalation = CASE WHEN s.status = 'on_track' THEN NULL
                                            ELSE s.status END
              FROM (SELECT id, CASE WHEN cs_sla_next_deadline < %(m)s THEN 'breached'
                                    WHEN cs_sla_risk_date <= %(m)s THEN 'at_risk'
                                    ELSE 'on_track' END AS status
                      FROM helpdesk_ticket WHERE number LIKE 'HTB%%') s
             WHERE s.id = helpdesk_ticket.id
            """,
            {"m": moment},
        )
    env.cr.commit()
    env.invalidate_all()


def run_cron(env):
    """The cron's batches until nothing remains, committing each batch."""
    Ticket = env["helpdesk.ticket"]
    started = time.perf_counter()
    runs = 0
    while True:
        runs += 1
        remaining = Ticket._cron_cs_sla(batch_size=BATCH)
        env.cr.commit()
        env.invalidate_all()
        if not remaining:
            break
    elapsed = time.perf_counter() - started
    env.cr.execute(
        "SELECT cs_sla_status, count(*) FROM helpdesk_ticket "
        "WHERE number LIKE 'HTB%%' GROUP BY 1 ORDER BY 1"
    )
    return elapsed, runs, dict(env.cr.fetchall())


def naive_per_ticket(env, sample):
    """The baseline: each open ticket's elapsed working hours asked from the
    calendar, as a cron without stored deadlines must do."""
    Ticket = env["helpdesk.ticket"]
    tickets = Ticket.search([("number", "like", "HTB")], limit=sample)
    now = datetime.now()
    started = time.perf_counter()
    for ticket in tickets:
        policy = ticket.cs_sla_policy_id
        elapsed = ticket._cs_work_hours(ticket.cs_sla_start, now)
        target = policy.resolution_hours
        _status = (
            "breached"
            if elapsed > target
            else "at_risk"
            if elapsed >= target * policy.risk_percent / 100
            else "on_track"
        )
    return (time.perf_counter() - started) / len(tickets)


def export_register(env, tickets, in_memory):
    """The register through report_xlsx (rows written to disk as they come),
    or, for the baseline, the same rows with xlsxwriter keeping every cell in
    memory (its default mode)."""
    import xlsxwriter

    Report = env["report.cs_helpdesk.complaint_register_xlsx"]
    before = rss_mb()
    started = time.perf_counter()
    if in_memory:
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {})
        Report.generate_xlsx_report(workbook, None, tickets)
        workbook.close()
        size = len(output.getvalue())
    else:
        content, _kind = env["ir.actions.report"]._render_xlsx(
            "cs_helpdesk.complaint_register_xlsx", tickets.ids, None
        )
        size = len(content)
    return {
        "seconds": time.perf_counter() - started,
        "rss_before": before,
        "peak": peak_mb(),
        "mb": size / 2**20,
    }


def register_part(part, db):
    """Run in a process of its own, so its peak memory is the export's."""
    with pgenv.postgres() as pg:
        env = benchlib.open_env(pg, db)
        tickets = env["helpdesk.ticket"].search([("number", "like", "HTB")])
        env.invalidate_all()
        result = export_register(env, tickets, part == "register-baseline")
        result["rows"] = len(tickets)
        env.cr.rollback()
        env.cr.close()
    print(json.dumps(result))


def main():
    parser = benchlib.arguments(__doc__.splitlines()[0], DB, SIZES, SMOKE)
    parser.add_argument(
        "--part", choices=["register", "register-baseline"], help=argparse.SUPPRESS
    )
    args = benchlib.parse(parser, SMOKE)
    pgenv.require_odoo()
    if args.part:
        return register_part(args.part, args.db)
    with pgenv.postgres() as pg:
        benchlib.database(pg, args, "cs_helpdesk")
        env = benchlib.open_env(pg, args.db)
        cr = env.cr
        cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE number LIKE 'HTB%%'")
        if cr.fetchone()[0] != args.tickets:
            cr.execute("DELETE FROM helpdesk_ticket WHERE number LIKE 'HTB%%'")
            generate(env, args.tickets, datetime.now().replace(microsecond=0))
            cr.commit()
        results = {}
        set_statuses(env, datetime.now() - timedelta(minutes=5))
        results["steady"] = run_cron(env)
        set_statuses(env, None)
        results["catch-up"] = run_cron(env)
        per_ticket = naive_per_ticket(env, args.baseline)
        cr.rollback()
        cr.close()
        exports = {}
        for part in ("register", "register-baseline"):
            out = subprocess.run(
                [sys.executable, __file__, "--part", part, "--db", args.db],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            exports[part] = json.loads(out.strip().splitlines()[-1])
    print(f"open tickets: {args.tickets:,}")
    naive = per_ticket * args.tickets
    for name, (elapsed, runs, statuses) in results.items():
        print(
            f"SLA cron, {name:8}: {elapsed:6.1f} s in {runs} run(s), "
            f"statuses {statuses}"
        )
        print(
            f"  baseline, calendar asked per ticket: {naive:6.1f} s "
            f"(x{naive / elapsed:,.1f})"
        )
    ours, base = exports["register"], exports["register-baseline"]
    print(
        f"complaint register: {ours['rows']:,} rows, {ours['mb']:.1f} MB xlsx, "
        f"{ours['seconds']:.1f} s, process peak {ours['peak']:.0f} MB "
        f"(of which {ours['peak'] - ours['rss_before']:.0f} MB during the export)"
    )
    print(
        f"  baseline, all cells in memory: {base['seconds']:.1f} s, process peak "
        f"{base['peak']:.0f} MB (x{base['peak'] / ours['peak']:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

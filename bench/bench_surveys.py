"""Survey invitations under the throttle and satisfaction statistics at scale.

    python3 bench/bench_surveys.py [--tickets 100000] [--responses 1000000]
                                   [--db cs_bench_surveys] [--reuse] [--smoke]

Builds a database with cs_survey, then measures:

1. Invitations for 100,000 tickets closed over 60 days by 40,000 customers,
   through the module's own path (``_cs_invite_tickets``: rule per ticket,
   identities, one-per-30-days throttle, skipped rows recorded) in batches of
   5,000 committed one by one, as the cron would. Target: 60 s.
2. Statistics over 1,000,000 answered responses (CSAT, NPS, CES over twelve
   months, ten teams): the figures grouped by team and month from the
   reporting view (``cs.survey.report``, one scan of survey_user_input with
   the scores stored at ``_mark_done``), and ``cs.api.survey_results`` grouped
   by month. Target: 2 s. Baseline in the same run: Odoo's own survey
   statistics (the results page's ``_prepare_statistics`` of the survey and
   of its questions) for ONE survey, the NPS one, which reads every answer
   line and gives counts and an average, not NPS.

``--smoke`` runs the same steps on 500 tickets and 5,000 responses (for CI:
it checks the script works, not the targets).
"""

import argparse
import os
import sys
import time
from datetime import datetime, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

BATCH = 5000
TEAMS = 10
DAYS = 60  # tickets closed over the last two months
MONTHS = 12  # answers spread over a year


def best_of(runs, function):
    times = []
    result = None
    for _run in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def make_customers(env, count):
    first = benchlib.next_partner_id(env)
    benchlib.copy_partners(
        env,
        [
            {
                "id": first + n,
                "name": f"Bench customer {n}",
                "email": f"bench{n}@example.com",
            }
            for n in range(count)
        ],
    )
    return list(range(first, first + count))


def make_teams(env):
    Team = env["helpdesk.ticket.team"]
    return Team.create([{"name": f"Bench team {n}"} for n in range(TEAMS)])


def generate_tickets(env, count, customers, teams, now):
    """``count`` closed tickets copied from one ORM-made ticket by SQL."""
    done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
    # a previous run's rows (--reuse): responses first, their tickets then
    env.cr.execute("DELETE FROM survey_user_input WHERE access_token LIKE 'bench-%%'")
    env.cr.execute("DELETE FROM cs_survey_invitation")
    env.cr.execute("DELETE FROM helpdesk_ticket WHERE number LIKE 'HTS%%'")
    template = env["helpdesk.ticket"].create(
        {
            "name": "Bench ticket",
            "description": "<p>Bench</p>",
            "team_id": teams[0].id,
            "partner_id": customers[0],
        }
    )
    env.flush_all()
    env.cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'helpdesk_ticket' AND column_name != 'id'
        """
    )
    columns = [row[0] for row in env.cr.fetchall()]
    overrides = {
        "number": "'HTS' || lpad(g::text, 7, '0')",
        "partner_id": "(%(customers)s::int[])[1 + g %% %(n_customers)s]",
        "team_id": "(%(teams)s::int[])[1 + g %% %(n_teams)s]",
        "stage_id": "%(done)s",
        "closed_date": "%(now)s - (g %% (%(days)s * 1440)) * interval '1 minute'",
    }
    select = ", ".join(overrides.get(c, f'"{c}"') for c in columns)
    env.cr.execute(
        f"""
        INSERT INTO helpdesk_ticket ({", ".join(f'"{c}"' for c in columns)})
        SELECT {select}
          FROM helpdesk_ticket, generate_series(1, %(count)s) g
         WHERE helpdesk_ticket.id = %(template)s
        """,
        {
            "customers": customers,
            "n_customers": len(customers),
            "teams": teams.ids,
            "n_teams": len(teams),
            "done": done.id,
            "now": now,
            "days": DAYS,
            "count": count,
            "template": template.id,
        },
    )
    env.cr.execute("DELETE FROM cs_survey_invitation")
    env.cr.execute("DELETE FROM helpdesk_ticket WHERE id = %s", [template.id])
    env.cr.execute("ANALYZE helpdesk_ticket")
    env.cr.commit()
    env.invalidate_all()


def bench_invitations(env):
    Ticket = env["helpdesk.ticket"]
    Invitation = env["cs.survey.invitation"]
    ids = Ticket.search([("number", "like", "HTS")], order="closed_date, id").ids
    started = time.perf_counter()
    cpu = time.process_time()
    for start in range(0, len(ids), BATCH):
        Invitation._cs_invite_tickets(Ticket.browse(ids[start : start + BATCH]))
        env.cr.commit()
        env.invalidate_all()
    elapsed = time.perf_counter() - started
    # the Python side alone: on a loaded machine the wall time is mostly
    # waiting for a core (and PostgreSQL's foreign-key checks of the INSERT)
    cpu = time.process_time() - cpu
    env.cr.execute("SELECT state, count(*) FROM cs_survey_invitation GROUP BY 1")
    return elapsed, cpu, len(ids), dict(env.cr.fetchall())


def generate_responses(env, count, teams, now):
    """``count`` answered responses by SQL, a third per survey, with their
    scores as ``_mark_done`` stores them; answer lines for the NPS survey
    (the baseline reads them)."""
    surveys = [env.ref(f"cs_survey.survey_{m}") for m in ("csat", "nps", "ces")]
    agent = env.ref("base.user_admin")
    env.cr.execute("DELETE FROM survey_user_input WHERE access_token LIKE 'bench-%%'")
    env.cr.execute(
        """
        INSERT INTO survey_user_input
            (survey_id, access_token, state, end_datetime, create_date, write_date,
             test_entry, cs_metric, cs_score, cs_is_detractor, cs_sentiment,
             cs_team_id, cs_agent_id, cs_channel)
        SELECT s.survey_id, 'bench-' || g, 'done', t.moment, t.moment, t.moment,
               false, s.metric, s.score,
               s.score <= s.low,
               CASE WHEN s.score <= s.low THEN 'detractor'
                    WHEN s.score >= s.high THEN 'promoter' ELSE 'passive' END,
               (%(teams)s::int[])[1 + g %% %(n_teams)s], %(agent)s, 'email'
          FROM generate_series(1, %(count)s) g
          CROSS JOIN LATERAL (
                SELECT %(now)s - (g %% (%(months)s * 43200)) * interval '1 minute'
                       AS moment) t
          CROSS JOIN LATERAL (
                SELECT (%(surveys)s::int[])[1 + g %% 3] AS survey_id,
                       (ARRAY['csat', 'nps', 'ces'])[1 + g %% 3] AS metric,
                       CASE g %% 3 WHEN 0 THEN 1 + (g * 7) %% 5
                                   WHEN 1 THEN (g * 7) %% 11
                                   ELSE 1 + (g * 7) %% 7 END AS score,
                       (ARRAY[2, 6, 2])[1 + g %% 3] AS low,
                       (ARRAY[4, 9, 5])[1 + g %% 3] AS high) s
        """,
        {
            "teams": teams.ids,
            "n_teams": len(teams),
            "agent": agent.id,
            "count": count,
            "now": now,
            "months": MONTHS,
            "surveys": [s.id for s in surveys],
        },
    )
    nps = surveys[1]
    question = nps._cs_scored_question()
    env.cr.execute(
        """
        INSERT INTO survey_user_input_line
            (user_input_id, survey_id, question_id, answer_type, value_scale,
             skipped, question_sequence, create_date, write_date)
        SELECT id, survey_id, %(question)s, 'scale', cs_score, false, 1,
               end_datetime, end_datetime
          FROM survey_user_input
         WHERE access_token LIKE 'bench-%%' AND survey_id = %(survey)s
        """,
        {"question": question.id, "survey": nps.id},
    )
    env.cr.execute("ANALYZE survey_user_input")
    env.cr.execute("ANALYZE survey_user_input_line")
    env.cr.commit()
    env.invalidate_all()


def bench_statistics(env):
    Report = env["cs.survey.report"]

    def by_team_and_month():
        env.invalidate_all()
        return Report._cs_stats([], ["team_id", "date:month"])

    seconds, stats = best_of(3, by_team_and_month)
    api_seconds, api = best_of(
        3, lambda: env["cs.api"].survey_results({"group_by": "month"})
    )
    nps = env.ref("cs_survey.survey_nps")

    def odoo_statistics():
        # what Odoo's results page computes for one survey
        env.invalidate_all()
        lines = env["survey.user_input.line"].search(
            [("survey_id", "=", nps.id), ("user_input_id.state", "=", "done")]
        )
        figures = nps._prepare_statistics(lines)
        questions = [q._prepare_statistics(lines) for q in nps.question_ids]
        return figures, questions, len(lines)

    base_seconds, (_figures, _questions, lines) = best_of(1, odoo_statistics)
    return {
        "seconds": seconds,
        "groups": len(stats),
        "api_seconds": api_seconds,
        "answered": api["answered"],
        "nps": api["nps"]["score"],
        "base_seconds": base_seconds,
        "base_lines": lines,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=None)
    parser.add_argument("--db", default="cs_bench_surveys")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes: check the script runs"
    )
    args = parser.parse_args()
    if args.smoke:
        args.tickets, args.responses = 500, 5000
        if args.db == "cs_bench_surveys":
            args.db = "cs_bench_surveys_smoke"
    customers_count = args.customers or max(args.tickets * 2 // 5, 1)
    pgenv.require_odoo()
    with pgenv.postgres() as pg:
        if not (args.reuse and pg.db_exists(args.db)):
            benchlib.install(pg, args.db, "cs_survey")
        env = benchlib.open_env(pg, args.db)
        now = datetime.now().replace(microsecond=0)
        # every customer asked at most once per 30 days: about one in
        # (tickets per customer x 30 / 60 days) is invited
        teams = make_teams(env)
        customers = make_customers(env, customers_count)
        env.cr.commit()
        started = time.time()
        generate_tickets(env, args.tickets, customers, teams, now)
        print(
            f"generated {args.tickets:,} closed tickets in {time.time() - started:.1f}s"
        )
        invite_seconds, invite_cpu, tickets, states = bench_invitations(env)
        started = time.time()
        generate_responses(env, args.responses, teams, now - timedelta(days=1))
        print(
            f"generated {args.responses:,} responses in {time.time() - started:.1f}s",
            flush=True,
        )
        stats = bench_statistics(env)
        env.cr.rollback()
        env.cr.close()
    print(
        f"invitations for {tickets:,} closed tickets of {customers_count:,} "
        f"customers: {invite_seconds:.1f} s (target 60 s; Odoo process CPU "
        f"{invite_cpu:.1f} s), states {states}"
    )
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
    print(
        f"statistics over {args.responses:,} responses by team and month: "
        f"{stats['seconds']:.2f} s (target 2 s), {stats['groups']} groups; "
        f"survey_results by month: {stats['api_seconds']:.2f} s "
        f"({stats['answered']:,} answered, NPS {stats['nps']})"
    )
    print(
        f"  baseline, Odoo's survey statistics for ONE survey "
        f"({stats['base_lines']:,} answer lines): {stats['base_seconds']:.2f} s "
        f"(x{stats['base_seconds'] / stats['seconds']:.1f} the time of all the "
        f"figures of the three surveys)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Callback campaign generation at 100,000 targets and 20 agents.

    python3 bench/bench_callbacks.py [--targets 100000] [--agents 20] [--reuse]
                                     [--db NAME] [--smoke]

Builds a database ``cs_bench_callbacks`` with cs_callcenter, COPYs the
contacts (mobiles, a few asking not to be called, some in another
timezone), creates the agents, then times ``action_generate`` of a campaign
over all of them and prints the time, the tasks made, the skipped
do-not-call contacts and the spread of open tasks between agents (max - min).
A second generation measures the idempotent re-run. Baseline in the same run:
the one-at-a-time way — each target's agent found by counting every agent's
open tasks, each task created on its own — timed on 300 targets and scaled.
``--smoke``: 200 targets, 3 agents, baseline on 20 (checks it still runs).
"""

import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

DB = "cs_bench_callbacks"
SIZES = {"targets": 100_000, "agents": 20, "baseline": 300}
SMOKE = {"targets": 200, "agents": 3, "baseline": 20}


def generate_contacts(env, count):
    first = benchlib.next_partner_id(env)
    benchlib.copy_partners(
        env,
        [
            {
                "id": first + i,
                "name": f"Bench Target {first + i}",
                "mobile": f"+86 139{i:08d}",
                "mobile_e164": f"+86139{i:08d}",  # what normalize stores
                "tz": "Europe/London" if i % 10 == 0 else "Asia/Shanghai",
                "cs_do_not_call": "t" if i % 100 == 0 else "f",
            }
            for i in range(count)
        ],
    )


def agents(env, count):
    Users = env["res.users"].with_context(no_reset_password=True)
    group = env.ref("cs_callcenter.group_agent")
    existing = Users.search([("login", "like", "bench_agent_")])
    missing = [
        {
            "name": f"Bench Agent {i}",
            "login": f"bench_agent_{i}",
            "groups_id": [(6, 0, [group.id, env.ref("base.group_user").id])],
        }
        for i in range(len(existing), count)
    ]
    return (existing | Users.create(missing))[:count]


def spread(env, campaign):
    env.cr.execute(
        "SELECT count(*) FROM cs_callback_task WHERE campaign_id = %s "
        "AND state = 'open' GROUP BY user_id",
        [campaign.id],
    )
    loads = [row[0] for row in env.cr.fetchall()]
    return max(loads) - min(loads), len(loads)


def one_at_a_time(env, campaign, partners):
    """The baseline: per target, count every agent's open tasks to find the
    least loaded one, then create the task alone."""
    Task = env["cs.callback.task"]
    started = time.perf_counter()
    for partner in partners:
        loads = {
            agent: Task.search_count(
                [
                    ("campaign_id", "=", campaign.id),
                    ("user_id", "=", agent.id),
                    ("state", "=", "open"),
                ]
            )
            for agent in campaign.agent_ids
        }
        agent = min(loads, key=loads.get)
        Task.create(
            {
                "campaign_id": campaign.id,
                "company_id": campaign.company_id.id,
                "partner_id": partner.id,
                "phone": partner.mobile,
                "tz": partner.tz,
                "target_key": str(partner.id),
                "user_id": agent.id,
                "due_date": campaign.create_date,
            }
        )
    return (time.perf_counter() - started) / len(partners)


def main():
    parser = benchlib.arguments(__doc__.splitlines()[0], DB, SIZES, SMOKE)
    args = benchlib.parse(parser, SMOKE)
    pgenv.require_odoo()
    with pgenv.postgres() as pg:
        benchlib.database(pg, args, "cs_callcenter")
        env = benchlib.open_env(pg, args.db)
        cr = env.cr
        with cr:
            domain = [("name", "like", "Bench Target ")]
            if env["res.partner"].search_count(domain) != args.targets:
                cr.execute("DELETE FROM res_partner WHERE name LIKE 'Bench Target %%'")
                generate_contacts(env, args.targets)
            team = agents(env, args.agents)
            cr.commit()
            Campaign = env["cs.callback.campaign"]
            campaign = Campaign.create(
                {
                    "name": "Bench campaign",
                    "partner_domain": repr(domain),
                    "agent_ids": [(6, 0, team.ids)],
                }
            )
            env.invalidate_all()
            started = time.perf_counter()
            created = campaign.action_generate()
            env.flush_all()
            elapsed = time.perf_counter() - started
            gap, loaded = spread(env, campaign)
            dnc = campaign.skipped_dnc_count
            started = time.perf_counter()
            again = campaign.action_generate()
            env.flush_all()
            rerun = time.perf_counter() - started
            baseline_campaign = Campaign.create(
                {"name": "Baseline", "agent_ids": [(6, 0, team.ids)]}
            )
            sample = env["res.partner"].search(domain, limit=args.baseline)
            per_target = one_at_a_time(env, baseline_campaign, sample)
            cr.rollback()
    naive = per_target * args.targets
    print(f"targets: {args.targets:,}  agents: {args.agents}")
    print(
        f"generation: {elapsed:.1f} s, {created:,} tasks, {dnc:,} do-not-call "
        f"skipped, spread max-min {gap} over {loaded} agents"
    )
    print(f"second generation (nothing new): {rerun:.1f} s, {again} tasks")
    print(f"baseline, one target at a time: {naive:.1f} s (x{naive / elapsed:,.1f})")
    return 0 if gap <= 1 and again == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""The PBX listener under load: events/s, latency, nothing lost or doubled.

    python3 bench/bench_listener.py [--calls 10000] [--disconnects 3]
        [--rate 600] [--burst 2000] [--db cs_bench_listener] [--reuse] [--smoke]

Builds a database with cs_callcenter (agents on extensions 8001-8050, 2,000
contacts), starts the AMI simulator (speaking as Asterisk 22.10.1) and the
real listener process (``odoo cs_pbx_listener`` with ``--cdr-dsn`` on a
``cdr`` table that the bench fills as Asterisk's cdr_pgsql would), then:

1. **burst**: ``--burst`` calls pushed as fast as the socket takes them: the
   sustained events/s and calls/s until the last one is committed;
2. **paced**: ``--calls`` calls as one interleaved stream of Asterisk 22
   frames at ``--rate`` events/s, dropping the connection ``--disconnects``
   times (each time the PBX refuses the listener for ``--gap`` seconds):
   latency from the Newchannel (to the call committed) and from the DialBegin
   ringing the agent (to the caller card sent on the bus, LISTEN imbus), p50
   and p99; then every call is checked: recorded once, with the right
   disposition, including the calls in progress at a disconnection, those
   started after it, and those that began and ended while disconnected
   (recovered from the CDR table).

``--smoke`` runs a tiny size (CI). Prints the figures; exits 1 when a call
is lost, doubled or wrong.
"""

import argparse
import json
import os
import random
import select
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

AGENTS = 50
CONTACTS = 2000


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(int(len(values) * q), len(values) - 1)]


def setup(env, sim_port):
    """Server, agents and contacts; returns the server id (committed)."""
    env.company.country_id = env.ref("base.cn")
    Server = env["cs.pbx.server"].with_context(active_test=False)
    Server.search([("name", "=", "Bench Asterisk")]).write({"active": False})
    env.cr.execute("DELETE FROM cs_call")
    server = Server.create(
        {
            "name": "Bench Asterisk",
            "host": "127.0.0.1",
            "port": sim_port,
            "username": "odoo",
            "secret": "s3cret",
            "sequence": 0,
        }
    )
    group = env.ref("cs_callcenter.group_agent")
    users = env["res.users"].with_context(active_test=False)
    for index in range(AGENTS):
        login = f"bench_agent_{index}"
        user = users.search([("login", "=", login)])
        values = {"cs_extension": str(8001 + index), "cs_pbx_server_id": server.id}
        if user:
            user.write(dict(values, active=True))
        else:
            users.create(
                dict(
                    values,
                    name=f"Bench Agent {index}",
                    login=login,
                    groups_id=[(6, 0, group.ids)],
                )
            )
    env.cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE 'Bench Caller %'")
    if env.cr.fetchone()[0] < CONTACTS:
        first = benchlib.next_partner_id(env)
        benchlib.copy_partners(
            env,
            [
                {
                    "id": first + i,
                    "name": f"Bench Caller {i}",
                    "mobile": f"+86139{i:08d}",
                    "mobile_e164": f"+86139{i:08d}",
                }
                for i in range(CONTACTS)
            ],
        )
    env.cr.execute(
        """CREATE TABLE IF NOT EXISTS cdr (
            calldate timestamptz NOT NULL, clid text, src text, dst text,
            dcontext text, channel text, dstchannel text, lastapp text,
            lastdata text, duration integer, billsec integer, disposition text,
            amaflags integer, accountcode text, uniqueid text, linkedid text,
            userfield text, peeraccount text, sequence integer)"""
    )
    env.cr.execute("TRUNCATE cdr")
    env.cr.commit()
    return server.id


class Call:
    __slots__ = ("answered", "frames", "linkedid", "number", "seq")


def generate(count, first_seq, start, rng, spacing=0.1):
    """``count`` calls starting every ``spacing`` PBX seconds, merged into
    one stream of frames in PBX time order: [(time, call, index)]."""
    from odoo.addons.cs_callcenter.tests.ami_transcripts import inbound_call

    calls, stream = [], []
    for i in range(count):
        seq = first_seq + i
        call = Call()
        call.seq = seq
        call.number = f"139{rng.randrange(CONTACTS * 2):08d}"  # half known
        call.answered = rng.random() < 0.8
        moment = start + i * spacing
        short = rng.random() < 0.1  # some calls are over in a few seconds
        call.frames = inbound_call(
            seq,
            moment,
            caller=call.number,
            extension=str(8001 + rng.randrange(AGENTS)),
            answer_after=rng.uniform(1, 3 if short else 12) if call.answered else None,
            talk=rng.randrange(1, 4) if short else rng.randrange(5, 90),
        )
        call.linkedid = dict(call.frames[0])["Linkedid"]
        calls.append(call)
        for index, frame in enumerate(call.frames):
            stream.append((float(dict(frame)["Timestamp"]), seq, index))
    stream.sort()
    by_seq = {call.seq: call for call in calls}
    return calls, [(by_seq[seq], index) for _t, seq, index in stream]


class BusWatcher(threading.Thread):
    """LISTEN imbus: when each caller card was sent, by cs.call id."""

    def __init__(self, dsn, listen_dsn):
        super().__init__(daemon=True)
        import psycopg2

        self.conn = psycopg2.connect(dsn)
        self.conn.autocommit = True
        # Odoo sends NOTIFY imbus on the "postgres" database (bus.bus notify)
        self.listen = psycopg2.connect(listen_dsn)
        self.listen.autocommit = True
        with self.conn.cursor() as cr:
            cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
            self.last = cr.fetchone()[0]
        with self.listen.cursor() as cr:
            cr.execute("LISTEN imbus")
        self.cards = {}
        self.stopped = False

    def run(self):
        while not self.stopped:
            if select.select([self.listen], [], [], 0.2) == ([], [], []):
                continue
            seen = time.perf_counter()
            self.listen.poll()
            self.listen.notifies.clear()
            with self.conn.cursor() as cr:
                cr.execute(
                    "SELECT id, message FROM bus_bus WHERE id > %s ORDER BY id",
                    [self.last],
                )
                for bus_id, message in cr.fetchall():
                    self.last = bus_id
                    message = json.loads(message)
                    if message.get("type") == "cs_callcenter/incoming_call":
                        self.cards.setdefault(message["payload"]["call_id"], seen)


class CommitWatcher(threading.Thread):
    """When each call first appears committed in cs_call."""

    def __init__(self, dsn):
        super().__init__(daemon=True)
        import psycopg2

        self.conn = psycopg2.connect(dsn)
        self.conn.autocommit = True
        self.seen = {}
        self.ids = {}  # cs.call id -> Linkedid
        self.last = 0
        self.stopped = False

    def run(self):
        while not self.stopped:
            with self.conn.cursor() as cr:
                cr.execute(
                    "SELECT id, pbx_call_id FROM cs_call WHERE id > %s ORDER BY id",
                    [self.last],
                )
                now = time.perf_counter()
                for call_id, pbx_call_id in cr.fetchall():
                    self.last = call_id
                    self.ids[call_id] = pbx_call_id
                    self.seen.setdefault(pbx_call_id, now)
            time.sleep(0.005)


class Pbx:
    """The simulator fed with a stream, keeping its list of channels in
    progress (CoreShowChannels) and Asterisk's CDR table up to date."""

    def __init__(self, sim, dsn):
        import psycopg2

        self.sim = sim
        self.cdr = psycopg2.connect(dsn)
        self.cdr.autocommit = True
        self.active = {}
        self.pushed = {}  # seq -> perf_counter() of the Newchannel, DialBegin

    def channel(self, call):
        frame = dict(call.frames[0])
        return {
            "Channel": frame["Channel"],
            "ChannelState": "4",
            "CallerIDNum": frame["CallerIDNum"],
            "Context": frame["Context"],
            "Exten": frame["Exten"],
            "Uniqueid": frame["Uniqueid"],
            "Linkedid": frame["Linkedid"],
            "Duration": "00:00:01",
        }

    def send(self, batch, connected):
        wire = []
        for call, index in batch:
            frame = call.frames[index]
            name = frame[0][1]
            if index == 0:
                self.active[call.seq] = self.channel(call)
                self.pushed[call.seq] = [time.perf_counter(), None]
            elif name == "DialBegin":
                self.pushed[call.seq][1] = time.perf_counter()
            elif name == "DialEnd" and dict(frame)["DialStatus"] == "ANSWER":
                self.active[call.seq]["ChannelState"] = "6"
            elif name == "Cdr":
                self.active.pop(call.seq, None)
                self.write_cdr(call, dict(frame))
            wire.append(frame)
        self.sim.active_channels = list(self.active.values())
        if connected:
            self.sim.push_frames(wire)

    def write_cdr(self, call, frame):
        from datetime import datetime, timezone

        start = datetime.fromtimestamp(
            float(dict(call.frames[0])["Timestamp"]), timezone.utc
        )
        with self.cdr.cursor() as cr:
            cr.execute(
                "INSERT INTO cdr (calldate, src, dst, dcontext, channel, dstchannel,"
                " duration, billsec, disposition, uniqueid, linkedid)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    start,
                    frame["Source"],
                    frame["Destination"],
                    frame["DestinationContext"],
                    frame["Channel"],
                    frame["DestinationChannel"],
                    int(frame["Duration"]),
                    int(frame["BillableSeconds"]),
                    frame["Disposition"],
                    frame["UniqueID"],
                    frame["UniqueID"],
                ],
            )


def wait_done(dsn, expected, timeout):
    """Wait until ``expected`` calls are done; returns when (perf_counter)."""
    import psycopg2

    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    deadline = time.monotonic() + timeout
    last, stalled = -1, time.monotonic()
    try:
        while time.monotonic() < deadline:
            with conn.cursor() as cr:
                cr.execute("SELECT count(*) FROM cs_call WHERE state = 'done'")
                done = cr.fetchone()[0]
            if done >= expected:
                return time.perf_counter()
            if done != last:
                last, stalled = done, time.monotonic()
            elif time.monotonic() - stalled > 30:
                return None
            time.sleep(0.02)
    finally:
        conn.close()
    return None


def check(dsn, calls):
    """Every call recorded once, with the right disposition."""
    import psycopg2

    conn = psycopg2.connect(dsn)
    with conn.cursor() as cr:
        cr.execute("SELECT pbx_call_id, disposition, state, number FROM cs_call")
        rows = cr.fetchall()
    conn.close()
    by_id = {}
    for pbx_call_id, disposition, state, number in rows:
        by_id.setdefault(pbx_call_id, []).append((disposition, state, number))
    lost = [c for c in calls if c.linkedid not in by_id]
    doubled = len(rows) - len(by_id) + len(set(by_id) - {c.linkedid for c in calls})
    wrong = [
        c
        for c in calls
        if c.linkedid in by_id
        and by_id[c.linkedid][0][:2]
        != ("answered" if c.answered else "abandoned", "done")
    ]
    for call in wrong[:5]:
        print(
            f"  wrong: {call.linkedid} expected "
            f"{'answered' if call.answered else 'abandoned'}, got "
            f"{by_id[call.linkedid]}"
        )
    return lost, doubled, wrong


def run_listener(pg, db, server_id, dsn, logfile):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        f"--addons-path={pgenv.ADDONS}",
        "cs_pbx_listener",
        "-c",
        pgenv.ODOO_CONF,
        f"--addons-path={pgenv.ADDONS}",
        *pg.odoo_args(),
        "-d",
        db,
        "--pbx-id",
        str(server_id),
        "--cdr-dsn",
        dsn,
        f"--logfile={logfile}",
        "--log-level=warn",
    ]
    return subprocess.Popen(cmd, cwd=ROOT)


def push(pbx, stream, rate, disconnects=(), gap=3.0):
    """Push the stream at ``rate`` events/s (0: as fast as possible);
    ``disconnects``: stream positions where the PBX drops the listener and
    refuses it for ``gap`` seconds. Returns the seqs of calls in progress at
    each disconnection, started during a gap, and entirely inside a gap."""
    sim = pbx.sim
    pbx.drops = []  # perf_counter() of each forced disconnection
    at_drop, in_gap_started, in_gap_whole = set(), set(), set()
    down_until = 0.0
    t0 = time.perf_counter()
    step = 20 if rate else 200
    drops = sorted(disconnects)
    position = 0
    while position < len(stream):
        now = time.perf_counter()
        if drops and position >= drops[0]:
            drops.pop(0)
            pbx.drops.append(now)
            at_drop |= set(pbx.active)
            sim.drop_after_login = 10**6  # the PBX refuses us for a while
            sim.drop_connections()
            down_until = now + gap
        if down_until and now >= down_until:
            sim.drop_after_login = 0
            down_until = 0.0
        batch = stream[position : position + step]
        connected = bool(sim.listeners())
        if not connected:  # these frames reach nobody: AMI does not replay
            for call, index in batch:
                if index == 0:
                    in_gap_started.add(call.seq)
                elif call.frames[index][0][1] == "Cdr" and call.seq in in_gap_started:
                    in_gap_whole.add(call.seq)
        pbx.send(batch, connected)
        position += len(batch)
        if rate:
            ahead = t0 + position / rate - time.perf_counter()
            if ahead > 0:
                time.sleep(ahead)
    sim.drop_after_login = 0
    return at_drop - in_gap_whole, in_gap_started - in_gap_whole, in_gap_whole


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10000)
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=600, help="events/s (paced)")
    parser.add_argument("--disconnects", type=int, default=3)
    parser.add_argument("--gap", type=float, default=3.0)
    parser.add_argument("--db", default="cs_bench_listener")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="a tiny run (CI)")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    if args.smoke:
        args.calls, args.burst, args.disconnects, args.rate = 60, 40, 1, 300
    pgenv.require_odoo()
    rng = random.Random(args.seed)
    with pgenv.postgres() as pg:
        if not (args.reuse and pg.db_exists(args.db)):
            benchlib.install(pg, args.db, "cs_callcenter")
        env = benchlib.open_env(pg, args.db)
        from odoo.addons.cs_callcenter.tests.ami_simulator import AmiSimulator

        sim = AmiSimulator()
        sim.originate_delay = 0
        with env.cr:
            server_id = setup(env, sim.port)
        dsn = f"host={pg.host} port={pg.port} user={pg.user} dbname={args.db}"
        if pg.password:
            dsn += f" password={pg.password}"
        logdir = os.path.join(ROOT, ".cs-bench")
        os.makedirs(logdir, exist_ok=True)
        logfile = os.path.join(logdir, "bench_listener.log")
        listener = run_listener(pg, args.db, server_id, dsn, logfile)
        listen_dsn = dsn.replace(f"dbname={args.db}", "dbname=postgres")
        bus, commits = BusWatcher(dsn, listen_dsn), CommitWatcher(dsn)
        bus.start()
        commits.start()
        pbx = Pbx(sim, dsn)
        try:
            if not sim.wait_listener(timeout=120):
                raise SystemExit(f"the listener did not connect; see {logfile}")
            # PBX time: now (Asterisk's CDR rows are read from the disconnection on)
            start = time.time() - 60
            # 1. burst
            burst_calls, burst = generate(args.burst, 1, start, rng)
            t0 = time.perf_counter()
            push(pbx, burst, rate=0)
            pushed = time.perf_counter() - t0
            finished = wait_done(dsn, len(burst_calls), timeout=600)
            burst_lost, burst_doubled, burst_wrong = check(dsn, burst_calls)
            burst_s = (finished or time.perf_counter()) - t0
            # 2. paced, with disconnections
            calls, stream = generate(
                args.calls, args.burst + 1, start + args.burst * 0.1 + 60, rng
            )
            positions = [
                len(stream) * (i + 1) // (args.disconnects + 1)
                for i in range(args.disconnects)
            ]
            t1 = time.perf_counter()
            at_drop, after_drop, unseen = push(
                pbx, stream, args.rate, positions, args.gap
            )
            paced_s = time.perf_counter() - t1
            wait_done(dsn, len(burst_calls) + len(calls), timeout=900)
            time.sleep(1)
            lost, doubled, wrong = check(dsn, burst_calls + calls)
        finally:
            bus.stopped = commits.stopped = True
            listener.terminate()
            listener.wait(60)
            sim.stop()
        skipped = at_drop | after_drop | unseen

        def steady(moment):
            """Not in the catching up after a disconnection."""
            return not any(d <= moment <= d + args.gap + 30 for d in pbx.drops)

        commit_all = {
            c.seq: (commits.seen[c.linkedid] - pbx.pushed[c.seq][0]) * 1000
            for c in calls
            if c.linkedid in commits.seen and c.seq not in skipped
        }
        cards = {commits.ids.get(i): moment for i, moment in bus.cards.items()}
        card_all = {
            c.seq: (cards[c.linkedid] - pbx.pushed[c.seq][1]) * 1000
            for c in calls
            if c.linkedid in cards and pbx.pushed[c.seq][1] and c.seq not in skipped
        }
        commit_latency = [v for k, v in commit_all.items() if steady(pbx.pushed[k][0])]
        card_latency = [v for k, v in card_all.items() if steady(pbx.pushed[k][1])]
        env.cr.close()
    frames_burst = sum(len(c.frames) for c in burst_calls)
    frames_paced = len(stream)
    lost_ids = {c.seq for c in lost}
    print(
        f"burst: {len(burst_calls)} calls, {frames_burst} events pushed in "
        f"{pushed:.1f}s, all recorded in {burst_s:.1f}s: "
        f"{frames_burst / burst_s:,.0f} events/s, "
        f"{len(burst_calls) / burst_s:,.1f} calls/s sustained "
        f"(lost {len(burst_lost)}, doubled {burst_doubled}, "
        f"wrong {len(burst_wrong)})"
    )
    print(
        f"paced: {len(calls)} calls, {frames_paced} events at {args.rate}/s "
        f"offered ({frames_paced / paced_s:,.0f}/s achieved), "
        f"{args.disconnects} forced disconnects of {args.gap:.0f}s"
    )
    for label, steady_values, every in (
        ("Newchannel -> cs.call committed", commit_latency, commit_all),
        ("DialBegin -> caller card on the bus", card_latency, card_all),
    ):
        every = list(every.values())
        print(
            f"latency {label}: p50 {percentile(steady_values, 0.5):.1f} ms, "
            f"p99 {percentile(steady_values, 0.99):.1f} ms in steady state "
            f"({len(steady_values)}); with the {args.gap + 30:.0f}s after each "
            f"disconnection: p50 {percentile(every, 0.5):.1f} ms, p99 "
            f"{percentile(every, 0.99):.1f} ms ({len(every)})"
        )
    print(
        f"calls in progress at a disconnect: {len(at_drop)} "
        f"(lost {len(lost_ids & at_drop)}); started during a gap and seen: "
        f"{len(after_drop)} (lost {len(lost_ids & after_drop)}); began and ended "
        f"while disconnected: {len(unseen)}, recovered from the CDR table "
        f"{len(unseen - lost_ids)}"
    )
    print(
        f"all calls: {len(burst_calls) + len(calls)}, lost {len(lost)}, "
        f"doubled {doubled}, wrong disposition {len(wrong)}"
    )
    if commit_latency:
        print(f"mean commit latency {statistics.fmean(commit_latency):.1f} ms")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
    return 1 if lost or doubled or wrong else 0


if __name__ == "__main__":
    sys.exit(main())

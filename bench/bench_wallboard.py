"""The wallboard under load: a board of 200 agents and 100 simultaneous calls.

    python3 bench/bench_wallboard.py [--agents 200] [--calls 100]
        [--updates 60] [--interval-ms 1000] [--speed 1] [--db cs_bench_wallboard]
        [--reuse] [--smoke] [--no-browser]

Builds a database with cs_callcenter (``--agents`` agents on extensions
8001...), then plays Asterisk 22 frames of calls through an IVR into a queue
(``tests/ami_live_transcripts.queued_call``), keeping about ``--calls`` calls
in progress, into the listener's own live state (``pbx.live.LiveState``);
every ``--interval-ms`` (the listener's rate limit) it publishes the snapshot
as the listener does (``cs.call.live._cs_publish_live``: snapshot tables
upserted, one bus message with what changed) and commits. Measured:

- server: frames/s folded by the live state, publish time per update (p50,
  p99), rows changed and bytes per bus message, bus messages per second;
- client: a real Odoo server and a headless Chromium open the wallboard as
  the admin; each bus message is rendered by the OWL board, which records
  the time from the message to the patched DOM (``data-render-ms``): p50,
  p99; at the end the board must list every live call.

``--smoke`` runs a tiny size (CI); ``--no-browser`` (or no Chromium) skips
the client part. Exits 1 when the board does not show the live calls.
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

SIZES = {"agents": 200, "calls": 100, "updates": 60, "interval-ms": 1000, "speed": 1}
# the smoke run plays 10 s of PBX time per second, so that calls do change
SMOKE = {"agents": 12, "calls": 6, "updates": 6, "interval-ms": 300, "speed": 10}


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(int(len(values) * q), len(values) - 1)]


def setup(env, agents):
    """The PBX and its agents; returns the server (committed)."""
    Server = env["cs.pbx.server"].with_context(active_test=False)
    Server.search([("name", "=", "Bench Wallboard PBX")]).write({"active": False})
    env["cs.call.live"].search([]).unlink()
    env["cs.agent.state"].search([]).unlink()
    server = Server.create(
        {
            "name": "Bench Wallboard PBX",
            "host": "127.0.0.1",
            "port": 5038,
            "username": "odoo",
            "secret": "s3cret",
            "sequence": 0,
        }
    )
    group = env.ref("cs_callcenter.group_agent")
    users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    existing = {
        u.login: u for u in users.search([("login", "=like", "bench_wb_agent_%")])
    }
    creates = []
    for index in range(agents):
        login = f"bench_wb_agent_{index}"
        values = {"cs_extension": str(8001 + index), "cs_pbx_server_id": server.id}
        if login in existing:
            existing[login].write(dict(values, active=True))
        else:
            creates.append(
                dict(
                    values,
                    name=f"Wallboard Agent {index}",
                    login=login,
                    groups_id=[(6, 0, group.ids)],
                )
            )
    users.create(creates)
    users.search(
        [
            ("login", "=like", "bench_wb_agent_%"),
            ("cs_extension", ">", str(8000 + agents)),
        ]
    ).write({"active": False})
    # the admin watches the board: a Supervisor
    env.ref("base.user_admin").write(
        {"groups_id": [(4, env.ref("cs_callcenter.group_manager").id)]}
    )
    env.cr.commit()
    return server


def stream(calls, agents, start, seconds, rng):
    """Frames (dicts) of calls keeping about ``calls`` in progress over
    ``seconds`` of PBX time from ``start``, sorted by time."""
    from odoo.addons.cs_callcenter.tests.ami_live_transcripts import queued_call
    from odoo.addons.cs_callcenter.tests.ami_transcripts import frames, render

    mean = 8 + 15 + 60  # IVR, queue, talk
    spacing = mean / calls
    result, seq, moment = [], 1, start - mean
    while moment < start + seconds:
        abandon = rng.random() < 0.1
        pairs = queued_call(
            seq,
            moment,
            caller=f"139{seq:08d}",
            queue=rng.choice(("support", "billing", "repairs")),
            ivr=rng.choice(("1", "2", "3")),
            extension=str(8001 + (seq - 1) % agents),
            answer_after=None if abandon else rng.uniform(2, 28),
            talk=rng.uniform(30, 90),
        )
        result += frames(render(pairs))
        seq += 1
        moment += rng.expovariate(1 / spacing)
    result.sort(key=lambda f: float(f["Timestamp"]))
    return result


# -- the browser ------------------------------------------------------------------
class Browser:
    """A headless Chromium driven over the DevTools protocol."""

    def __init__(self, chromium):
        import websocket

        self.port = pgenv.free_port()
        self.profile = tempfile.mkdtemp(prefix="cs-bench-wb-")
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--window-size=1920,1080",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline, target = time.time() + 30, None
        while time.time() < deadline and not target:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/json/list", timeout=2
                ) as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                    target = pages[0] if pages else None
            except OSError:
                time.sleep(0.3)
        if not target:
            self.close()
            raise RuntimeError("Chromium did not start")
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"])
        self._id = 0

    def send(self, method, **params):
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                return message.get("result", {})

    def eval(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait(self, expression, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.eval(expression):
                return True
            time.sleep(0.2)
        return False

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def login(base):
    """The admin's session id (the database has no demo: admin/admin)."""
    request = urllib.request.Request(  # noqa: S310 (our own local server)
        f"{base}/web/session/authenticate",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "params": {"db": DB[0], "login": "admin", "password": "admin"},
            }
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        cookie = response.headers.get("Set-Cookie") or ""
        body = json.load(response)
    if body.get("error"):
        raise RuntimeError(f"login failed: {body['error']}")
    return cookie.split("session_id=", 1)[1].split(";", 1)[0]


DB = [None]
OBSERVE = """
(() => {
    const board = document.querySelector('.o_cs_wallboard');
    window.__csRender = [];
    new MutationObserver(() => {
        window.__csRender.push(Number(board.dataset.renderMs));
    }).observe(board, {attributes: true, attributeFilter: ['data-render-ms']});
    return true;
})()
"""


def open_board(pg, args):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromium = chromium or shutil.which("google-chrome")
    if args.no_browser or not chromium:
        print("client: skipped (no browser)" if not chromium else "client: skipped")
        return None, None
    port = pgenv.free_port()
    server = subprocess.Popen(
        pgenv.odoo_command(
            pg,
            "-d",
            args.db,
            f"--http-port={port}",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=warn",
            f"--db-filter=^{args.db}$",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    if not pgenv.wait_http(f"{base}/web/login", timeout=180):
        server.terminate()
        raise SystemExit("the Odoo server did not start")
    browser = Browser(chromium)
    browser.send("Network.enable")
    browser.send(
        "Network.setCookie",
        name="session_id",
        value=login(base),
        domain="127.0.0.1",
        path="/",
    )
    browser.send(
        "Page.navigate", url=f"{base}/odoo/action-cs_callcenter.cs_wallboard_action"
    )
    if not browser.wait("!!document.querySelector('.o_cs_wb_figures')", timeout=180):
        browser.close()
        server.terminate()
        raise SystemExit("the wallboard did not open in the browser")
    time.sleep(2)  # the websocket subscribes
    browser.eval(OBSERVE)
    return server, browser


def main():
    parser = benchlib.arguments(
        __doc__.splitlines()[0], "cs_bench_wallboard", SIZES, SMOKE
    )
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--seed", type=int, default=17)
    args = benchlib.parse(parser, SMOKE)
    DB[0] = args.db
    pgenv.require_odoo()
    rng = random.Random(args.seed)
    interval = args.interval_ms / 1000.0
    with pgenv.postgres() as pg:
        benchlib.database(pg, args, "cs_callcenter")
        env = benchlib.open_env(pg, args.db)
        from odoo.addons.cs_callcenter.pbx.live import LiveState

        server = setup(env, args.agents)
        warmup = 120.0
        start = time.time() - warmup
        pbx_step = interval * args.speed  # PBX seconds per update
        frames_ = stream(
            args.calls, args.agents, start, warmup + args.updates * pbx_step, rng
        )
        state = LiveState(("from-external",), wrapup_seconds=30)
        odoo_server, browser = open_board(pg, args)
        Live = env["cs.call.live"]
        publish_ms, rows_changed, sizes, live_calls = [], [], [], []
        folded = fold_s = 0
        position = 0
        try:
            # PBX time = real time: the frames of the warm-up first
            t_start = time.time()
            for tick in range(args.updates + 1):
                until = start + warmup + tick * pbx_step
                t0 = time.perf_counter()
                while (
                    position < len(frames_)
                    and float(frames_[position]["Timestamp"]) < until
                ):
                    state.feed(frames_[position])
                    position += 1
                    folded += 1
                fold_s += time.perf_counter() - t0
                snapshot = state.snapshot()
                env.cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
                before = env.cr.fetchone()[0]
                t1 = time.perf_counter()
                Live._cs_publish_live(server, snapshot)
                env.cr.commit()
                elapsed = (time.perf_counter() - t1) * 1000
                if tick:  # the first publish fills the empty tables
                    publish_ms.append(elapsed)
                    live_calls.append(len(snapshot["calls"]))
                    env.cr.execute(
                        "SELECT message FROM bus_bus WHERE id > %s AND message LIKE %s",
                        [before, '%"cs_callcenter/live"%'],
                    )
                    for (message,) in env.cr.fetchall():
                        payload = json.loads(message)["payload"]
                        sizes.append(len(message))
                        rows_changed.append(
                            len(payload["calls"])
                            + len(payload["removed_calls"])
                            + len(payload["agents"])
                            + len(payload["removed_agents"])
                        )
                wait = t_start + (tick + 1) * interval - time.time()
                if wait > 0:
                    time.sleep(wait)
            duration = time.time() - t_start
            render, shown, updates_seen = [], None, 0
            if browser:
                time.sleep(max(2 * interval, 2))
                render = [v for v in browser.eval("window.__csRender") or [] if v >= 0]
                updates_seen = int(
                    browser.eval(
                        "Number(document.querySelector('.o_cs_wallboard')"
                        ".dataset.liveUpdates)"
                    )
                    or 0
                )
                shown = browser.eval(
                    "document.querySelectorAll('.o_cs_wb_call, .o_cs_wb_talk').length"
                )
        finally:
            if browser:
                browser.close()
            if odoo_server:
                odoo_server.terminate()
                odoo_server.wait(30)
            env.cr.close()
    messages = len(sizes)
    print(
        f"board: {args.agents} agents, {statistics.mean(live_calls or [0]):.0f} calls "
        f"in progress on average (max {max(live_calls or [0])}), "
        f"{args.updates} updates every {args.interval_ms} ms"
    )
    print(
        f"server: live state folds {folded / fold_s if fold_s else 0:,.0f} frames/s; "
        f"publish p50 {percentile(publish_ms, 0.5):.1f} ms, "
        f"p99 {percentile(publish_ms, 0.99):.1f} ms; "
        f"{statistics.mean(rows_changed or [0]):.0f} rows changed per message, "
        f"{statistics.mean(sizes or [0]) / 1024:.1f} KiB per message"
    )
    print(
        f"bus: {messages} messages in {duration:.1f} s = {messages / duration:.2f}/s "
        f"(at most {1 / interval:.2f}/s by design)"
    )
    if browser:
        print(
            f"client: {updates_seen} updates rendered, render p50 "
            f"{percentile(render, 0.5):.0f} ms, p99 {percentile(render, 0.99):.0f} ms, "
            f"max {max(render or [0]):.0f} ms; board shows {shown} calls "
            f"(live: {len(snapshot['calls'])})"
        )
        if shown != len(snapshot["calls"]) or not updates_seen:
            print("FAIL: the board does not show the live calls")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

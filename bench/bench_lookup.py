"""Caller lookup at 1,000,000 contacts: cs.api.lookup_caller vs OCA base_phone.

    python3 bench/bench_lookup.py [--contacts 1000000] [--lookups 1000] [--reuse]
                                  [--db NAME] [--smoke]

Builds a database ``cs_bench_lookup`` with cs_callcenter and OCA base_phone
18.0 (downloaded from PyPI into .cs-bench/ and put on the addons path of this
database only), generates the contacts with COPY (phone keys computed by the
same ``normalize`` the module uses), then times the same random numbers (hits
in the forms PBXs send them, and misses) through both lookups in one process
and prints p50/p99 in ms (ours cold, then warm) and the ratios (warm).
``--reuse`` keeps an existing database of the right size. ``--smoke`` (CI)
runs 2,000 contacts and 100 lookups through ours only, without downloading
the peer.
"""

import os
import random
import statistics
import subprocess
import sys
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

DB = "cs_bench_lookup"
SIZES = {"contacts": 1_000_000, "lookups": 1000, "seed": 18}
SMOKE = {"contacts": 2000, "lookups": 100}
SELECT_BENCH = (
    "SELECT id, mobile_e164 FROM res_partner WHERE name LIKE 'Bench Contact %'"
)
WORK = os.path.join(ROOT, ".cs-bench")
PEER_ADDONS = os.path.join(WORK, "addons")


def fetch_base_phone():
    """Unpack OCA base_phone 18.0 from its PyPI wheel into .cs-bench/addons."""
    if os.path.isdir(os.path.join(PEER_ADDONS, "base_phone")):
        return
    wheels = os.path.join(WORK, "wheels")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            wheels,
            "odoo-addon-base-phone>=18.0,<18.1",
        ],
        check=True,
    )
    wheel = next(f for f in os.listdir(wheels) if f.startswith("odoo_addon_base_phone"))
    with zipfile.ZipFile(os.path.join(wheels, wheel)) as archive:
        for name in archive.namelist():
            if name.startswith("odoo/addons/base_phone/"):
                target = os.path.join(PEER_ADDONS, name[len("odoo/addons/") :])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if not name.endswith("/"):
                    with open(target, "wb") as f:
                        f.write(archive.read(name))


def addons_path():
    return f"{pgenv.ADDONS},{PEER_ADDONS}"


def _mobiles(rng, count):
    prefixes = [
        130,
        131,
        132,
        135,
        136,
        137,
        138,
        139,
        150,
        151,
        158,
        159,
        177,
        180,
        186,
        187,
        188,
        189,
        199,
    ]
    seen = set()
    while len(seen) < count:
        seen.add(f"{rng.choice(prefixes)}{rng.randrange(10**8):08d}")
    return list(seen)


def generate(env, count, rng):
    """COPY ``count`` contacts: a mobile each (typed in various ways) and, for
    half, a landline with area code. Returns [(partner_id, mobile digits)]."""
    from odoo.addons.cs_callcenter.tools.phone import normalize

    mobiles = _mobiles(rng, count)
    areas = ["010", "021", "0755", "020", "0571", "028"]
    styles = [
        lambda m: m,
        lambda m: f"+86 {m[:3]} {m[3:7]} {m[7:]}",
        lambda m: f"{m[:3]}-{m[3:7]}-{m[7:]}",
        lambda m: f"0086{m}",
    ]
    first_id = benchlib.next_partner_id(env)
    rows = []
    owners = []
    started = time.time()
    for i, mobile in enumerate(mobiles):
        pid = first_id + i
        typed_mobile = styles[i % len(styles)](mobile)
        phone = ""
        if i % 2:
            area = areas[i % len(areas)]
            local = f"{rng.randrange(2, 9)}{rng.randrange(10**6, 10**7)}"
            phone = (
                f"{area}-{local}" if i % 4 == 1 else f"({area}) {local[:4]} {local[4:]}"
            )
        rows.append(
            {
                "id": pid,
                "name": f"Bench Contact {pid}",
                "phone": phone,
                "mobile": typed_mobile,
                "phone_e164": normalize(phone, "CN").key if phone else False,
                "mobile_e164": normalize(typed_mobile, "CN").key,
            }
        )
        owners.append((pid, mobile))
    benchlib.copy_partners(env, rows)
    print(f"generated {count} contacts in {time.time() - started:.1f}s", flush=True)
    return owners


def percentiles(samples):
    ordered = sorted(samples)
    return (statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1])


def main():
    parser = benchlib.arguments(__doc__.splitlines()[0], DB, SIZES, SMOKE)
    args = benchlib.parse(parser, SMOKE)
    pgenv.require_odoo()
    rng = random.Random(args.seed)
    peer_path = None if args.smoke else addons_path()
    if not args.smoke:
        fetch_base_phone()
    modules = "cs_callcenter" if args.smoke else "cs_callcenter,base_phone"
    with pgenv.postgres() as pg:
        benchlib.database(pg, args, modules, peer_path)
        env = benchlib.open_env(pg, args.db, peer_path)
        cr = env.cr
        with cr:
            env.company.country_id = env.ref("base.cn")
            env.cr.execute(SELECT_BENCH)
            rows = env.cr.fetchall()
            if len(rows) != args.contacts:
                env.cr.execute(
                    "DELETE FROM res_partner WHERE name LIKE 'Bench Contact %'"
                )
                generate(env, args.contacts, rng)
                env.cr.commit()  # the bench's own cursor: keep the data for --reuse
                env.cr.execute(SELECT_BENCH)
                rows = env.cr.fetchall()
            agent = env.ref("base.user_admin")
            numbers = []
            for pid, key in rng.sample(rows, int(args.lookups * 0.8)):
                national = key[3:]
                presented = rng.choice([national, "86" + national, key, "0" + national])
                numbers.append((presented, pid))
            for _i in range(args.lookups - len(numbers)):
                numbers.append((f"166{rng.randrange(10**8):08d}", None))
            rng.shuffle(numbers)

            api = env["cs.api"].with_user(agent)
            peer = None if args.smoke else env["phone.common"].with_user(agent)
            # base_phone expects digits only (its documented input): give it that.
            digits = {n: "".join(c for c in n if c.isdigit()) for n, _p in numbers}
            for presented, _pid in numbers[:20]:  # warm caches and plans
                api.lookup_caller(presented)
                if peer:
                    peer.get_record_from_phone_number(digits[presented])

            # Two passes: the first meets a cold cache (pages of the index and
            # the table not yet in memory), the second the steady state of a
            # busy desk. Both are reported.
            passes, hits, wrong = [], 0, 0
            for _pass in range(2):
                timings = []
                for presented, pid in numbers:
                    t0 = time.perf_counter()
                    result = api.lookup_caller(presented)
                    timings.append((time.perf_counter() - t0) * 1000)
                    if _pass:
                        continue
                    found = [p["id"] for p in result["partners"]]
                    if pid:
                        hits += bool(found)
                        wrong += bool(found) and found[0] != pid
                    else:
                        wrong += bool(found)
                passes.append(timings)
            theirs = []
            for presented, _pid in numbers if peer else ():
                t0 = time.perf_counter()
                peer.get_record_from_phone_number(digits[presented])
                theirs.append((time.perf_counter() - t0) * 1000)
            cr.rollback()
    (c50, c99), (p50, p99) = (percentiles(t) for t in passes)
    print(
        f"contacts: {args.contacts:,}  lookups: {len(numbers)} "
        f"({sum(1 for _n, p in numbers if p)} hits expected, {hits} found, "
        f"{wrong} wrong)"
    )
    print(f"cs.api.lookup_caller (cold)    p50 {c50:8.3f} ms   p99 {c99:8.3f} ms")
    print(f"cs.api.lookup_caller (warm)    p50 {p50:8.3f} ms   p99 {p99:8.3f} ms")
    if theirs:
        q50, q99 = percentiles(theirs)
        print(f"base_phone get_record_from...  p50 {q50:8.3f} ms   p99 {q99:8.3f} ms")
        print(
            f"ratio base_phone/cs_callcenter: p50 {q50 / p50:,.0f}x  "
            f"p99 {q99 / p99:,.0f}x"
        )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())

"""Check-in at the door under load, against a static file from the same server.

A temporary site runs under `glocal serve` (gunicorn, production settings) with one event and
`--tickets` confirmed registrations. `--clients` concurrent scanners (kept-alive connections,
an API token each as a co-host's phone would hold) post every ticket to the check-in endpoint,
and then the first 5 % of them again, which must answer "already". The same clients fetch the
site's stylesheet (WhiteNoise, same processes) for `--seconds` in all. The two take turns, a
thousand tickets and then a share of the seconds, because on a shared machine a busy spell that
fell on one side alone moved the ratio from 0.24 to 0.36 between runs of the same code.
Requests per second and p50/p99 latencies are printed for both, the arrivals in the database
are counted (each ticket exactly once), and the last line is check-ins per second over static
files per second.

    python bench/checkin.py [--tickets 10000] [--clients 8] [--seconds 10] [--each-round]

The first draft of this bench died with "connection refused": `glocal serve` collects the
static files (and compresses them) before gunicorn binds its port, which on a busy machine takes
longer than the draft waited, and the draft went on without checking. Here the files are
collected beforehand, and the wait has a deadline, watches the server process and shows its
log if it never listens.
"""

import argparse
import http.client
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run from anywhere
from portal import GLOCAL, free_port, hammer, percentile, wait_for

# Run inside `glocal shell` with the server's settings, so the tickets are signed with its key.
SETUP = """
import json, sys
from datetime import timedelta
from django.utils import timezone
from glocal.events import services, tickets
from glocal.events.models import Registration
from glocal.orgs.actors import Actor
from glocal.orgs.models import ApiToken, Organisation, Role
host = Organisation.objects.create(slug="bench-host", name="ベンチ市")
actor = Actor(via="cli", _roles={host.pk: Role.ADMIN})
start = timezone.now() + timedelta(hours=1)
event = services.create_event(actor, host.pk, {"kind": "forum", "title": {"ja": "受付の負荷"},
    "starts_at": start, "ends_at": start + timedelta(hours=3), "is_public": True})
rows = Registration.objects.bulk_create([Registration(event=event, name=f"参加者{n}",
    email=f"p{n}@example.org", status="confirmed") for n in range(TICKETS)], batch_size=2000)
plains = []
for n in range(CLIENTS):
    token = ApiToken(organisation=host, name=f"phone {n}", role=Role.VIEWER)
    plains.append(token.issue())
    token.save()
with open(OUT, "w") as out:
    json.dump({"event": event.pk, "tokens": plains,
               "codes": [tickets.ticket_code(r) for r in rows]}, out)
"""

COUNT = """
from glocal.events.models import CheckIn
from django.db.models import Count
rows = CheckIn.objects.filter(event_id=EVENT)
print(rows.count(), rows.values("registration").annotate(n=Count("id")).filter(n__gt=1).count())
"""


ROUND = 1000  # tickets scanned between two spells of fetching the static file


def glocal(environment: dict, *args: str) -> str:
    done = subprocess.run(
        [*GLOCAL, *args], env=environment, check=True, capture_output=True, text=True
    )
    return done.stdout


def scan_all(port: int, path: str, tokens: list[str], codes: list[str]):
    """Each client takes the next code from a shared queue until none is left: (seconds,
    latencies, answers counted by result, failures)."""
    work: queue.Queue = queue.Queue()
    for code in codes:
        work.put(code)
    latencies: list[float] = []
    results = {"checked_in": 0, "already": 0}
    failures: list[str] = []
    lock = threading.Lock()

    def scanner(token: str):
        headers = {
            "Authorization": f"Bearer {token}",
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "Content-Type": "application/json",
        }
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, outcomes = [], []
        while True:
            try:
                code = work.get_nowait()
            except queue.Empty:
                break
            started = time.perf_counter()
            connection.request("POST", path, json.dumps({"code": code}), headers)
            response = connection.getresponse()
            body = response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                outcomes.append(f"HTTP {response.status}: {body[:200]!r}")
            else:
                outcomes.append(json.loads(body)["result"])
        connection.close()
        with lock:
            latencies.extend(mine)
            for outcome in outcomes:
                if outcome in results:
                    results[outcome] += 1
                else:
                    failures.append(outcome)

    threads = [threading.Thread(target=scanner, args=(token,)) for token in tokens]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - begun, latencies, results, failures


def report(name: str, rate: float, latencies: list[float], count: int) -> None:
    print(
        f"{name:11} {rate:8.0f} requests/s  p50 {percentile(latencies, 0.5):6.1f} ms"
        f"  p99 {percentile(latencies, 0.99):6.1f} ms  ({count} requests)",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10, help="for the static file")
    parser.add_argument("--each-round", action="store_true", help="print each round's rates")
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="glocal-checkin-"))
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GLOCAL_HOME": str(home),
        "GLOCAL_ENV": "production",
        "GLOCAL_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "GLOCAL_ALLOWED_HOSTS": "127.0.0.1",
    }
    for name in ("PYTHONPATH", "GLOCAL_WEB_WORKERS", "GLOCAL_WEB_THREADS"):
        if name in os.environ:  # a worktree's sources; another shape of server to compare
            environment[name] = os.environ[name]
    glocal(environment, "migrate", "-v0")
    glocal(environment, "collectstatic", "--no-input", "-v0")  # before serve, which does it too
    setup = SETUP.replace("TICKETS", str(options.tickets)).replace("CLIENTS", str(options.clients))
    glocal(environment, "shell", "-c", setup.replace("OUT", repr(str(home / "setup.json"))))
    made = json.loads((home / "setup.json").read_text())
    port = free_port()
    log = home / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                *GLOCAL,
                "serve",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=output,
        )
    try:
        wait_for(server, port, log)
        hammer(port, "/static/glocal/glocal.css", 1, 2)  # warm up imports and caches
        codes = made["codes"]
        repeats = codes[: max(1, len(codes) // 20)]
        path = f"/api/v1/events/{made['event']}/checkin"
        # Check-ins and the static file take turns in short rounds, so that a quiet or a busy
        # spell of a shared machine falls on both sides of the ratio, not on one.
        rounds = [codes[n : n + ROUND] for n in range(0, len(codes), ROUND)] + [repeats]
        results = {"checked_in": 0, "already": 0}
        failures: list[str] = []
        latencies: list[float] = []
        static_latencies: list[float] = []
        scanning = serving = 0.0
        for batch in rounds:
            elapsed, mine, outcomes, failed = scan_all(port, path, made["tokens"], batch)
            scanning += elapsed
            latencies += mine
            failures += failed
            for name in results:
                results[name] += outcomes[name]
            share = options.seconds * len(batch) / (len(codes) + len(repeats))
            rate, served = hammer(port, "/static/glocal/glocal.css", share, options.clients)
            serving += len(served) / rate
            if options.each_round:
                print(f"round: {len(batch) / elapsed:5.0f} check-ins/s {rate:5.0f} static/s")
            static_latencies += served
        rate = len(latencies) / scanning
        static_rate = len(static_latencies) / serving
        report("check-in", rate, latencies, len(latencies))
        report("static file", static_rate, static_latencies, len(static_latencies))
    finally:
        server.terminate()
        server.wait(30)
    count = COUNT.replace("EVENT", str(made["event"]))
    # The last line: the shell may first say what it imported.
    last = glocal(environment, "shell", "-c", count).strip().splitlines()[-1]
    arrivals, twice = (int(n) for n in last.split())
    print(
        f"tickets {len(codes)}: arrivals {arrivals}, answered checked_in {results['checked_in']},"
        f" repeat scans answered already {results['already']} of {len(repeats)},"
        f" tickets counted twice {twice}, failed requests {len(failures)}"
    )
    for failure in failures[:5]:
        print("  ", failure)
    right = (
        arrivals == len(codes) == results["checked_in"]
        and results["already"] == len(repeats)
        and twice == 0
        and not failures
    )
    print(f"ratio={rate / static_rate:.2f}")
    return 0 if right else 1


if __name__ == "__main__":
    sys.exit(main())

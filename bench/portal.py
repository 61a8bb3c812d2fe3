"""The public notice page under concurrent load, against a static file from the same server.

A temporary site with the demo notices runs under `glocal serve` (gunicorn, production
settings). For a fixed time each, concurrent clients with kept-alive connections fetch a notice
page in Vietnamese and then the portal's stylesheet (served by WhiteNoise in the same
processes). Requests per second and p50/p99 latencies are printed for both; the last line is the
page's requests per second over the static file's (target ≥ 0.5).

    python bench/portal.py [--seconds 10] [--clients 8]
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOCAL = [sys.executable, "-m", "glocal"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*args, **environment):
    subprocess.run([*GLOCAL, *args], env=environment, check=True, stdout=subprocess.DEVNULL)


def hammer(port: int, path: str, seconds: float, clients: int) -> tuple[float, list[float]]:
    """(requests per second, latencies in seconds) of `clients` loops fetching `path`."""
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}

    def client():
        mine = []
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while (started := time.perf_counter()) < deadline:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / (time.perf_counter() - begun), latencies


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1] * 1000


def wait_for(server: subprocess.Popen, port: int, log: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"glocal serve exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    tail = log.read_text()[-3000:]
    sys.exit(f"glocal serve did not listen on {port} in {seconds:.0f} s:\n{tail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()
    home = tempfile.mkdtemp(prefix="glocal-portal-")
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GLOCAL_HOME": home}
    run("migrate", "-v0", **base)
    run("load-reference", "--no-progress", **base)
    run("load-demo", **base)
    port = free_port()
    production = {
        **base,
        "GLOCAL_ENV": "production",
        "GLOCAL_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "GLOCAL_ALLOWED_HOSTS": "127.0.0.1",
    }
    # Collected before serving (which does it too, before it listens): see wait_for.
    run("collectstatic", "--no-input", "-v0", **production)
    log = Path(home) / "serve.log"
    for name in ("GLOCAL_WEB_WORKERS", "GLOCAL_WEB_THREADS"):  # another shape of server
        if name in os.environ:
            production[name] = os.environ[name]
    server = subprocess.Popen(
        [
            *GLOCAL,
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=production,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        wait_for(server, port, log)
        page, static = "/residents/vi/notices/1/", "/static/core/portal.css"
        for path in (page, static):  # warm up: caches, imports
            hammer(port, path, 1, 2)
        results = {}
        for name, path in (("notice page", page), ("static file", static)):
            rate, latencies = hammer(port, path, options.seconds, options.clients)
            results[name] = rate
            print(
                f"{name:12} {rate:8.0f} requests/s  p50 {percentile(latencies, 0.5):6.1f} ms"
                f"  p99 {percentile(latencies, 0.99):6.1f} ms  ({len(latencies)} requests)"
            )
    finally:
        server.terminate()
        server.wait(10)
    print(f"ratio={results['notice page'] / results['static file']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load benchmark: pages against the floor (a trivial view in the same deployment).

Starts N gunicorn instances (production mode, DEBUG off) on PostgreSQL (and Redis when
REDIS_URL is set), logs in once, and drives every page with wrk from this machine's
loopback, all instances at once. Prints requests/s and p50/p95 latency per page and as a
ratio of the floor (`/health/`: one template, one SELECT 1), and the peak RSS of a worker.

    apt-get install wrk          # Debian's wrk, used as the load generator
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pf_bench \\
    REDIS_URL=redis://127.0.0.1:6379/1 \\
      .venv/bin/python bench/load.py --instances 2 --workers 1 --duration 15

Only loopback addresses are targeted; every run is bounded by --duration per page.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.servers import Browser, gunicorn_instances, server_environment  # noqa: E402

# (label, path) — the first one is the floor.
PAGES = [
    ("floor (/health/)", "/health/"),
    ("dashboard", "/"),
    ("recommendation list", "/recommendations/"),
    ("action list (overdue, page 2)", "/recommendations/actions/?overdue=true&page=2"),
    ("completions list (filtered, page 3)", "/training/completions/?method=import&page=3"),
    ("training coverage", "/training/"),
    ("ID-check register", "/id-checks/"),
    ("committee report", "/report/?date=2024-02-19"),
]

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
"""


def run_wrk(urls: list[str], cookie: str, args, script: Path) -> dict:
    """wrk against every instance at once; requests add up, latency takes the worst."""
    processes = [
        subprocess.Popen(
            [
                "wrk",
                "-t",
                str(args.threads),
                "-c",
                str(args.connections),
                "-d",
                f"{args.duration}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                "-H",
                f"Cookie: {cookie}",
                url,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for url in urls
    ]
    results = []
    for process in processes:
        output, _ = process.communicate()
        results.append(json.loads(output.strip().splitlines()[-1]))
    seconds = max(result["seconds"] for result in results)
    return {
        "rps": sum(result["requests"] for result in results) / seconds,
        "p50_ms": max(result["p50_ms"] for result in results),
        "p95_ms": max(result["p95_ms"] for result in results),
        "errors": sum(result["errors"] for result in results),
    }


def peak_worker_rss_mb(servers: list[subprocess.Popen]) -> float:
    """Largest high-water-mark RSS among the gunicorn workers (children of each master)."""
    peak = 0
    for server in servers:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            peak = max(peak, int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)))
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per instance")
    parser.add_argument("--first-port", type=int, default=8301)
    parser.add_argument("--duration", type=int, default=15, help="seconds per page")
    parser.add_argument("--connections", type=int, default=4, help="per instance")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads per instance")
    parser.add_argument("--username", default="politie")
    parser.add_argument("--password", default="demo-politie-2024")
    parser.add_argument("--page", action="append", help="only pages whose label contains this")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database to measure.")

    ports = [args.first_port + index for index in range(args.instances)]
    with gunicorn_instances(
        ports, workers=args.workers, environment=server_environment()
    ) as servers:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        cookie = Browser(bases[0]).log_in(args.username, args.password).cookie_header()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        pages = [PAGES[0]] + [
            page
            for page in PAGES[1:]
            if not args.page or any(wanted in page[0] for wanted in args.page)
        ]
        results = {}
        for label, path in pages:
            # One warm-up request per instance so caches and connections are in place.
            for base in bases:
                urllib.request.urlopen(  # noqa: S310 - loopback
                    urllib.request.Request(base + path, headers={"Cookie": cookie})
                ).read()
            results[label] = run_wrk(
                [base + path for base in bases], cookie, args, Path(script.name)
            )
        floor = results[PAGES[0][0]]
        print(
            f"\n{args.instances} instance(s) x {args.workers} worker(s), "
            f"{args.connections} connection(s) per instance, {args.duration}s per page\n"
        )
        print(
            f"{'page':<38}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}"
            f"{'rps/floor':>11}{'p50/floor':>11}{'p95/floor':>11}"
        )
        for label, result in results.items():
            print(
                f"{label:<38}{result['rps']:>9.1f}{result['p50_ms']:>9.1f}"
                f"{result['p95_ms']:>9.1f}{result['errors']:>8}"
                f"{result['rps'] / floor['rps']:>11.2f}"
                f"{result['p50_ms'] / floor['p50_ms']:>11.2f}"
                f"{result['p95_ms'] / floor['p95_ms']:>11.2f}"
            )
        print(f"\npeak worker RSS: {peak_worker_rss_mb(servers):.0f} MB")


if __name__ == "__main__":
    main()

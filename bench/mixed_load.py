"""Figures under writes: each page quiet, then while a police user writes, in one run.

Starts N gunicorn instances (production mode) on PostgreSQL (and Redis when REDIS_URL is
set). For each page, wrk drives every instance at once for --duration seconds, first with
nobody writing ("quiet"), then while one police user posts a progress update every
--write-interval seconds through the real form, with its CSRF token, alternating between
the instances ("busy"). Prints per page requests/s, p50 and p95, busy as a share of quiet,
the latency of the writes, and the first request after a write: after each of a few
writes (progress updates, then completions), each page is fetched once, alone.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pf_bench \\
    REDIS_URL=redis://127.0.0.1:6379/1 \\
      .venv/bin/python bench/mixed_load.py --instances 2 --workers 1 --duration 15

`--reader raadslid --reader-password demo-raadslid-2024` reads as a council member (the
council's publication) while the police user writes.

Only loopback addresses are used; every phase is bounded by --duration.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "profiling_followup.settings")

import django  # noqa: E402

django.setup()

from bench.load import WRK_SCRIPT, run_wrk  # noqa: E402
from bench.servers import Browser, gunicorn_instances, server_environment  # noqa: E402
from recommendations.models import Action  # noqa: E402
from training.models import Module, StaffMember  # noqa: E402

PAGES = [
    ("dashboard", "/"),
    ("training coverage", "/training/"),
    ("committee report (19/02/2024)", "/report/?date=2024-02-19"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def refused(status: int, page: str) -> None:
    """A write that did not go through: an error status, or the form shown again."""
    if status != 200 or 'id="error-summary"' in page:
        raise RuntimeError(f"a write was refused ({status})")


class Writer:
    """A police user posting progress updates through the real form, every interval."""

    def __init__(self, bases: list[str], username: str, password: str):
        self.browsers = [Browser(base).log_in(username, password) for base in bases]
        self.actions = list(Action.objects.order_by("pk").values_list("pk", flat=True)[:200])
        self.count = 0

    def progress_update(self) -> float:
        """One write as a person makes it: the form, the post, the page it leads to."""
        browser = self.browsers[self.count % len(self.browsers)]
        action = self.actions[self.count % len(self.actions)]
        self.count += 1
        started = time.perf_counter()
        status, page = browser.post(
            f"/recommendations/actions/{action}/updates/new/",
            {"date": time.strftime("%Y-%m-%d"), "text": f"Meting {uuid.uuid4().hex[:8]}"},
        )
        refused(status, page)
        return (time.perf_counter() - started) * 1000

    def completion(self, staff_number: str, module_code: str) -> float:
        browser = self.browsers[self.count % len(self.browsers)]
        self.count += 1
        started = time.perf_counter()
        status, page = browser.post(
            "/training/completions/new/",
            {
                "staff_number": staff_number,
                "module": Module.objects.get(code=module_code).pk,
                "completed_on": time.strftime("%Y-%m-%d"),
                "method": "online",
            },
        )
        refused(status, page)
        return (time.perf_counter() - started) * 1000

    def keep_writing(self, interval: float, stop: threading.Event, latencies: list[float]):
        while not stop.is_set():
            started = time.monotonic()
            latencies.append(self.progress_update())
            stop.wait(max(0.0, interval - (time.monotonic() - started)))


def timed_get(base: str, path: str, cookie: str) -> float:
    started = time.perf_counter()
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        response.read()
    return (time.perf_counter() - started) * 1000


def first_requests_after_writes(writer, bases, cookie, writes: int) -> dict[str, dict]:
    """After each write, every page once, alone: how long the first reader waits."""
    # Colleagues without the online module yet: a completion of theirs is always new.
    staff = list(
        StaffMember.objects.filter(active=True)
        .exclude(completions__module__code="hk-online")
        .values_list("staff_number", flat=True)[: writes * 2]
    )
    timings: dict[str, dict[str, list[float]]] = {}
    for kind in ("progress update", "completion"):
        for index in range(writes):
            if kind == "progress update":
                writer.progress_update()
            else:
                writer.completion(staff[index], "hk-online")
            for label, path in PAGES:
                base = bases[index % len(bases)]
                timings.setdefault(kind, {}).setdefault(label, []).append(
                    timed_get(base, path, cookie)
                )
    return timings


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per instance")
    parser.add_argument("--first-port", type=int, default=8311)
    parser.add_argument("--duration", type=int, default=15, help="seconds per page and phase")
    parser.add_argument("--connections", type=int, default=4, help="per instance")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads per instance")
    parser.add_argument("--write-interval", type=float, default=1.0, help="seconds")
    parser.add_argument("--after-writes", type=int, default=5, help="writes per kind")
    parser.add_argument("--username", default="politie", help="the police user who writes")
    parser.add_argument("--password", default="demo-politie-2024")
    parser.add_argument("--reader", default="", help="who reads (default: the writer)")
    parser.add_argument("--reader-password", default="")
    return parser.parse_args()


def measure(args: argparse.Namespace) -> tuple[dict, list[float], dict]:
    """Per page (quiet, busy, the latencies of the writes while busy); every write's
    latency; the first requests after writes."""
    ports = [args.first_port + index for index in range(args.instances)]
    with gunicorn_instances(ports, workers=args.workers, environment=server_environment()):
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        reader = (
            (args.reader, args.reader_password) if args.reader else (args.username, args.password)
        )
        cookie = Browser(bases[0]).log_in(*reader).cookie_header()
        writer = Writer(bases, args.username, args.password)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        results, write_latencies = {}, []
        for label, path in PAGES:
            for base in bases:  # warm: every instance has the page cached
                timed_get(base, path, cookie)
            quiet = run_wrk([base + path for base in bases], cookie, args, Path(script.name))
            stop, latencies = threading.Event(), []
            thread = threading.Thread(
                target=writer.keep_writing, args=(args.write_interval, stop, latencies)
            )
            thread.start()
            busy = run_wrk([base + path for base in bases], cookie, args, Path(script.name))
            stop.set()
            thread.join()
            write_latencies += latencies
            results[label] = (quiet, busy, latencies)
        after = first_requests_after_writes(writer, bases, cookie, args.after_writes)
    return results, write_latencies, after


def report(args: argparse.Namespace, results: dict, write_latencies: list[float], after: dict):
    print(
        f"\n{args.instances} instance(s) x {args.workers} worker(s), {args.connections} "
        f"connection(s) per instance, {args.duration}s per page and phase, one progress "
        f"update every {args.write_interval}s while busy, read as {args.reader or args.username}\n"
    )
    print(
        "| page | quiet req/s | p50 | p95 | busy req/s | p50 | p95 | busy ÷ quiet "
        "| writes | write p50 | write p95 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, (quiet, busy, writes) in results.items():
        print(
            f"| {label} | {quiet['rps']:.1f} | {quiet['p50_ms']:.1f} | {quiet['p95_ms']:.1f} "
            f"| {busy['rps']:.1f} | {busy['p50_ms']:.1f} | {busy['p95_ms']:.1f} "
            f"| {busy['rps'] / quiet['rps']:.2f} | {len(writes)} "
            f"| {statistics.median(writes):.0f} | {percentile(writes, 0.95):.0f} |"
        )
    print(
        f"\nwrites (form, post, redirect), {len(write_latencies)}: "
        f"p50 {statistics.median(write_latencies):.0f} ms, "
        f"p95 {percentile(write_latencies, 0.95):.0f} ms"
    )
    print("\nfirst request after a write (ms, each page alone):\n")
    print("| write | page | p50 | max |")
    print("|---|---|---:|---:|")
    for kind, pages in after.items():
        for label, values in pages.items():
            print(f"| {kind} | {label} | {statistics.median(values):.0f} | {max(values):.0f} |")


def main() -> None:
    args = arguments()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database to measure.")
    report(args, *measure(args))


if __name__ == "__main__":
    main()

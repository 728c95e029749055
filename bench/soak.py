"""Soak run: several users read and write for a few minutes against two gunicorn
instances on PostgreSQL; afterwards every write must be found in the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pf_bench \\
    REDIS_URL=redis://127.0.0.1:6379/1 \\
      .venv/bin/python bench/soak.py --minutes 3 --readers 4 --writers 2

Writers post progress updates (each with a unique marker) through the real forms, with
CSRF tokens, alternating between the instances; readers open the dashboard, the lists and
the report. Only loopback addresses are used and the run stops after --minutes.
"""

import argparse
import os
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "profiling_followup.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from bench.servers import Browser, gunicorn_instances, server_environment  # noqa: E402
from recommendations.models import Action, ProgressUpdate  # noqa: E402

READ_PATHS = [
    "/",
    "/recommendations/",
    "/recommendations/actions/?overdue=true",
    "/training/",
    "/id-checks/",
    "/report/changes/?start=2024-01-01",
]


def reader(base: str, username: str, password: str, stop: float, tally: Counter, lock):
    browser = Browser(base).log_in(username, password)
    index = 0
    while time.monotonic() < stop:
        status, _ = browser.get(READ_PATHS[index % len(READ_PATHS)])
        index += 1
        with lock:
            tally["reads"] += 1
            tally["read errors"] += status != 200


def writer(bases, action_ids, marker: str, stop: float, tally: Counter, lock, sent: list):
    browsers = [Browser(base).log_in("politie", "demo-politie-2024") for base in bases]
    index = 0
    while time.monotonic() < stop:
        action_id = action_ids[index % len(action_ids)]
        text = f"{marker} {uuid.uuid4().hex}"
        status, page = browsers[index % len(browsers)].post(
            f"/recommendations/actions/{action_id}/updates/new/",
            {"date": timezone.localdate().isoformat(), "text": text},
        )
        index += 1
        ok = status == 200 and "error-summary" not in page
        with lock:
            tally["writes"] += 1
            tally["write errors"] += not ok
            if ok:
                sent.append(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--first-port", type=int, default=8501)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database to soak.")
    marker = f"soak-{uuid.uuid4().hex[:8]}"
    action_ids = list(
        Action.objects.exclude(start_date__gt=timezone.localdate())
        .order_by("pk")
        .values_list("pk", flat=True)[:20]
    )
    ports = [args.first_port, args.first_port + 1]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    tally, lock, sent = Counter(), threading.Lock(), []
    with gunicorn_instances(ports, workers=1, environment=server_environment()):
        stop = time.monotonic() + args.minutes * 60
        threads = [
            threading.Thread(
                target=reader,
                args=(bases[i % 2], "raadslid", "demo-raadslid-2024", stop, tally, lock),
            )
            for i in range(args.readers)
        ] + [
            threading.Thread(
                target=writer, args=(bases, action_ids, marker, stop, tally, lock, sent)
            )
            for _ in range(args.writers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    stored = set(
        ProgressUpdate.objects.filter(text__startswith=marker).values_list("text", flat=True)
    )
    with_history = ProgressUpdate.history.filter(text__startswith=marker, history_type="+")
    print(f"{args.minutes:g} min, {args.readers} readers, {args.writers} writers, 2 instances")
    print(f"reads: {tally['reads']} ({tally['read errors']} errors)")
    print(f"writes: {tally['writes']} ({tally['write errors']} errors)")
    missing = set(sent) - stored
    print(
        f"writes confirmed by the app: {len(sent)}; found in the database: {len(stored)}; "
        f"missing: {len(missing)}; history entries: {with_history.count()}"
    )
    if tally["read errors"] or tally["write errors"] or missing:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

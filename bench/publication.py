"""The council's publication computed in process: first cold, each app's cells and sums
and the suppression of the whole model, with their time, size and the peak memory of the
process; then as a request gets it (core.disclosure.publication, through the figure cache)
with nothing cached, again, and after one completion recorded through the service (dated
today, then last month; each rolled back).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pf_bench .venv/bin/python bench/publication.py

The publication after a write is what the first council request after it waits for
(core.disclosure: one process computes, the others wait for its result).
"""

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "profiling_followup.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402

from core import dates  # noqa: E402
from core.disclosure import app_model, publication, publishing_apps  # noqa: E402
from core.suppression import Model, protect  # noqa: E402
from training import services  # noqa: E402
from training.models import Module, StaffMember  # noqa: E402


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    today, whole, started = dates.today(), Model(), time.perf_counter()
    print("| part | seconds | cells | sums | hidden | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for config in publishing_apps():
        begun = time.perf_counter()
        model = app_model(config, today)
        print(
            f"| {config.label} cells and sums | {time.perf_counter() - begun:.1f} "
            f"| {len(model.cells):,} | {len(model.relations):,} | | {peak_mb()} |"
        )
        whole.merge(model)
    begun = time.perf_counter()
    hidden = protect(whole)
    print(
        f"| suppression | {time.perf_counter() - begun:.1f} | {len(whole.cells):,} "
        f"| {len(whole.relations):,} | {len(hidden):,} | {peak_mb()} |"
    )
    print(f"| **in all** | **{time.perf_counter() - started:.1f}** | | | | |")
    after_writes(today)


def timed(function) -> tuple[float, object]:
    begun = time.perf_counter()
    result = function()
    return time.perf_counter() - begun, result


def after_writes(today) -> None:
    cache.clear()
    print("\n| the publication (figure cache) | write ms | seconds | hidden |")
    print("|---|---:|---:|---:|")
    for label in ("nothing cached", "again"):
        seconds, published = timed(lambda: publication(today))
        print(f"| {label} | | {seconds:.2f} | {len(published.hidden):,} |")
    actor = get_user_model().objects.filter(is_superuser=True).first()
    module = Module.objects.filter(refresher_months__isnull=False).order_by("code").first()
    for label, day in (("today", today), ("last month", dates.add_months(today, -1))):
        with transaction.atomic():
            staff = StaffMember.objects.filter(active=True).exclude(completions__module=module)[0]
            write, _ = timed(
                lambda staff=staff, day=day: services.completion_record(
                    staff=staff, module=module, completed_on=day, method="online", actor=actor
                )
            )
            seconds, published = timed(lambda: publication(today))
            print(
                f"| after a completion dated {label} ({module.code}) | {write * 1000:.0f} "
                f"| {seconds:.2f} | {len(published.hidden):,} |"
            )
            transaction.set_rollback(True)


if __name__ == "__main__":
    main()

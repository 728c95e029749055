"""The council's publication computed cold, in process: each app's cells and sums, then the
suppression, with their time, size and the peak memory of the process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pf_bench .venv/bin/python bench/publication.py

This is what the first council request after a write to the records it reads waits for
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

from django.utils.module_loading import import_string  # noqa: E402

from core import dates  # noqa: E402
from core.disclosure import publishing_apps  # noqa: E402
from core.suppression import Model, protect  # noqa: E402


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    today, whole, started = dates.today(), Model(), time.perf_counter()
    print("| part | seconds | cells | sums | hidden | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for config in publishing_apps():
        begun = time.perf_counter()
        model = import_string(config.disclosure_model)(today)
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


if __name__ == "__main__":
    main()

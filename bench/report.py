"""The committee report generated cold (nothing cached), in process, with a breakdown.

    DATABASE_URL=postgres://... .venv/bin/python bench/report.py [--date 2024-02-19] [--runs 3]

Each run times every figure of `reports.committee_report` (with its queries and their SQL
time), the rendering of `reports/report_body.html`, and the whole page through the test
client with the cache cleared first (the first request after a write); best of N runs.
`--profile N` prints the N most expensive functions of one cold generation (cProfile);
`--page /` (repeatable) also times that page cold, e.g. the dashboard or `/training/`.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "profiling_followup.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from core.dates import day_bounds  # noqa: E402
from core.disclosure import Figures  # noqa: E402
from id_checks import selectors as id_checks  # noqa: E402
from profiling_followup import reports  # noqa: E402
from recommendations import history as recommendations  # noqa: E402
from training import selectors as training  # noqa: E402


def parts(meeting_date: date) -> dict:
    """The pieces of `reports.committee_report`, each a callable, in its order."""
    _, moment = day_bounds(meeting_date, meeting_date)
    since = min(reports.ID_CHECKS_SINCE, meeting_date)
    return {
        "recommendations_as_of": lambda: recommendations.recommendations_as_of(moment),
        "total_headcount": lambda: training.total_headcount(meeting_date),
        "coverage_by_module": lambda: training.coverage_by_module(meeting_date),
        "prerequisite_coverage": lambda: training.prerequisite_coverage(meeting_date),
        "authorisation_figures": lambda: id_checks.authorisation_figures(since, meeting_date),
    }


def timed(function):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
    sql = sum(float(query["time"]) for query in queries.captured_queries)
    return result, elapsed * 1000, sql * 1000, len(queries)


def one_run(meeting_date: date, viewer, client: Client) -> dict[str, tuple[float, float, int]]:
    row = {}
    for name, function in parts(meeting_date).items():
        row[name] = timed(function)[1:]
    # The figures `viewer` gets (exact for police staff, suppressed for the council).
    shown = Figures(viewer)
    report, *row["committee_report"] = timed(lambda: reports.committee_report(meeting_date, shown))
    context = {"report": report, "viewer": viewer, "title": reports.report_title(meeting_date)}
    html, *row["render report_body.html"] = timed(
        lambda: render_to_string("reports/report_body.html", context)
    )
    page, *row["page, cache cleared"] = timed_cold(client, f"/report/?date={meeting_date}")
    row["size"] = (len(html.encode()), len(page.content))
    return row


def timed_cold(client: Client, path: str):
    """`timed` for a page requested with nothing cached: the first request after a write."""
    cache.clear()
    response, *timing = timed(lambda: client.get(path))
    assert response.status_code == 200, (path, response.status_code)
    return response, *timing


def cold_page(path: str, client: Client, runs: int) -> str:
    total, sql, count = min(timed_cold(client, path)[1:] for _ in range(runs))
    return f"{total:9.1f} {sql:9.1f} {count:8d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--date", type=date.fromisoformat, default=date(2024, 2, 19))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--user", default="politie", help="who looks (politie: exact figures)")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument(
        "--page", action="append", default=[], help="also time this page cold, e.g. / or /training/"
    )
    args = parser.parse_args()

    settings.ALLOWED_HOSTS = ["*"]
    viewer = get_user_model().objects.get(username=args.user)
    client = Client()
    client.force_login(viewer)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {args.date}")
    with translation.override(settings.LANGUAGE_CODE):
        runs = [one_run(args.date, viewer, client) for _ in range(args.runs)]
        best = {name: min(run[name] for run in runs) for name in runs[0] if name != "size"}
        print(f"{'best of ' + str(args.runs):32s} {'total ms':>9s} {'SQL ms':>9s} {'queries':>8s}")
        for name, (total, sql, count) in best.items():
            print(f"{name:32s} {total:9.1f} {sql:9.1f} {count:8d}")
        body, page = runs[0]["size"]
        print(f"report body {body / 1e6:.2f} MB, page {page / 1e6:.2f} MB")
        for path in args.page:
            print(f"{path + ', cache cleared':32s} " + cold_page(path, client, args.runs))
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            report = reports.committee_report(args.date, Figures(viewer))
            render_to_string(
                "reports/report_body.html",
                {"report": report, "viewer": viewer, "title": reports.report_title(args.date)},
            )
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()

"""What the council can obtain about the persons of systematic ID checks, for
`core.disclosure`: persons checked per calendar month, quarter and year, per kind and in
total (summary, dashboard, report, open data), and per authorisation (register, its
exports, the detail page), tied by their sums; the other counts of an execution (arrests,
reports, fines, seizures, complaints) per authorisation only, where no total of them is
published.
"""

from datetime import date

from django.db.models import Max, Min

from core.dates import local_date, period_key, periods_between
from core.suppression import Model, Piece, add_month_ranges
from id_checks.models import COUNT_FIELDS, Authorisation, Decision, Execution, Kind

READS = (Authorisation, Decision, Execution)

TOTAL = "total"
KINDS = (*Kind.values, TOTAL)


def persons_key(period: str, kind: str) -> tuple:
    """Persons checked in a fixed period ("2024-02", "2024-Q1", "2024"), per kind or total."""
    return ("id_checks", "persons_checked", period, kind)


def execution_key(authorisation_id: int, field: str) -> tuple:
    return ("id_checks", "authorisation", authorisation_id, field)


def pieces(today: date) -> list[Piece]:
    """One piece, kept with the app's publication by what it reads (core.disclosure)."""
    return [Piece(None, lambda: model(today))]


def model(today: date) -> Model:
    executions = list(
        Execution.objects.values(
            "decision__authorisation_id",
            "decision__authorisation__kind",
            "decision__authorisation__starts_at",
            *COUNT_FIELDS,
        )
    )
    result = Model()
    if not executions:
        return result
    bounds = Execution.objects.aggregate(
        first=Min("decision__authorisation__starts_at"),
        last=Max("decision__authorisation__starts_at"),
    )
    periods = periods_between(local_date(bounds["first"]), local_date(bounds["last"]))
    sums = {(key, kind): 0 for key, *_ in periods for kind in KINDS}
    members = {(key, kind): [] for key, *_ in periods for kind in Kind.values}
    for row in executions:
        pk, kind = row["decision__authorisation_id"], row["decision__authorisation__kind"]
        month = period_key(local_date(row["decision__authorisation__starts_at"]), 1)
        for field in COUNT_FIELDS:
            result.add(execution_key(pk, field), row[field])
        members[(month, kind)].append(execution_key(pk, "persons_checked"))
        sums[(month, kind)] += row["persons_checked"]
    parent = {key: parent for key, _first, _last, parent in periods}
    # Months first, then quarters, then years: each adds itself to its parent.
    for key, *_ in reversed(periods):
        for kind in Kind.values:
            sums[(key, TOTAL)] += sums[(key, kind)]
            if parent[key]:
                sums[(parent[key], kind)] += sums[(key, kind)]
    for (key, kind), value in sums.items():
        result.add(persons_key(key, kind), value)
    for key, *_ in periods:
        result.relate(persons_key(key, TOTAL), [persons_key(key, kind) for kind in Kind.values])
        for kind in KINDS:
            children = [child for child, *_rest, up in periods if up == key]
            result.relate(persons_key(key, kind), [persons_key(child, kind) for child in children])
        for kind in Kind.values:
            result.relate(persons_key(key, kind), members.get((key, kind), []))
    months = [key for key, first, last, parent in periods if len(key) == 7 and "Q" not in key]
    for kind in KINDS:
        add_month_ranges(
            result, months, lambda a, b, kind=kind: persons_key(a if a == b else f"{a}..{b}", kind)
        )
    return result


def persons_over(shown, start: date, end: date, kind: str, value: int):
    """Persons checked from `start` to `end` as the viewer may see them (core.disclosure:
    a total over the fixed periods the snapped period is made of)."""
    return shown.total([persons_key(part, kind) for part in shown.parts(start, end)], value)

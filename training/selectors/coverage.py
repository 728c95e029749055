"""Coverage figures, computed in SQL from the counts the writes keep where they can say it.

Each figure function runs a fixed number of queries, whatever the number of staff or
completions. "Completed" counts active staff members with a completion on or before the
date; for a module with a refresher interval only completions still valid on that date.
"""

import functools
import itertools
import operator
from collections import defaultdict
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncMonth

from core.dates import add_months, first_of_month, last_of_month, month_index, months_before, today
from core.figure_cache import cached_figures
from training import state_changes
from training.models import (
    Completion,
    CoverageCount,
    Module,
    ModulePrerequisite,
    StaffMember,
    StaffModuleSummary,
    TrainedStateChange,
    Unit,
    UnitCoverageCount,
    UnitHeadcount,
)

# A refresher is "due" when the last completion expires within this many days.
REFRESHER_HORIZON_DAYS = 90

# The records the coverage figures read (for the figure cache: a write to another table,
# a progress update say, leaves them cached).
COVERAGE_READS = (Completion, StaffMember, Unit, UnitHeadcount, Module, ModulePrerequisite)


def state_reads(at: date) -> dict:
    """What the figures of the state on `at` depend on, for the figure cache: the records
    of COVERAGE_READS, of the completions only those dated up to `at` (a completion dated
    today leaves the figures at the end of last month, the council's, cached)."""
    return {"reads": COVERAGE_READS, "dated": {Completion: ("completed_on", at)}}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _valid_on(at: date, module: Module, prefix: str = "") -> Q:
    """Completions of `module` that count on `at` (not expired when it has a refresher)."""
    condition = Q(**{f"{prefix}module": module, f"{prefix}completed_on__lte": at})
    if module.refresher_months:
        # Valid for refresher_months after the date: expired completions no longer count.
        expiry_cut = months_before(at, module.refresher_months)
        condition &= Q(**{f"{prefix}completed_on__gt": expiry_cut})
    return condition


def _latest_headcounts(at: date):
    latest = (
        UnitHeadcount.objects.filter(unit=OuterRef("unit"), date__lte=at)
        .order_by("-date")
        .values("date")[:1]
    )
    return UnitHeadcount.objects.filter(date__lte=at, date=Subquery(latest))


def total_headcount(at: date) -> int:
    """Sum over units of each unit's latest headcount on or before `at`. One query."""
    return _latest_headcounts(at).aggregate(total=Sum("headcount"))["total"] or 0


def modules() -> list[Module]:
    return list(Module.objects.order_by("code"))


def _summary_is_exact(at: date) -> bool:
    """Whether each person's last completion is also their last one up to `at`: nobody
    completed anything after `at` (always so for today). Their first one is exact for any
    date. One query, or none for today."""
    return at >= today() or not Completion.objects.filter(completed_on__gt=at).exists()


def _at_past_month_end(at: date) -> bool:
    """Whether `at` is the end of a month that has ended: there the changes in staff
    trained that the writes keep for the council's publication (TrainedStateChange) give
    every state in a few thousand rows, with or without later completions (the council
    reads only such dates)."""
    return at == last_of_month(at) and at < today()


def _kept_states(at: date, *kinds: str, per_unit: bool = False) -> dict:
    """{kind: {(module id, unit id or None): people}} in each of the states `kinds` at the
    month end `at`, summed from the kept changes. One query."""
    rows = TrainedStateChange.objects.filter(kind__in=kinds, month_end__lte=at)
    if per_unit:
        rows = rows.exclude(unit=state_changes.ALL_UNITS)
    else:
        rows = rows.filter(unit=state_changes.ALL_UNITS)
    states = {kind: {} for kind in kinds}
    for row in rows.values("kind", "module", "unit").order_by().annotate(n=Sum("people")):
        states[row["kind"]][(row["module"], row["unit"] if per_unit else None)] = row["n"]
    return states


def _valid_person(at: date, module: Module) -> Q:
    """Summary rows (people) with a completion of `module` that counts on `at`."""
    if module.refresher_months:
        cut = months_before(at, module.refresher_months)
        return Q(module=module, last_completed_on__gt=cut, last_completed_on__lte=at)
    return Q(module=module, first_completed_on__lte=at)


def _people(at: date, module_list: list[Module]):
    """(rows of active people, validity of a module as a Q, the unit's field name): one row
    per person and module (StaffModuleSummary) where that is exact for `at`, else the
    completions themselves (a module with a refresher, on a date with later completions)."""
    if any(module.refresher_months for module in module_list) and not _summary_is_exact(at):
        rows = Completion.objects.filter(staff__active=True)
        return rows, functools.partial(_valid_on, at), "staff__unit"
    rows = StaffModuleSummary.objects.filter(active=True)
    return rows, functools.partial(_valid_person, at), "unit"


def _kept_counts(at: date, module_list: list[Module]) -> dict | None:
    """{(module id, None): active people with a valid completion on `at`} summed from the
    counts the writes keep (CoverageCount), or None where those cannot say it (a module
    with a refresher, on a date with later completions). One query, two on a past date."""
    refreshers = [module for module in module_list if module.refresher_months]
    if refreshers and not _summary_is_exact(at):
        return None
    valid = Q(kind="first", day__lte=at, module__in=[m for m in module_list if m not in refreshers])
    for module in refreshers:
        cut = months_before(at, module.refresher_months)
        valid |= Q(kind="last", module=module, day__gt=cut, day__lte=at)
    sums = CoverageCount.objects.filter(valid).values("module").order_by().annotate(n=Sum("people"))
    return {(row["module"], None): row["n"] for row in sums}


def _completed_counts(at: date, module_list: list[Module], by_unit: bool = False):
    """{(module id, unit id or None): distinct active staff with a valid completion}: from
    the kept counts where they can say it, else one count grouped by module (and unit)."""
    if not module_list:
        return {}
    if _at_past_month_end(at) and (not by_unit or _counted_per_unit(module_list)):
        return _kept_states(at, state_changes.TRAINED, per_unit=by_unit)[state_changes.TRAINED]
    if not by_unit and (kept := _kept_counts(at, module_list)) is not None:
        return kept
    counts = {}
    if by_unit and at >= today():
        # Today the kept counts per unit answer for the modules without a refresher.
        lasting = [module for module in module_list if not module.refresher_months]
        units = UnitCoverageCount.objects.filter(module__in=lasting)
        counts = {
            (module, unit): n for module, unit, n in units.values_list("module", "unit", "people")
        }
        module_list = [module for module in module_list if module.refresher_months]
        if not module_list:
            return counts
    rows, valid, unit = _people(at, module_list)
    groups = ["module", unit] if by_unit else ["module"]
    counted = (
        rows.filter(functools.reduce(operator.or_, map(valid, module_list)))
        .values(*groups)
        .order_by()
        # A summary row is one person's (no two per module); completions may be several.
        .annotate(n=Count("staff", distinct=rows.model is Completion))
    )
    counts.update({(row["module"], row.get(unit)): row["n"] for row in counted})
    return counts


def _counted_per_unit(module_list: list[Module]) -> bool:
    """Whether the kept changes count these modules per unit too."""
    per_unit = state_changes.unit_modules({module.pk: module.mandatory for module in modules()})
    return all(module.pk in per_unit for module in module_list)


def coverage_by_module(at: date) -> list[dict]:
    """[{module, completed, headcount, percent}] per module, in code order. Three queries
    (a fourth on a past date, when a module has a refresher: see _summary_is_exact)."""
    module_list = modules()
    headcount = total_headcount(at)
    counts = _completed_counts(at, module_list)
    rows = []
    for module in module_list:
        completed = counts.get((module.pk, None), 0)
        rows.append(
            {
                "module": module,
                "completed": completed,
                "headcount": headcount,
                "percent": _percent(completed, headcount),
            }
        )
    return rows


def coverage_by_unit(at: date, modules: list[Module]) -> list[dict]:
    """Per unit: {unit, headcount, modules: [{module, completed, percent}]}. Three queries
    (a fourth as for coverage_by_module)."""
    units = list(Unit.objects.filter(active=True).order_by("name"))
    headcounts = dict(_latest_headcounts(at).values_list("unit", "headcount"))
    counts = _completed_counts(at, modules, by_unit=True)
    result = []
    for unit in units:
        headcount = headcounts.get(unit.pk, 0)
        completed = [counts.get((module.pk, unit.pk), 0) for module in modules]
        cells = [
            {"module": module, "completed": n, "percent": _percent(n, headcount)}
            for module, n in zip(modules, completed, strict=True)
        ]
        result.append({"unit": unit, "headcount": headcount, "modules": cells})
    return result


def pair_links(prerequisites=ModulePrerequisite):
    """The links of a VR module to a module it requires, the first one module 1 and 2
    (`prerequisites`: the model, or a migration's historical one)."""
    return prerequisites.objects.filter(module__kind=Module.Kind.VR).order_by("module__code")


def prerequisite_pair() -> tuple[Module, Module] | tuple[None, None]:
    """(module 1, module 2): the theory module that the VR module requires."""
    link = pair_links().select_related("module", "required").first()
    return (link.required, link.module) if link else (None, None)


def _pair_counts(first, second, total: int, both: int) -> dict:
    return {
        "module1": first,
        "module2": second,
        "module1_total": total,
        "module1_only": total - both,
        "module1_and_2": both,
    }


def prerequisite_coverage(at: date) -> dict:
    """{module1, module2, module1_total, module1_only, module1_and_2}. Three queries (two on
    a past date with later completions of a module with a refresher).

    "714 colleagues followed module 1; 437 followed module 1 and module 2."
    """
    first, second = prerequisite_pair()
    if first is None:
        return _pair_counts(None, None, 0, 0)
    if _at_past_month_end(at):
        states = _kept_states(at, state_changes.TRAINED, state_changes.BOTH)
        total = states[state_changes.TRAINED].get((first.pk, None), 0)
        both = states[state_changes.BOTH].get((second.pk, None), 0)
        return _pair_counts(first, second, total, both)
    rows, valid, _unit = _people(at, [first, second])
    valid1, valid2 = valid(first), valid(second)
    if rows.model is StaffModuleSummary:
        # One row per person and module: module 1's people, and those of them with module 2.
        with_first = rows.filter(valid1, staff=OuterRef("staff"))
        both = rows.filter(valid2, Exists(with_first)).count()
        return _pair_counts(first, second, rows.filter(valid1).count(), both)
    # Completions, per person, then counted: one pass over the rows, not a probe per person.
    per_staff = (
        rows.filter(valid1 | valid2)
        .values("staff")
        .order_by()
        .annotate(n1=Count("pk", filter=valid1), n2=Count("pk", filter=valid2))
    )
    counts = per_staff.aggregate(
        module1_total=Count("staff", filter=Q(n1__gt=0)),
        module1_only=Count("staff", filter=Q(n1__gt=0, n2=0)),
        module1_and_2=Count("staff", filter=Q(n1__gt=0, n2__gt=0)),
    )
    return {"module1": first, "module2": second, **counts}


def _lasts_from_completions_sql(narrowing: str = "") -> str:
    """SQL: each active staff member's last completion date per module, on or before the
    date that is its first parameter, from the completions themselves (for a date with
    later completions, where the summary's last one is not the last up to it); `narrowing`
    adds conditions on `person`."""
    return f"""
        SELECT person.staff_id, person.module_id, MAX(person.completed_on) AS completed_on
        FROM {Completion._meta.db_table} person
        JOIN {StaffMember._meta.db_table} staff ON staff.id = person.staff_id
        WHERE staff.active AND person.completed_on <= %s {narrowing}
        GROUP BY person.staff_id, person.module_id
    """  # noqa: S608


def first_completion_date() -> date | None:
    """The date of the earliest recorded completion; one query."""
    return Completion.objects.aggregate(first=Min("completed_on"))["first"]


def _first_completions_per_month(after: date | None, until: date) -> dict:
    """{(module id, first of month): staff who first completed the module that month}, from
    the kept counts of days after `after` (None: from the first) up to `until`. One query."""
    rows = CoverageCount.objects.filter(kind="first", day__lte=until)
    if after:
        rows = rows.filter(day__gt=after)
    return {
        (module_id, month): people
        for module_id, month, people in rows.annotate(month=TruncMonth("day"))
        .values("module", "month")
        .order_by()
        .annotate(people=Sum("people"))
        .values_list("module", "month", "people")
    }


def coverage_trend(at: date, months: int) -> list[dict]:
    """Per module {module, series: [(month, cumulative staff)]} for `months` months to `at`.

    A staff member counts from the month of their first completion of the module (renewals
    do not count twice). From the kept counts of first completions per module and day
    (CoverageCount), summed per module and month in the database: those before `at`'s
    month once per state of the completions dated before it (the figure cache: a
    completion dated today leaves them kept), those of its month each time. Two queries.
    """
    module_list = modules()
    first_month = add_months(at, -(months - 1))
    month_list = [add_months(first_month, offset) for offset in range(months)]
    before = first_of_month(at) - timedelta(days=1)
    earlier = cached_figures(
        "first-completions-per-month",
        lambda: _first_completions_per_month(None, before),
        before.isoformat(),
        **state_reads(before),
    )
    added = defaultdict(lambda: [0] * months)
    for (module_id, month), people in [
        *earlier.items(),
        *_first_completions_per_month(before, at).items(),
    ]:
        # Months before the first shown are counted in it: the series is cumulative.
        added[module_id][max(0, month_index(month) - month_index(first_month))] += people
    return [
        {
            "module": module,
            "series": list(zip(month_list, itertools.accumulate(added[module.pk]), strict=True)),
        }
        for module in module_list
    ]


def refreshers_due(at: date) -> list[dict]:
    """Per module with a refresher interval: {module, overdue, due_soon} counts of active staff.

    Overdue: the last completion has expired on `at`; due soon: it expires within
    REFRESHER_HORIZON_DAYS. Two queries (three on a past date): the kept counts of last
    completions per module and day, or on a date with later completions the last completion
    of each person up to it.
    """
    module_list = [module for module in modules() if module.refresher_months]
    if not module_list:
        return []
    soon = at + timedelta(days=REFRESHER_HORIZON_DAYS)
    cuts = {
        module.pk: (
            months_before(at, module.refresher_months),
            months_before(soon, module.refresher_months),
        )
        for module in module_list
    }
    if _at_past_month_end(at):
        states = _kept_states(at, state_changes.OVERDUE, state_changes.DUE_SOON)
        overdue, due_soon = states[state_changes.OVERDUE], states[state_changes.DUE_SOON]
        figures = {pk: [overdue.get((pk, None), 0), due_soon.get((pk, None), 0)] for pk in cuts}
    elif _summary_is_exact(at):
        figures = _kept_refreshers(at, cuts)
    else:
        figures = _refreshers_then(at, cuts)
    return [
        {"module": module, "overdue": figures[module.pk][0], "due_soon": figures[module.pk][1]}
        for module in module_list
    ]


def _kept_refreshers(at: date, cuts: dict) -> dict:
    """{module id: [overdue, due soon]} summed in the database from the kept counts of last
    completions per module and day. One query."""
    overdue = functools.reduce(
        operator.or_, (Q(module=pk, day__lte=expired) for pk, (expired, _soon) in cuts.items())
    )
    due_soon = functools.reduce(
        operator.or_,
        (Q(module=pk, day__gt=expired, day__lte=soon) for pk, (expired, soon) in cuts.items()),
    )
    rows = (
        CoverageCount.objects.filter(kind="last", module__in=list(cuts), day__lte=at)
        .values("module")
        .order_by()
        .annotate(overdue=Sum("people", filter=overdue), due_soon=Sum("people", filter=due_soon))
    )
    figures = defaultdict(lambda: [0, 0])
    for row in rows:
        figures[row["module"]] = [row["overdue"] or 0, row["due_soon"] or 0]
    return figures


def _refreshers_then(at: date, cuts: dict) -> dict:
    """{module id: [overdue, due soon]} from each person's last completion up to `at`, for a
    date with later completions. One query."""
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(cuts))
        narrowing = f"AND person.module_id IN ({marks})"
        cursor.execute(
            f"SELECT module_id, completed_on, COUNT(*) FROM "  # noqa: S608
            f"({_lasts_from_completions_sql(narrowing)}) last GROUP BY module_id, completed_on",
            [at, *cuts],
        )
        rows = [(module_id, _as_date(day), n) for module_id, day, n in cursor.fetchall()]
    figures = defaultdict(lambda: [0, 0])
    for module_id, day, people in rows:
        expired, soon_cut = cuts[module_id]
        if day <= expired:
            figures[module_id][0] += people
        elif day <= soon_cut:
            figures[module_id][1] += people
    return figures


def _as_date(value) -> date:
    """SQLite hands dates of a raw query back as text."""
    return value if isinstance(value, date) else date.fromisoformat(value)

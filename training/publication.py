"""The council's publication of staff figures, built for core.disclosure (the keys and
what pages do with it are in training/disclosure.py).

States (staff trained per module, module 1 / both / only, refreshers expired or due) at
the end of every calendar month that has ended, per unit at the last two
(disclosure.UNIT_STATE_MONTHS): each tied to the headcount (the "not trained" rest), the
units to all units, a month (quarter, year) to the one before (the
flow in between, a count of people for modules without refresher) and module 1 to 2.
Completions per module per calendar month, quarter and year and every run of months, tied
to the newly trained and to the sessions' participants; each session's feedback.
"""

import functools
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import NamedTuple

from django.db.models import Q, Sum

from core.dates import (
    add_months,
    first_of_month,
    last_month_end,
    last_of_month,
    local_date,
    month_index,
    period_key,
    periods_between,
)
from core.figure_cache import cached_figures
from core.suppression import Model, Piece, add_month_ranges, content_digest
from training import selectors
from training.disclosure import (
    ALL,
    completions_key,
    feedback_key,
    participants_key,
    prerequisite_key,
    refresher_key,
    trained_key,
    unit_state_months,
)
from training.models import (
    CompletionCount,
    Session,
    SessionFeedback,
    TrainedStateChange,
    Unit,
    UnitHeadcount,
)
from training.state_changes import ALL_UNITS, unit_modules

# The changes in staff trained are kept by the writes to these (training.summaries).
READS = (*selectors.COVERAGE_READS, Session, SessionFeedback)


class _Module(NamedTuple):
    pk: int
    refresher_months: int | None


@dataclass(frozen=True)
class _Common:
    """What every module's piece is built from: month ends, units and their headcounts."""

    months: tuple  # the ends of the months from the first completion's to the last ended
    unit_months: tuple  # the months ("2024-01") published per unit
    units: tuple  # active unit ids, in name order
    headcounts: dict  # {unit: (headcount at each month end)}
    total_headcounts: tuple  # all units' at each month end
    periods: tuple  # core.dates.periods_between the first and last month with completions


@dataclass(frozen=True)
class _Modules:
    """What the piece of a few modules is built from (module 1 and 2 together: their sums
    tie them): the changes and counts the writes keep, and the sessions."""

    modules: tuple  # _Module, in code order
    per_unit: tuple  # those of them published per unit
    pair: tuple  # (module 1 id, module 2 id) when both are here, else (None, None)
    changes: tuple  # (kind, module, month end, people): all units
    unit_trained: dict  # {month end index: {(module, unit): staff trained}}
    counts: tuple  # (month end, module, completions)
    sessions: tuple  # (session id, month, module, participants)


def model(today: date) -> Model:
    """The whole publication's cells and sums (audits and benchmarks; the council's pages
    read it piece by piece, core.disclosure)."""
    result = Model()
    for piece in pieces(today):
        result.merge(piece.build())
    return result


def pieces(today: date) -> list[Piece]:
    """The publication in pieces that share no sum: one per module (module 1 and 2 as one)
    and the sessions' feedback, each with a digest of what it is built from, so that a
    completion builds and protects its module's piece again and the others are looked up."""
    modules = selectors.modules()
    feedback = _feedback_rows()
    result = [Piece(content_digest(("feedback", feedback)), functools.partial(_feedback, feedback))]
    if not modules:
        return result
    # (month end, module, completions), in order: the completions the writes keep per month.
    count_rows = list(
        CompletionCount.objects.order_by("month_end", "module").values_list(
            "month_end", "module_id", "completions"
        )
    )
    common = _common(today, count_rows)
    common_digest = content_digest(common)
    first, second = selectors.prerequisite_pair()
    pair = (first.pk, second.pk) if first else (None, None)
    groups = [[module for module in modules if module.pk in pair]] if first else []
    groups += [[module] for module in modules if module.pk not in pair]
    per_unit = unit_modules({module.pk: module.mandatory for module in modules})
    changes, unit_trained = _kept_states(today, common, per_unit)
    changes = _by_module(changes, 1)
    counts = _by_module(count_rows, 1)
    sessions = _by_module(
        [
            (pk, period_key(local_date(starts_at), 1), module, participants)
            for pk, starts_at, module, participants in selectors.session_list().values_list(
                "pk", "starts_at", "module", "attendance"
            )
        ],
        2,
    )
    for group in groups:
        ids = [module.pk for module in group]
        inputs = _Modules(
            modules=tuple(_Module(module.pk, module.refresher_months) for module in group),
            per_unit=tuple(pk for pk in ids if pk in per_unit),
            pair=pair if first and pair[0] in ids else (None, None),
            changes=tuple(row for pk in ids for row in changes[pk]),
            unit_trained={
                index: {key: n for pk in ids for key, n in trained.get(pk, {}).items()}
                for index, trained in unit_trained.items()
            },
            counts=tuple(sorted(row for pk in ids for row in counts[pk])),
            sessions=tuple(row for pk in ids for row in sessions[pk]),
        )
        # The common inputs are digested once, not with each piece.
        digest = content_digest((common_digest, inputs))
        result.append(Piece(digest, functools.partial(_build, common, inputs)))
    return result


def _by_module(rows, position: int) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[position]].append(row)
    return grouped


def _common(today: date, count_rows: list) -> _Common:
    if not count_rows:
        return _Common((), (), (), {}, (), ())
    first_end, last_end = count_rows[0][0], count_rows[-1][0]
    months = tuple(_month_ends(first_end, today))
    units = tuple(Unit.objects.filter(active=True).values_list("pk", flat=True))
    headcounts = _headcounts(months)
    totals = tuple(map(sum, zip(*headcounts.values(), strict=True))) or (0,) * len(months)
    return _Common(
        months=months,
        unit_months=tuple(unit_state_months(today)),
        units=units,
        headcounts=headcounts,
        total_headcounts=totals,
        periods=tuple(periods_between(first_end, last_end)),
    )


def _month_ends(first: date, today: date) -> list[date]:
    """The ends of the months from that of the first completion to the last one ended."""
    ends, start, last = [], first_of_month(first), last_month_end(today)
    while last_of_month(start) <= last:
        ends.append(last_of_month(start))
        start = add_months(start, 1)
    return ends


def _headcounts(months: tuple) -> dict:
    """{unit: (headcount at each month end)}: the latest count on or before it."""
    counts = defaultdict(lambda: [0] * len(months))
    for unit, day, headcount in UnitHeadcount.objects.order_by("date", "unit").values_list(
        "unit_id", "date", "headcount"
    ):
        first = bisect_left(months, day)
        counts[unit][first:] = [headcount] * (len(months) - first)
    return {unit: tuple(values) for unit, values in counts.items()}


def _kept_states(today: date, common: _Common, per_unit: frozenset) -> tuple[list, dict]:
    """The kept changes in staff trained (all units) up to the last month end that has
    ended, and per unit at the month ends published per unit (`_unit_trained`). Only the
    completions dated up to that month end change them: read once per state of those (a
    completion dated today leaves them cached, selectors.state_reads)."""
    last = last_month_end(today)

    def read():
        changes = (
            TrainedStateChange.objects.filter(unit=ALL_UNITS, month_end__lte=last)
            .order_by("module", "month_end", "kind")
            .values_list("kind", "module", "month_end", "people")
        )
        return list(changes), _unit_trained(common, per_unit)

    return cached_figures("publication-states", read, last, **selectors.state_reads(last))


def _unit_trained(common: _Common, per_unit: frozenset) -> dict:
    """{month end index: {module: {(module, unit): staff trained}}} at the month ends
    published per unit, summed in the database from the changes the writes keep."""
    ends = {
        index: end
        for index, end in enumerate(common.months)
        if period_key(end, 1) in common.unit_months
    }
    if not ends:
        return {}
    sums = {f"at_{i}": Sum("people", filter=Q(month_end__lte=end)) for i, end in ends.items()}
    rows = list(
        TrainedStateChange.objects.filter(kind=TrainedStateChange.Kind.TRAINED, module__in=per_unit)
        .exclude(unit=ALL_UNITS)
        .values("module", "unit")
        .order_by("module", "unit")
        .annotate(**sums)
    )
    result = {index: defaultdict(dict) for index in ends}
    for row in rows:
        for index in ends:
            result[index][row["module"]][(row["module"], row["unit"])] = row[f"at_{index}"] or 0
    return result


def _build(common: _Common, inputs: _Modules) -> Model:
    result = Model()
    if common.months:
        _States(result, common, inputs).add()
    if common.periods:
        _completions(result, common.periods, inputs)
    return result


class _States:
    """Staff trained at every month end, from the changes the writes keep
    (training.state_changes, with the selectors' rules: `_valid_on`,
    `prerequisite_coverage`, `refreshers_due`), so the pages' figures match cell for cell:
    a few thousand rows summed, whatever the number of completions."""

    def __init__(self, result: Model, common: _Common, inputs: _Modules):
        self.result, self.modules, self.months = result, inputs.modules, common.months
        self.unit_months = set(common.unit_months)
        self.first, self.second = inputs.pair
        self.units = common.units
        self.unit_modules = set(inputs.per_unit)
        self.headcounts, self.total_headcounts = common.headcounts, common.total_headcounts
        self.start = month_index(self.months[0])
        size = len(self.months)
        self.trained = defaultdict(lambda: [0] * size)  # (module, ALL) -> changes
        self.overdue = defaultdict(lambda: [0] * size)
        self.due_soon = defaultdict(lambda: [0] * size)
        self.both = [0] * size
        self.unit_trained = inputs.unit_trained
        self._count(inputs.changes)

    def _count(self, changes: tuple) -> None:
        # Up to the last month end that has ended (`_kept_states`).
        for kind, module, end, people in changes:
            position = month_index(end) - self.start
            if kind == TrainedStateChange.Kind.TRAINED:
                self.trained[(module, ALL)][position] += people
            elif kind == TrainedStateChange.Kind.OVERDUE:
                self.overdue[module][position] += people
            elif kind == TrainedStateChange.Kind.DUE_SOON:
                self.due_soon[module][position] += people
            elif module == self.second:
                self.both[position] += people

    def add(self) -> None:
        trained = {key: list(accumulate(changes)) for key, changes in self.trained.items()}
        both = list(accumulate(self.both))
        overdue = {key: list(accumulate(changes)) for key, changes in self.overdue.items()}
        due_soon = {key: list(accumulate(changes)) for key, changes in self.due_soon.items()}
        zeros = [0] * len(self.months)
        before = None
        for index, end in enumerate(self.months):
            month = period_key(end, 1)
            counts = {key: counts[index] for key, counts in trained.items()}
            self.state(month, counts | self.unit_trained.get(index, {}), index)
            if self.first is not None:
                first = trained.get((self.first, ALL), zeros)[index]
                _prerequisites(
                    self.result, month, self.first, self.second, both[index], first - both[index]
                )
            for module in self.modules:
                if module.refresher_months:
                    _refreshers(
                        self.result,
                        month,
                        module.pk,
                        overdue.get(module.pk, zeros)[index],
                        due_soon.get(module.pk, zeros)[index],
                    )
            if before is not None:
                self.flows([(before, month)])
            before = month
        # Quarters and years too: their flow is a figure a reader gets from two states.
        known = {period_key(end, 1) for end in self.months}
        for months in (3, 12):
            pairs = [
                (period_key(last_of_month(add_months(end, -months)), 1), period_key(end, 1))
                for end in self.months
                if end.month % months == 0
            ]
            self.flows([pair for pair in pairs if pair[0] in known])

    def state(self, month: str, trained: dict, index: int) -> None:
        result = self.result
        total_headcount = self.total_headcounts[index]
        result.add(("training", "headcount", month, ALL), total_headcount, people=False)
        for module in self.modules:
            count = trained.get((module.pk, ALL), 0)
            _trained(result, month, module, ALL, count, total_headcount)
        if month not in self.unit_months:
            return
        for unit in self.units:
            headcount = self.headcounts[unit][index] if unit in self.headcounts else 0
            result.add(("training", "headcount", month, unit), headcount, people=False)
            for module in self.modules:
                if module.pk in self.unit_modules:
                    count = trained.get((module.pk, unit), 0)
                    _trained(result, month, module, unit, count, headcount)
        for module in self.modules:
            if module.pk in self.unit_modules:
                _other_units(result, month, module, self.units)

    def flows(self, pairs: list[tuple[str, str]]) -> None:
        """A state is the one before plus what changed in between; without refresher that
        change is the number of people newly trained (a count to protect)."""
        for before, month in pairs:
            for module in self.modules:
                per_unit = module.pk in self.unit_modules and {before, month} <= self.unit_months
                groups = [ALL, *self.units] if per_unit else [ALL]
                for group in groups:
                    _flow(self.result, before, month, module, group)


def _other_units(result: Model, month: str, module: _Module, units: tuple) -> None:
    """All units = the listed (active) units + the staff of units no longer listed."""
    keys = [trained_key(month, module.pk, unit) for unit in units]
    rest = ("training", "other_units", month, module.pk)
    total = result.cells[trained_key(month, module.pk)].value
    value = total - sum(result.cells[key].value for key in keys)
    result.add(rest, value, shown=False, residual=True, lower=None)
    result.relate(trained_key(month, module.pk), [*keys, rest])


def _trained(result: Model, month: str, module: _Module, group, completed: int, headcount: int):
    key = trained_key(month, module.pk, group)
    result.add(key, completed)
    rest = ("training", "not_trained", month, module.pk, group)
    # "Not trained" is only a count of people when the headcount covers the trained.
    result.add(rest, headcount - completed, shown=False, people=headcount >= completed, lower=None)
    result.relate(("training", "headcount", month, group), [key, rest])


def _prerequisites(result: Model, month: str, first: int, second: int, both_count, only_count):
    both, only = prerequisite_key(month, "module1_and_2"), prerequisite_key(month, "module1_only")
    result.add(both, both_count)
    result.add(only, only_count)
    result.relate(trained_key(month, first), [both, only])
    second_key = trained_key(month, second)
    rest = prerequisite_key(month, "module2_only")
    result.add(rest, result.cells[second_key].value - both_count, shown=False, lower=None)
    result.relate(second_key, [both, rest])


def _refreshers(result: Model, month: str, module: int, overdue: int, due_soon: int) -> None:
    soon = refresher_key(month, module, "due_soon")
    result.add(refresher_key(month, module, "overdue"), overdue)
    result.add(soon, due_soon)
    later = refresher_key(month, module, "valid_later")
    trained = result.cells[trained_key(month, module)].value
    result.add(later, trained - due_soon, shown=False, lower=None)
    result.relate(trained_key(month, module), [soon, later])


def _flow(result: Model, before: str, month: str, module: _Module, group) -> None:
    key, then = trained_key(month, module.pk, group), trained_key(before, module.pk, group)
    flow = ("training", "flow", before, month, module.pk, group)
    counts = not module.refresher_months
    value = result.cells[key].value - result.cells[then].value
    result.add(flow, value, shown=False, people=counts, lower=0 if counts else None)
    result.relate(key, [then, flow])


def _completions(result: Model, periods: tuple, inputs: _Modules) -> None:
    """Completions per month, quarter and year (what changed), and the participants of each
    session in them."""
    modules = inputs.modules
    counts = {(key, module.pk): 0 for key, *_ in periods for module in modules}
    for month_end, module, number in inputs.counts:
        counts[(period_key(month_end, 1), module)] += number
    parent = {key: up for key, _first, _last, up in periods}
    for key, *_ in reversed(periods):
        for module in modules:
            if parent[key]:
                counts[(parent[key], module.pk)] += counts[(key, module.pk)]
    for (key, module), value in counts.items():
        result.add(completions_key(key, module), value)
    for key, *_ in periods:
        children = [child for child, *_rest, up in periods if up == key]
        for module in modules:
            result.relate(
                completions_key(key, module.pk), [completions_key(c, module.pk) for c in children]
            )
    months = [key for key, *_rest in periods if len(key) == 7 and "Q" not in key]
    for module in modules:
        add_month_ranges(
            result,
            months,
            lambda a, b, pk=module.pk: completions_key(a if a == b else f"{a}..{b}", pk),
        )
    _participants(result, counts, inputs.sessions)
    _newcomers(result, months, modules)


def _months_apart(first: str, second: str) -> int:
    return (int(second[:4]) - int(first[:4])) * 12 + int(second[5:7]) - int(first[5:7])


def _newcomers(result: Model, months: list[str], modules: tuple) -> None:
    """A month's completions are its newly trained staff plus renewals and completions of
    staff who left: a reader would take that rest as 0, so a rest of 0 counts as known."""
    flows = {
        (key[3], key[4]): key
        for key in result.cells
        if key[:2] == ("training", "flow") and key[5] == ALL and _months_apart(key[2], key[3]) == 1
    }
    for month in months:
        for module in modules:
            # The first month's newly trained are its whole state.
            grown = (
                trained_key(month, module.pk)
                if month == months[0]
                else flows.get((month, module.pk))
            )
            if grown is None or grown not in result.cells:
                continue
            total = completions_key(month, module.pk)
            rest = ("training", "not_new", month, module.pk)
            value = result.cells[total].value - result.cells[grown].value
            result.add(rest, value, shown=False, residual=True, lower=None)
            result.relate(total, [grown, rest])


def _participants(result: Model, counts: dict, rows: tuple) -> None:
    sessions = {}
    for session, month, module, participants in rows:
        result.add(participants_key(session), participants)
        sessions.setdefault((month, module), []).append((session, participants))
    for (month, module), members in sessions.items():
        if (month, module) not in counts:
            continue
        rest = ("training", "other_completions", month, module)
        value = counts[(month, module)] - sum(n for _session, n in members)
        result.add(rest, value, shown=False, residual=True, lower=None)
        result.relate(
            completions_key(month, module), [*(participants_key(s) for s, _n in members), rest]
        )


def _feedback_rows() -> tuple:
    return tuple(
        SessionFeedback.objects.order_by("session").values_list("session", "asked", "positive")
    )


def _feedback(rows: tuple) -> Model:
    result = Model()
    for session, asked_count, positive_count in rows:
        asked, positive = feedback_key(session, "asked"), feedback_key(session, "positive")
        rest = feedback_key(session, "negative")
        result.add(asked, asked_count)
        result.add(positive, positive_count)
        result.add(rest, asked_count - positive_count, shown=False)
        result.relate(asked, [positive, rest])
    return result

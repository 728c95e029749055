"""The council's publication of staff figures, built for core.disclosure (the keys and
what pages do with it are in training/disclosure.py).

States (staff trained per module, per unit, module 1 / both / only, refreshers expired or
due) at the end of every calendar month that has ended: each tied to the headcount (the
"not trained" rest), the units to all units, a month (quarter, year) to the one before (the
flow in between, a count of people for modules without refresher) and module 1 to 2.
Completions per module per calendar month, quarter and year and every run of months, tied
to the newly trained and to the sessions' participants; each session's feedback.
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db.models import Count, Max, Min

from core.dates import (
    add_months,
    first_of_month,
    last_month_end,
    last_of_month,
    local_date,
    months_before,
    period_key,
    periods_between,
)
from core.suppression import Model, add_month_ranges
from training import selectors
from training.disclosure import (
    ALL,
    completions_key,
    feedback_key,
    participants_key,
    prerequisite_key,
    refresher_key,
    trained_key,
)
from training.models import Completion, Module, Session, SessionFeedback, Unit, UnitHeadcount

READS = (*selectors.COVERAGE_READS, Session, SessionFeedback)


def model(today: date) -> Model:
    result = Model()
    modules = selectors.modules()
    if not modules:
        return result
    months = _month_ends(today)
    if months:
        _States(result, modules, months).add()
    _completions(result, modules)
    _feedback(result)
    return result


def _month_ends(today: date) -> list[date]:
    first = Completion.objects.aggregate(first=Min("completed_on"))["first"]
    if first is None:
        return []
    ends, start, last = [], first_of_month(first), last_month_end(today)
    while last_of_month(start) <= last:
        ends.append(last_of_month(start))
        start = add_months(start, 1)
    return ends


class _States:
    """Staff trained at every month end, computed from one read of the completions of
    active staff with the selectors' rules (training.selectors: `_valid_on`,
    `prerequisite_coverage`, `refreshers_due`), so the pages' figures match cell for cell."""

    def __init__(self, result: Model, modules: list[Module], months: list[date]):
        self.result, self.modules, self.months = result, modules, months
        self.first, self.second = selectors.prerequisite_pair()
        self.units = list(Unit.objects.filter(active=True).values_list("pk", flat=True))
        mandatory = [module for module in modules if module.mandatory] or modules
        self.unit_modules = {module.pk for module in mandatory}
        self.dates = defaultdict(list)  # (staff, module) -> completion dates
        self.unit_of = {}
        rows = Completion.objects.filter(staff__active=True).values_list(
            "staff_id", "staff__unit_id", "module_id", "completed_on"
        )
        for staff, unit, module, day in rows:
            self.dates[(staff, module)].append(day)
            self.unit_of[staff] = unit
        self.headcounts = defaultdict(list)
        for unit, day, headcount in UnitHeadcount.objects.order_by("date").values_list(
            "unit_id", "date", "headcount"
        ):
            self.headcounts[unit].append((day, headcount))

    def valid(self, module: Module, day: date, dates: list[date]) -> bool:
        earliest = months_before(day, module.refresher_months) if module.refresher_months else None
        return any(d <= day and (earliest is None or d > earliest) for d in dates)

    def headcount(self, unit, day: date) -> int:
        known = [count for on, count in self.headcounts.get(unit, []) if on <= day]
        return known[-1] if known else 0

    def add(self) -> None:
        before = None
        for end in self.months:
            month = period_key(end, 1)
            self.state(month, end)
            if before is not None:
                _flows(self.result, [(before, month)], self.modules)
            before = month
        # Quarters and years too: their flow is a figure a reader gets from two states.
        known = {period_key(end, 1) for end in self.months}
        for months in (3, 12):
            pairs = [
                (period_key(last_of_month(add_months(end, -months)), 1), period_key(end, 1))
                for end in self.months
                if end.month % months == 0
            ]
            _flows(self.result, [pair for pair in pairs if pair[0] in known], self.modules)

    def state(self, month: str, end: date) -> None:
        result = self.result
        valid = {
            module.pk: {
                staff
                for (staff, pk), dates in self.dates.items()
                if pk == module.pk and self.valid(module, end, dates)
            }
            for module in self.modules
        }
        total_headcount = sum(self.headcount(unit, end) for unit in self.headcounts)
        result.add(("training", "headcount", month, ALL), total_headcount, people=False)
        for module in self.modules:
            _trained(result, month, module, ALL, len(valid[module.pk]), total_headcount)
        per_unit = {
            module: Counter(self.unit_of[staff] for staff in staff_ids)
            for module, staff_ids in valid.items()
        }
        for unit in self.units:
            headcount = self.headcount(unit, end)
            result.add(("training", "headcount", month, unit), headcount, people=False)
            for module in self.modules:
                if module.pk in self.unit_modules:
                    _trained(result, month, module, unit, per_unit[module.pk][unit], headcount)
        for module in self.modules:
            if module.pk in self.unit_modules:
                _other_units(result, month, module, self.units)
        self.prerequisites(month, valid)
        self.refreshers(month, end)

    def prerequisites(self, month: str, valid: dict) -> None:
        if self.first is None:
            return
        first, second = valid.get(self.first.pk, set()), valid.get(self.second.pk, set())
        _prerequisites(
            self.result, month, self.first, self.second, len(first & second), len(first - second)
        )

    def refreshers(self, month: str, end: date) -> None:
        soon = end + timedelta(days=selectors.REFRESHER_HORIZON_DAYS)
        for module in self.modules:
            if not module.refresher_months:
                continue
            expired_cut = months_before(end, module.refresher_months)
            soon_cut = months_before(soon, module.refresher_months)
            overdue = due_soon = 0
            for (_staff, pk), dates in self.dates.items():
                last = max((d for d in dates if d <= end and pk == module.pk), default=None)
                if last is None:
                    continue
                overdue += last <= expired_cut
                due_soon += expired_cut < last <= soon_cut
            _refreshers(self.result, month, module.pk, overdue, due_soon)


def _other_units(result: Model, month: str, module: Module, units: list) -> None:
    """All units = the listed (active) units + the staff of units no longer listed."""
    keys = [trained_key(month, module.pk, unit) for unit in units]
    rest = ("training", "other_units", month, module.pk)
    total = result.cells[trained_key(month, module.pk)].value
    value = total - sum(result.cells[key].value for key in keys)
    result.add(rest, value, shown=False, residual=True, lower=None)
    result.relate(trained_key(month, module.pk), [*keys, rest])


def _trained(result: Model, month: str, module: Module, group, completed: int, headcount: int):
    key = trained_key(month, module.pk, group)
    result.add(key, completed)
    rest = ("training", "not_trained", month, module.pk, group)
    # "Not trained" is only a count of people when the headcount covers the trained.
    result.add(rest, headcount - completed, shown=False, people=headcount >= completed, lower=None)
    result.relate(("training", "headcount", month, group), [key, rest])


def _prerequisites(result: Model, month: str, first, second, both_count: int, only_count: int):
    both, only = prerequisite_key(month, "module1_and_2"), prerequisite_key(month, "module1_only")
    result.add(both, both_count)
    result.add(only, only_count)
    result.relate(trained_key(month, first.pk), [both, only])
    second_key = trained_key(month, second.pk)
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


def _flows(result: Model, pairs: list[tuple[str, str]], modules: list[Module]) -> None:
    """A state is the one before plus what changed in between; without refresher that
    change is the number of people newly trained (a count to protect)."""
    for before, month in pairs:
        for module in modules:
            for key in [
                k for k in result.cells if k[:4] == ("training", "trained", month, module.pk)
            ]:
                group = key[4]
                then = trained_key(before, module.pk, group)
                if then not in result.cells:
                    continue
                flow = ("training", "flow", before, month, module.pk, group)
                counts = not module.refresher_months
                value = result.cells[key].value - result.cells[then].value
                result.add(flow, value, shown=False, people=counts, lower=0 if counts else None)
                result.relate(key, [then, flow])


def _completions(result: Model, modules: list[Module]) -> None:
    """Completions per month, quarter and year (what changed), and the participants of each
    session in them."""
    bounds = Completion.objects.aggregate(first=Min("completed_on"), last=Max("completed_on"))
    if bounds["first"] is None:
        return
    periods = periods_between(bounds["first"], bounds["last"])
    counts = {(key, module.pk): 0 for key, *_ in periods for module in modules}
    rows = Completion.objects.values("completed_on", "module").annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[(period_key(row["completed_on"], 1), row["module"])] += row["n"]
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
    _participants(result, counts)
    _newcomers(result, months, modules)


def _months_apart(first: str, second: str) -> int:
    return (int(second[:4]) - int(first[:4])) * 12 + int(second[5:7]) - int(first[5:7])


def _newcomers(result: Model, months: list[str], modules: list[Module]) -> None:
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


def _participants(result: Model, counts: dict) -> None:
    sessions = {}
    for session in selectors.session_list():
        month = period_key(local_date(session.starts_at), 1)
        result.add(participants_key(session.pk), session.attendance)
        sessions.setdefault((month, session.module_id), []).append(session)
    for (month, module), members in sessions.items():
        if (month, module) not in counts:
            continue
        rest = ("training", "other_completions", month, module)
        value = counts[(month, module)] - sum(s.attendance for s in members)
        result.add(rest, value, shown=False, residual=True, lower=None)
        result.relate(
            completions_key(month, module), [*(participants_key(s.pk) for s in members), rest]
        )


def _feedback(result: Model) -> None:
    for feedback in SessionFeedback.objects.all():
        asked, positive = (
            feedback_key(feedback.session_id, "asked"),
            feedback_key(feedback.session_id, "positive"),
        )
        rest = feedback_key(feedback.session_id, "negative")
        result.add(asked, feedback.asked)
        result.add(positive, feedback.positive)
        result.add(rest, feedback.asked - feedback.positive, shown=False)
        result.relate(asked, [positive, rest])

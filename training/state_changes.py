"""Staff trained at month ends, as changes a person's completions make: the council's
publication (training.publication) sums them, the writes keep the sums (training.summaries).

With the selectors' rules (`_valid_on`, `prerequisite_coverage`, `refreshers_due`), each
completion is the person's last one for a run of month ends, until the month of their next
completion; within that run it is valid up to its expiry, overdue after it and due soon in
between. A run adds 1 at its first month end and takes 1 away at the month end after its
last, so a count at a month end is the sum of the changes up to it, and one person's
completions change only their own runs. No Django.
"""

import functools
from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple

from core.dates import last_of_month, month_index, months_before

KINDS = TRAINED, OVERDUE, DUE_SOON, BOTH = "trained", "overdue", "due_soon", "both"
ALL_UNITS = 0  # the unit of a change that counts for all units


class Rules(NamedTuple):
    refresher_months: dict  # module id -> months a completion stays valid (0: for good)
    unit_modules: frozenset  # the modules counted per unit too
    pair: tuple  # (module 1 id, module 2 id), or (None, None)
    horizon_days: int  # due soon: expiring within this many days


def unit_modules(mandatory: dict) -> frozenset:
    """The modules the council sees per unit ({module id: mandatory}): the mandatory ones,
    or all when none is."""
    return frozenset(pk for pk, required in mandatory.items() if required) or frozenset(mandatory)


def month_end(index: int) -> date:
    return last_of_month(date(index // 12, index % 12 + 1, 1))


@functools.lru_cache(maxsize=100_000)
def _first_end(day: date, months: int, days_after: int) -> int:
    """The first month end (index) at which a completion on `day` no longer counts as
    valid (days_after 0) or as not yet due (days_after: the horizon)."""
    index = month_index(day)
    while months_before(month_end(index) + timedelta(days=days_after), months) < day:
        index += 1
    return index


def _runs(days: list[date], months: int, horizon: int, changes: Counter, module: int) -> list:
    """The runs (first, until; until None: open) in which one person counts as trained in
    one module; their overdue and due-soon runs go into `changes`."""
    indexes = [month_index(day) for day in days]
    runs = []
    for position, day in enumerate(days):
        first = indexes[position]
        following = indexes[position + 1] if position + 1 < len(days) else None
        if following is not None and first >= following:
            continue  # a later completion in the same month
        if not months:
            runs.append((first, following))
            continue
        expires = _first_end(day, months, 0)
        valid_until = expires if following is None else min(following, expires)
        runs.append((first, valid_until))
        _add(changes, (OVERDUE, module, ALL_UNITS), max(first, expires), following)
        due = max(first, _first_end(day, months, horizon))
        _add(changes, (DUE_SOON, module, ALL_UNITS), due, valid_until)
    return runs


def _add(changes: Counter, key: tuple, first: int, until: int | None) -> None:
    if until is None or first < until:
        changes[(*key, first)] += 1
        if until is not None:
            changes[(*key, until)] -= 1


def person_changes(changes: Counter, unit: int, completions: dict, rules: Rules) -> None:
    """Add to `changes` ({(kind, module, unit, month index): change}) what one active
    person's completions ({module id: their dates, in order}) make."""
    valid = {}
    for module, days in completions.items():
        months = rules.refresher_months.get(module, 0)
        valid[module] = runs = _runs(days, months, rules.horizon_days, changes, module)
        for first, until in runs:
            _add(changes, (TRAINED, module, ALL_UNITS), first, until)
            if module in rules.unit_modules:
                _add(changes, (TRAINED, module, unit), first, until)
    first_module, second_module = rules.pair
    for first, until in valid.get(first_module, []):
        for other_first, other_until in valid.get(second_module, []):
            ends = [end for end in (until, other_until) if end is not None]
            both = (BOTH, second_module, ALL_UNITS)
            _add(changes, both, max(first, other_first), min(ends, default=None))


def changes_of(rows, rules: Rules) -> Counter:
    """The changes of active people's completions: rows (staff, unit, module, completed on)
    in that order."""
    changes: Counter = Counter()
    person, unit, completions = None, None, {}
    for staff, staff_unit, module, day in rows:
        if staff != person:
            if completions:
                person_changes(changes, unit, completions, rules)
            person, unit, completions = staff, staff_unit, {}
        completions.setdefault(module, []).append(day)
    if completions:
        person_changes(changes, unit, completions, rules)
    return changes

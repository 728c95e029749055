"""Upkeep of what the writes keep for the training figures: each staff member's first and
last completion per module (StaffModuleSummary), and from those the number of active people
per module and day (CoverageCount) and per module and unit (UnitCoverageCount), for the
coverage pages; and the changes in staff trained at each month end (TrainedStateChange,
training.state_changes) and the completions per month (CompletionCount), for the
council's publication.

The writes of completions and staff members (training.services) run inside `kept` for the
people they touch, in their own transaction: their summary rows are derived again from
their completions, and the counts and changes move by the difference. A write of the rules
(a module's refresher, kind or mandatory flag; module 1 and 2) rebuilds the changes
(`refresh_states`); `refresh_all` rebuilds every table (after a restore or a bulk load).
Either way the tables equal what a full recomputation gives
(tests/training/test_summaries.py).
"""

from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth

from core.dates import last_of_month
from training import state_changes
from training.selectors.coverage import REFRESHER_HORIZON_DAYS, pair_links
from training.state_changes import Rules

# Staff ids per statement: well under SQLite's limit of query parameters.
CHUNK = 500
# Beyond this many changed counts (an import), counting them again from the summary is
# cheaper than moving each one.
MOST_MOVES = 500


def _tables(apps=None) -> dict[str, str]:
    if apps is None:
        from django.apps import apps
    return {
        name: apps.get_model("training", model)._meta.db_table
        for name, model in (
            ("summary", "StaffModuleSummary"),
            ("days", "CoverageCount"),
            ("units", "UnitCoverageCount"),
            ("completion", "Completion"),
            ("staff", "StaffMember"),
        )
    }


def _rebuild_sql(tables: dict[str, str], where: str) -> str:
    # Table names come from model metadata; `where` from this module.
    return f"""
        INSERT INTO {tables["summary"]}
            (staff_id, module_id, unit_id, active, first_completed_on, last_completed_on)
        SELECT completion.staff_id, completion.module_id, staff.unit_id, staff.active,
               MIN(completion.completed_on), MAX(completion.completed_on)
        FROM {tables["completion"]} completion
        JOIN {tables["staff"]} staff ON staff.id = completion.staff_id
        {where}
        GROUP BY completion.staff_id, completion.module_id, staff.unit_id, staff.active
    """  # noqa: S608


def _counted(rows) -> tuple[Counter, Counter]:
    """The counts that active people's summary rows (module, unit, active, first, last) add."""
    days, units = Counter(), Counter()
    for module, unit, active, first, last in rows:
        if active:
            days[(module, "first", str(first))] += 1
            days[(module, "last", str(last))] += 1
            units[(module, unit)] += 1
    return days, units


def _move(cursor, table: str, keys: tuple[str, ...], delta: Counter, column="people") -> None:
    """Add `delta` ({key values: change}) to the `column` of the rows with those keys."""
    delta = {key: change for key, change in delta.items() if change}
    where = " AND ".join(f"{name} = %s" for name in keys)
    for key, change in delta.items():
        cursor.execute(
            f"UPDATE {table} SET {column} = {column} + %s WHERE {where}",  # noqa: S608
            [change, *key],
        )
        if cursor.rowcount == 0:
            columns = ", ".join([*keys, column])
            marks = ", ".join(["%s"] * (len(keys) + 1))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [*key, change])  # noqa: S608
        else:
            cursor.execute(f"DELETE FROM {table} WHERE {where} AND {column} = 0", key)  # noqa: S608


def _summary_rows(cursor, table: str, marks: str, chunk: list[int]) -> list[tuple]:
    cursor.execute(
        f"SELECT module_id, unit_id, active, first_completed_on, last_completed_on "  # noqa: S608
        f"FROM {table} WHERE staff_id IN ({marks})",
        chunk,
    )
    return cursor.fetchall()


def refresh(staff_ids: Iterable[int]) -> None:
    """Derive the summary rows of these staff members again from their completions, and
    move the counts by the difference."""
    ids = sorted({staff_id for staff_id in staff_ids if staff_id is not None})
    tables = _tables()
    days, units = Counter(), Counter()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            before = _counted(_summary_rows(cursor, tables["summary"], marks, chunk))
            cursor.execute(
                f"DELETE FROM {tables['summary']} WHERE staff_id IN ({marks})",  # noqa: S608
                chunk,
            )
            cursor.execute(_rebuild_sql(tables, f"WHERE completion.staff_id IN ({marks})"), chunk)
            after = _counted(_summary_rows(cursor, tables["summary"], marks, chunk))
            days.update(after[0])
            days.subtract(before[0])
            units.update(after[1])
            units.subtract(before[1])
        if len(+days) + len(-days) + len(+units) + len(-units) > MOST_MOVES:
            _recount(cursor, tables)
        else:
            _move(cursor, tables["days"], ("module_id", "kind", "day"), days)
            _move(cursor, tables["units"], ("module_id", "unit_id"), units)


def refresh_all(apps=None) -> None:
    """Rebuild the tables from the completions (in a migration, `apps`: the coverage
    tables; the migration that adds the changes in staff trained builds those)."""
    tables = _tables(apps)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {tables['summary']}")  # noqa: S608
        cursor.execute(_rebuild_sql(tables, ""))
        _recount(cursor, tables)
    if apps is None:
        refresh_states()


def _recount(cursor, tables: dict[str, str]) -> None:
    """The counts of active people per module and day, and per module and unit, from the
    summary."""
    summary = tables["summary"]
    for table in ("days", "units"):
        cursor.execute(f"DELETE FROM {tables[table]}")  # noqa: S608
    for kind, column in (("first", "first_completed_on"), ("last", "last_completed_on")):
        cursor.execute(
            f"INSERT INTO {tables['days']} (module_id, kind, day, people) "  # noqa: S608
            f"SELECT module_id, %s, {column}, COUNT(*) FROM {summary} "
            f"WHERE active GROUP BY module_id, {column}",
            [kind],
        )
    cursor.execute(
        f"INSERT INTO {tables['units']} (module_id, unit_id, people) "  # noqa: S608
        f"SELECT module_id, unit_id, COUNT(*) FROM {summary} WHERE active "
        f"GROUP BY module_id, unit_id"
    )


# -- staff trained at month ends (the council's publication) -------------------------------


STATE_MODELS = (
    "Completion",
    "CompletionCount",
    "Module",
    "ModulePrerequisite",
    "StaffMember",
    "TrainedStateChange",
)


def _models(apps=None):
    if apps is None:
        from django.apps import apps
    return {name: apps.get_model("training", name) for name in STATE_MODELS}


def _rules(models) -> Rules:
    links = pair_links(models["ModulePrerequisite"])
    pair = links.values_list("required_id", "module_id").first()
    modules = models["Module"].objects.values_list("pk", "refresher_months", "mandatory")
    return Rules(
        refresher_months={pk: months or 0 for pk, months, _mandatory in modules},
        unit_modules=state_changes.unit_modules({pk: required for pk, _, required in modules}),
        pair=pair or (None, None),
        horizon_days=REFRESHER_HORIZON_DAYS,
    )


def _state_changes(models, rules: Rules, staff_ids: list[int] | None = None) -> Counter:
    """{(kind, module, unit, month end): change} of these staff members' completions
    (None: everyone's)."""
    completions = models["Completion"].objects.filter(staff__active=True)
    changes = Counter()
    chunks = [None] if staff_ids is None else _chunks(staff_ids)
    for chunk in chunks:
        rows = completions if chunk is None else completions.filter(staff_id__in=chunk)
        changes.update(
            state_changes.changes_of(
                rows.order_by("staff_id", "module_id", "completed_on").values_list(
                    "staff_id", "staff__unit_id", "module_id", "completed_on"
                ),
                rules,
            )
        )
    return Counter(
        {
            (kind, unit, module, state_changes.month_end(index)): change
            for (kind, module, unit, index), change in changes.items()
        }
    )


def _completion_counts(models, staff_ids: list[int] | None = None) -> Counter:
    """{(module, month end): completions} of these staff members (None: everyone's)."""
    counts = Counter()
    for chunk in [None] if staff_ids is None else _chunks(staff_ids):
        completions = models["Completion"].objects.all()
        if chunk is not None:
            completions = completions.filter(staff_id__in=chunk)
        for module, month, number in (
            completions.annotate(month=TruncMonth("completed_on"))
            .values("module_id", "month")
            .annotate(number=Count("pk"))
            .values_list("module_id", "month", "number")
        ):
            counts[(module, last_of_month(month))] += number
    return counts


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]


def refresh_states(apps=None) -> None:
    """Rebuild the changes in staff trained and the completions per month from every
    completion (the rules changed: a module's refresher or kind, which modules are module 1
    and 2 or are counted per unit; or a write touched too many people to move each count)."""
    models = _models(apps)
    table = models["TrainedStateChange"]
    table.objects.all().delete()
    changes = _state_changes(models, _rules(models))
    table.objects.bulk_create(
        (
            table(kind=kind, unit=unit, module=module, month_end=end, people=change)
            for (kind, unit, module, end), change in changes.items()
            if change
        ),
        batch_size=5000,
    )
    counts = models["CompletionCount"]
    counts.objects.all().delete()
    counts.objects.bulk_create(
        counts(module_id=module, month_end=end, completions=number)
        for (module, end), number in _completion_counts(models).items()
    )


@contextmanager
def kept(staff_ids: Iterable[int]):
    """Around a write of these staff members or their completions, in its transaction:
    keeps the summary, the coverage counts and the changes in staff trained. Their rows
    are locked first, so two writes for one person are counted one after the other."""
    ids = sorted({staff_id for staff_id in staff_ids if staff_id is not None})
    models = _models()
    with transaction.atomic():
        staff = models["StaffMember"].objects
        list(staff.select_for_update().filter(pk__in=ids).values("pk"))
        # (One person's write never needs the staff count: both ways give the same rows.)
        if len(ids) > 1 and 2 * len(ids) > staff.count():
            # An import for most of the staff: counting everyone's completions once
            # costs less than counting these people's twice.
            yield
            refresh(ids)
            refresh_states()
            return
        rules = _rules(models)
        before = _state_changes(models, rules, ids), _completion_counts(models, ids)
        yield
        refresh(ids)
        changes = _state_changes(models, rules, ids)
        changes.subtract(before[0])
        counts = _completion_counts(models, ids)
        counts.subtract(before[1])
        with connection.cursor() as cursor:
            _move(
                cursor,
                models["TrainedStateChange"]._meta.db_table,
                ("kind", "unit", "module", "month_end"),
                changes,
            )
            _move(
                cursor,
                models["CompletionCount"]._meta.db_table,
                ("module_id", "month_end"),
                counts,
                column="completions",
            )

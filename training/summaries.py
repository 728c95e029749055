"""Upkeep of what the writes keep for the coverage figures: each staff member's first and
last completion per module (StaffModuleSummary), and from those the number of active people
per module and day (CoverageCount) and per module and unit (UnitCoverageCount).

The writes of completions and staff members (training.services) call `refresh` for the
people they touched, in their own transaction: their summary rows are derived again from
their completions, and the counts move by the difference. `refresh_all` rebuilds the three
tables (after a restore, a bulk load or the migration that creates them). Either way the
tables equal what a full recomputation gives (tests/training/test_summaries.py).
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connection

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


def _move(cursor, table: str, keys: tuple[str, ...], delta: Counter) -> None:
    """Add `delta` ({key values: change}) to the `people` of the rows with those keys."""
    delta = {key: change for key, change in delta.items() if change}
    if not delta:
        return
    where = " AND ".join(f"{name} = %s" for name in keys)
    for key, change in delta.items():
        cursor.execute(f"UPDATE {table} SET people = people + %s WHERE {where}", [change, *key])  # noqa: S608
        if cursor.rowcount == 0:
            columns = ", ".join([*keys, "people"])
            marks = ", ".join(["%s"] * (len(keys) + 1))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [*key, change])  # noqa: S608
    cursor.execute(f"DELETE FROM {table} WHERE people = 0")  # noqa: S608


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
    """Rebuild the three tables from the completions."""
    tables = _tables(apps)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {tables['summary']}")  # noqa: S608
        cursor.execute(_rebuild_sql(tables, ""))
        _recount(cursor, tables)


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

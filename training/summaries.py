"""Upkeep of StaffModuleSummary: each staff member's first and last completion per module.

The writes of completions and staff members (training.services) call `refresh` for the
people they touched, in their own transaction; `refresh_all` rebuilds the table (after a
restore, a bulk load or the migration that creates it). Both compute from the completions,
so the table always equals what a full recomputation gives (tests/training/test_summaries.py).
"""

from collections.abc import Iterable

from django.db import connection

# Staff ids per statement: well under SQLite's limit of query parameters.
CHUNK = 500


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


def _tables(apps=None) -> dict[str, str]:
    if apps is None:
        from django.apps import apps
    return {
        name: apps.get_model("training", model)._meta.db_table
        for name, model in (
            ("summary", "StaffModuleSummary"),
            ("completion", "Completion"),
            ("staff", "StaffMember"),
        )
    }


def refresh(staff_ids: Iterable[int]) -> None:
    """Recompute the summary rows of these staff members from their completions."""
    ids = sorted({staff_id for staff_id in staff_ids if staff_id is not None})
    tables = _tables()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM {quote(tables['summary'])} WHERE staff_id IN ({marks})",  # noqa: S608
                chunk,
            )
            cursor.execute(_rebuild_sql(tables, f"WHERE completion.staff_id IN ({marks})"), chunk)


def refresh_all(apps=None) -> None:
    """Rebuild the whole table from the completions."""
    tables = _tables(apps)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(tables['summary'])}")  # noqa: S608
        cursor.execute(_rebuild_sql(tables, ""))

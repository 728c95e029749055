"""Cache of computed figures that can never serve a figure older than the data.

Every write to a domain record adds a row to its history table (django-simple-history;
bulk imports use its bulk helpers). The newest history id of every table, read in one
indexed query, is a fingerprint of the data: figures are cached under it, so the first
request after any write, in any worker or on any server, computes afresh. With Redis
(REDIS_URL) all workers share the cached figures; without it each process keeps its own,
which is still never stale.
"""

import functools
import hashlib
from collections.abc import Callable

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from profiling_followup.figures import sees_exact_figures
from profiling_followup.roles import DOMAIN_APPS, REPORT_APP

TIMEOUT_SECONDS = 24 * 3600


@functools.cache
def _history_tables() -> tuple[str, ...]:
    """Fixed for the life of the process; looking them up took longer than the query."""
    return tuple(
        sorted(
            model.history.model._meta.db_table
            # Frozen reports too: the last meeting is where the dashboard's period starts.
            for app_label in (*DOMAIN_APPS, REPORT_APP)
            for model in apps.get_app_config(app_label).get_models()
            if hasattr(model, "history") and not model.__name__.startswith("Historical")
        )
    )


@functools.cache
def _newest_history_ids_sql() -> str:
    quote = connection.ops.quote_name
    return " UNION ALL ".join(
        # Table names come from model metadata, never from input.
        f"SELECT '{table}', MAX(history_id) FROM {quote(table)}"  # noqa: S608
        for table in _history_tables()
    )


def _fingerprint_of(rows) -> str:
    newest = ",".join(f"{table}={top or 0}" for table, top in sorted(rows))
    return hashlib.sha1(newest.encode(), usedforsecurity=False).hexdigest()


# database name -> (snapshot, fingerprint read in that snapshot), for this process
_fingerprint_by_snapshot: dict[str, tuple[str, str]] = {}


def data_fingerprint() -> str:
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(_newest_history_ids_sql())
            return _fingerprint_of(cursor.fetchall())
        # A transaction's own writes do not change its snapshot: once it has written, read.
        cursor.execute(
            "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL"
        )
        snapshot, has_written = cursor.fetchone()
        database = connection.settings_dict["NAME"]
        seen_snapshot, fingerprint = _fingerprint_by_snapshot.get(database, ("", ""))
        if snapshot == seen_snapshot and not has_written:
            return fingerprint
        # One statement, so the snapshot and the history ids are read together.
        cursor.execute(
            f"SELECT pg_current_snapshot()::text, t.* FROM ({_newest_history_ids_sql()}) t"  # noqa: S608
        )
        rows = cursor.fetchall()
    fingerprint = _fingerprint_of((table, top) for _, table, top in rows)
    if not has_written:
        _fingerprint_by_snapshot[database] = (rows[0][0], fingerprint)
    return fingerprint


def cached_figures(name: str, compute: Callable[[], object], *key_parts) -> object:
    """`compute()` once per data state and key; `key_parts` are e.g. filter values."""
    key = ":".join(["figures", name, data_fingerprint(), *map(str, key_parts)])
    return cache.get_or_set(key, compute, TIMEOUT_SECONDS)


def cached_html(name: str, render: Callable[[], str], viewer, *key_parts) -> str:
    """Rendered HTML kept per data state and key, and per language and kind of viewer
    (exact figures or small numbers suppressed): never another user's view."""
    return cached_figures(name, render, *key_parts, get_language(), sees_exact_figures(viewer))

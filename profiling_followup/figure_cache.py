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

from profiling_followup.roles import DOMAIN_APPS

TIMEOUT_SECONDS = 24 * 3600


@functools.cache
def _history_tables() -> tuple[str, ...]:
    """Fixed for the life of the process; looking them up took longer than the query."""
    return tuple(
        sorted(
            model.history.model._meta.db_table
            for app_label in DOMAIN_APPS
            for model in apps.get_app_config(app_label).get_models()
            if hasattr(model, "history") and not model.__name__.startswith("Historical")
        )
    )


def data_fingerprint() -> str:
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        # Table names come from model metadata, never from input.
        f"SELECT '{table}', MAX(history_id) FROM {quote(table)}"  # noqa: S608
        for table in _history_tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        newest = ",".join(f"{table}={top or 0}" for table, top in sorted(cursor.fetchall()))
    return hashlib.sha1(newest.encode(), usedforsecurity=False).hexdigest()


def cached_figures(name: str, compute: Callable[[], object], *key_parts) -> object:
    """`compute()` once per data state and key; `key_parts` are e.g. filter values."""
    key = ":".join(["figures", name, data_fingerprint(), *map(str, key_parts)])
    return cache.get_or_set(key, compute, TIMEOUT_SECONDS)

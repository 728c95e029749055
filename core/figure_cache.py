"""Cache of computed figures that can never serve a figure older than the data it reads.

Every write to a record adds a row to its history table (django-simple-history; bulk
writes use its bulk helpers). The newest history id of the tables a figure reads is a
fingerprint of the data it depends on: figures are cached under it, so the first request
after a write to one of those tables, in any worker or on any server, computes afresh, and
a write elsewhere (a progress update, for training coverage) leaves the figure cached. A
figure "as of" a past moment depends only on the history recorded up to that moment, and a
figure "on" a day only on the records dated up to that day (`dated`): a completion dated
today leaves the report of a past meeting cached.

With Redis (REDIS_URL) every worker shares the cache; without it each process keeps its
own, which is still never stale. One process computes a missing figure while the others
wait for its result (`cached_figures`). Each process also holds the pages it served last
(`cached_html`) and values kept by their digest (`NamedCache`), whose keys name their
content: a copy held in the process is never stale either.
"""

import functools
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from simple_history.manager import HistoryManager

from core.figures import sees_exact_figures

TIMEOUT_SECONDS = 24 * 3600
# How long the process computing a figure holds it, and how long the others wait for it
# before computing it themselves (a figure should take well under a second).
COMPUTE_LOCK_SECONDS = 30
WAIT_SECONDS = 10
_MISSING = object()
CODE_SUFFIXES = {".py", ".html", ".css", ".js", ".mo"}
NOT_CODE = {"media", "staticfiles", "tests", "bench", "node_modules", "test-results"}


@functools.cache
def code_version() -> str:
    """A digest of the application's code and templates, read once per process: a figure
    or a page cached by another release (a deploy with Redis) is never served."""
    digest = hashlib.sha1(usedforsecurity=False)
    root = Path(settings.BASE_DIR)
    for path in sorted(root.glob("[!.]*/**/*")):
        if path.suffix in CODE_SUFFIXES and path.relative_to(root).parts[0] not in NOT_CODE:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def _history_tables() -> dict[str, str]:
    """{model label: its history table} for every model with a history; fixed for the life
    of the process."""
    return {
        model._meta.label: model.history.model._meta.db_table
        for model in apps.get_models()
        if isinstance(getattr(model, "history", None), HistoryManager)
    }


def _tables_of(reads: Iterable | None) -> tuple[str, ...]:
    tables = _history_tables()
    if reads is None:
        return tuple(sorted(tables.values()))
    return tuple(sorted({tables[model._meta.label] for model in reads}))


@functools.cache
def _newest_ids_sql(tables: tuple[str, ...], as_of: bool) -> str:
    quote = connection.ops.quote_name
    condition = " WHERE history_date <= %s" if as_of else ""
    return " UNION ALL ".join(
        # Table names come from model metadata, never from input.
        f"SELECT '{table}', MAX(history_id) FROM {quote(table)}{condition}"  # noqa: S608
        for table in tables
    )


# database name -> (snapshot, {table: newest history id} read in that snapshot), per process
_newest_by_snapshot: dict[str, tuple[str, dict[str, int]]] = {}


def _newest_ids() -> dict[str, int]:
    """{history table: newest history id} of every table, read once per PostgreSQL snapshot
    (a trivial call answers as long as nobody has written since)."""
    all_tables = _tables_of(None)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(_newest_ids_sql(all_tables, False))
            return {table: top or 0 for table, top in cursor.fetchall()}
        # A transaction's own writes do not change its snapshot: once it has written, read.
        cursor.execute(
            "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL"
        )
        snapshot, has_written = cursor.fetchone()
        database = connection.settings_dict["NAME"]
        seen_snapshot, newest = _newest_by_snapshot.get(database, ("", {}))
        if snapshot == seen_snapshot and not has_written:
            return newest
        # One statement, so the snapshot and the history ids are read together.
        cursor.execute(
            f"SELECT pg_current_snapshot()::text, t.* FROM ({_newest_ids_sql(all_tables, False)}) t"  # noqa: S608
        )
        rows = cursor.fetchall()
    newest = {table: top or 0 for _, table, top in rows}
    if not has_written:
        _newest_by_snapshot[database] = (rows[0][0], newest)
    return newest


def _newest_dated_id(model, field: str, day: date) -> int:
    """The newest history id of `model` among the records dated (`field`) up to `day`, and
    of every change or deletion (a change may move a record's date across `day`). The
    newest rows are read first, so this stops at the first one that counts."""
    table = model.history.model._meta.db_table
    column = model._meta.get_field(field).column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            # Names come from model metadata, never from input.
            f"SELECT history_id FROM {quote(table)} WHERE {quote(column)} <= %s"  # noqa: S608
            " OR history_type <> '+' ORDER BY history_id DESC LIMIT 1",
            [day],
        )
        row = cursor.fetchone()
    return row[0] if row else 0


# How many answers of `_newest_ids_as_of` each process holds.
AS_OF_STATES = 256


def _newest_ids_as_of(tables: tuple[str, ...], as_of: datetime) -> list[tuple[str, int]]:
    """[(history table, its newest id recorded up to `as_of`)], read again only when some
    history table has a new row: history rows are only ever added, so until then the
    answer cannot change (a committee report asks this on every request). Held in the
    process under the newest ids of every table, which name the state it was read in."""
    state = tuple(sorted(_newest_ids().items()))
    key = (connection.settings_dict["NAME"], tables, as_of, state)
    held = _held_of("history-as-of", AS_OF_STATES)
    if found := held.get_many([key]):
        return found[key]
    with connection.cursor() as cursor:
        cursor.execute(_newest_ids_sql(tables, True), [as_of] * len(tables))
        values = sorted((table, top or 0) for table, top in cursor.fetchall())
    held.hold({key: values})
    return values


def data_fingerprint(
    reads: Iterable | None = None,
    as_of: datetime | None = None,
    dated: dict | None = None,
) -> str:
    """A short digest of the state of the tables of `reads` (models; None: all of them),
    or of what their history recorded up to `as_of`; for the models in `dated`
    ({model: (date field, day)}), of their records dated up to that day."""
    dated = dated or {}
    skipped = {model.history.model._meta.db_table for model in dated}
    tables = tuple(table for table in _tables_of(reads) if table not in skipped)
    if as_of is None:
        newest = _newest_ids()
        values = [(table, newest[table]) for table in tables]
    else:
        values = _newest_ids_as_of(tables, as_of)
    values += [
        (f"{model._meta.label}<={day}", _newest_dated_id(model, field, day))
        for model, (field, day) in sorted(dated.items(), key=lambda item: item[0]._meta.label)
    ]
    text = ",".join(f"{table}={top}" for table, top in values)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _computed_once(key: str, compute: Callable[[], object]) -> object:
    """The cached value of `key`, or `compute()`: by one process at a time, the others
    waiting for its result rather than computing the same figure at once."""
    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value
    lock = f"{key}:computing"
    if cache.add(lock, 1, COMPUTE_LOCK_SECONDS):
        try:
            value = compute()
            cache.set(key, value, TIMEOUT_SECONDS)
        finally:
            cache.delete(lock)
        return value
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.01)
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            return value
        if cache.get(lock) is None:  # it failed: compute here
            break
    return compute()


def _figure_key(name: str, key_parts, reads=None, as_of=None, dated=None) -> str:
    fingerprint = data_fingerprint(reads, as_of, dated)
    return ":".join(["figures", code_version(), name, fingerprint, *map(str, key_parts)])


def cached_figures(
    name: str,
    compute: Callable[[], object],
    *key_parts,
    reads: Iterable | None = None,
    as_of: datetime | None = None,
    dated: dict | None = None,
) -> object:
    """`compute()` once per state of the data it `reads` (models; None: every table with a
    history) and key; `key_parts` are e.g. filter values. With `as_of`, the state is what
    the history recorded up to that moment: later writes leave the figure cached. With
    `dated` ({model: (date field, day)}), a record of that model dated after the day
    leaves it cached too (the figure counts records up to that day)."""
    return _computed_once(_figure_key(name, key_parts, reads, as_of, dated), compute)


class _Held:
    """The values this process used last, by a key that names their content (so they never
    go stale), up to a limit on their number or, with `size`, their total size."""

    def __init__(self, limit: int, size: Callable[[object], int] = lambda value: 1):
        self.limit, self.size = limit, size
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, keys: Iterable) -> dict:
        with self.lock:
            found = {key: self.values[key] for key in keys if key in self.values}
            for key in found:
                self.values.move_to_end(key)
        return found

    def hold(self, values: dict) -> None:
        with self.lock:
            self.values.update(values)
            for key in values:
                self.values.move_to_end(key)
            while self.values and sum(map(self.size, self.values.values())) > self.limit:
                self.values.popitem(last=False)


# {name: what this process holds of it}
_held: dict[str, _Held] = {}


def _held_of(name: str, limit: int, size=lambda value: 1) -> _Held:
    held = _held.get(name)
    return held if held is not None else _held.setdefault(name, _Held(limit, size))


class NamedCache:
    """`get_many` and `set_many` of the shared cache, under a name and this release, for
    values kept by their digest, which never go stale (core.suppression's parts, the
    publication's pieces). With `held`, this process also holds the last that many values
    it used: the next request in this worker finds them without fetching and unpickling
    them again."""

    def __init__(self, name: str, held: int = 0):
        self.prefix = f"{name}:{code_version()}:"
        self.held = _held_of(self.prefix, held) if held else None

    def get_many(self, keys: list[str]) -> dict:
        found = self.held.get_many(keys) if self.held else {}
        missing = [self.prefix + key for key in keys if key not in found]
        fetched = cache.get_many(missing) if missing else {}
        fetched = {key.removeprefix(self.prefix): value for key, value in fetched.items()}
        if self.held:
            self.held.hold(fetched)
        return found | fetched

    def set_many(self, values: dict) -> None:
        cache.set_many({self.prefix + key: value for key, value in values.items()}, TIMEOUT_SECONDS)
        if self.held:
            self.held.hold(values)


# The pages each process served last, up to this many bytes: the committee report is 2.3
# MB at national scale, and fetching and unpickling it from Redis took a third of each
# request (bench/mixed_load.py).
HELD_PAGE_BYTES = 64_000_000


class CachedHtml:
    """HTML kept by cached_html, encoded once. A template shows a mark in its place, and
    `PutsCachedHtml` puts these bytes there once the page is rendered: a large page (the
    committee report) is then not copied through every level of the templates and
    encoded again on each request."""

    def __init__(self, encoded: bytes):
        self.encoded = encoded
        self.mark = f"<!--cached-html-{uuid.uuid4().hex}-->"

    def __html__(self) -> str:
        return mark_safe(self.mark)  # noqa: S308 - a comment made here, no input in it

    __str__ = __html__


def cached_html(name: str, render: Callable[[], str], viewer, *key_parts, **state) -> CachedHtml:
    """Rendered HTML kept per data state (`reads`, `as_of`, `dated` as for cached_figures)
    and key, and per language and kind of viewer (exact figures or small numbers
    suppressed): never another user's view. Held in this process too (bytes cannot be
    changed by the page that shows them)."""
    key = _figure_key(name, (*key_parts, get_language(), sees_exact_figures(viewer)), **state)
    held = _held_of("pages", HELD_PAGE_BYTES, size=len)
    if not (found := held.get_many([key])):
        found = {key: _computed_once(key, lambda: render().encode())}
        held.hold(found)
    return CachedHtml(found[key])

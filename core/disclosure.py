"""The one choke point through which every figure about people passes (issue 14).

Police staff and administrators get exact figures for any dates they ask. Everyone else (council
members, independent evaluators, the frozen report and its PDF, open data, e-mail digests)
gets the council's publication:

- figures about people only for fixed periods: calendar months, quarters and years for
  what happened in a period (persons checked, completions), the end of a calendar month
  for a state (staff trained). A requested range becomes the whole months it covers and a
  total over it is published only when every fixed period it is made of is;
- cell suppression over every table a council member can request, at once
  (core.suppression: primary below 5, secondary so that no hidden count can be computed),
  computed once per data state and kept in the figure cache;
- a hidden figure is shown as MARK, whatever the reason it is hidden.

Each app says which figures it publishes: its AppConfig names a function in
`disclosure_pieces` (dotted path) that returns `core.suppression.Piece`s, each building a
`core.suppression.Model` with cells and their sums that share no sum with another piece's,
and in `disclosure_reads` the models that function reads (the publication is computed again
after a write to one of them, and only then; then a piece whose digest was published before
is looked up, not built). Pages ask `Figures(viewer)`:
`figure(key, value)`, `total(keys, value)`, `period(start, end)` and `state_date(day)`
decide by viewer.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.utils.module_loading import import_string

from core import dates
from core.figure_cache import NamedCache, cached_figures
from core.figures import sees_exact_figures
from core.suppression import Model, Piece, protect

# The sign for a hidden figure, in every language (statistical offices use "x" or "c").
MARK = "x"
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Published:
    """The council's publication of one data state: shown values and the hidden keys."""

    values: dict
    hidden: frozenset

    def show(self, key, value):
        """`value` as published under `key`: MARK when hidden, unknown to the publication
        (fail closed: only a zero is safe to show) or not the value published."""
        if key in self.hidden:
            return MARK
        if key not in self.values:
            return value if value == 0 else MARK
        return value if self.values[key] == value else MARK


def publishing_apps() -> list:
    return [config for config in apps.get_app_configs() if hasattr(config, "disclosure_pieces")]


def publication_reads() -> tuple:
    """The models the publication is computed from."""
    return tuple(
        model for config in publishing_apps() for model in import_string(config.disclosure_reads)
    )


def app_model(config, today: date) -> Model:
    """An app's cells and sums, all its pieces together."""
    model = Model()
    for piece in import_string(config.disclosure_pieces)(today):
        model.merge(piece.build())
    return model


def council_model(today: date) -> Model:
    model = Model()
    for config in publishing_apps():
        model.merge(app_model(config, today))
    return model


# A publication has some twenty pieces and a write changes one or two: each process holds
# those of a few data states and fetches only the new ones.
HELD_PIECES = 64


def _pieces_cache() -> NamedCache:
    return NamedCache("publication-piece", held=HELD_PIECES)


def _publish_piece(piece: Piece) -> Published:
    model = piece.build()
    # A write changes a few of the parts the suppression protects one by one.
    hidden = protect(model, NamedCache("suppression-part"))
    values = {key: cell.value for key, cell in model.cells.items() if cell.shown}
    return Published(values=values, hidden=hidden)


def _publish_app(config, today: date) -> tuple[str, ...]:
    """Publishes an app piece by piece and returns the keys its pieces are kept under: a
    piece published before (same digest) is looked up, not built; no sum ties two pieces,
    so each is protected on its own. A piece without a digest gets a key of its own."""
    pieces = import_string(config.disclosure_pieces)(today)
    keys = [piece.digest or f"once-{uuid.uuid4().hex}" for piece in pieces]
    cache = _pieces_cache()
    found = cache.get_many([piece.digest for piece in pieces if piece.digest])
    cache.set_many(
        {
            key: _publish_piece(piece)
            for key, piece in zip(keys, pieces, strict=True)
            if key not in found
        }
    )
    return tuple(keys)


def _app_pieces(config, today: date) -> list[Published]:
    """An app's published pieces, found by the keys kept for the state of what it reads
    (one process publishes them after a write, the others wait for the keys); published
    again if the shared cache has lost one of them."""
    keys = cached_figures(
        "council-publication-of",
        lambda: _publish_app(config, today),
        config.label,
        today.isoformat(),
        reads=import_string(config.disclosure_reads),
    )
    found = _pieces_cache().get_many(list(keys))
    if len(found) < len(keys):
        keys = _publish_app(config, today)
        found = _pieces_cache().get_many(list(keys))
    return [found[key] for key in keys]


def publication(today: date | None = None) -> Published:
    """Every app's publication, put together from its pieces: no sum ties cells of two
    pieces, so each is protected on its own."""
    today = today or dates.today()
    values, hidden = {}, set()
    for config in publishing_apps():
        for piece in _app_pieces(config, today):
            values.update(piece.values)
            hidden.update(piece.hidden)
    return Published(values=values, hidden=frozenset(hidden))


class Figures:
    """Figures about people as `viewer` may read them."""

    def __init__(self, viewer, today: date | None = None):
        self.exact = sees_exact_figures(viewer)
        self.today = today or dates.today()
        self._published = None

    @property
    def published(self) -> Published:
        if self._published is None:
            self._published = publication(self.today)
        return self._published

    def figure(self, key, value):
        return value if self.exact or value is None else self.published.show(key, value)

    def total(self, keys, value):
        """A sum over several published cells: shown only when each of them is."""
        if self.exact or value is None:
            return value
        # A fixed period outside the publication has no record: a known zero.
        return MARK if any(key in self.published.hidden for key in keys) else value

    def percent(self, key, count, percent):
        """A share of a count: hidden with the count."""
        return percent if self.figure(key, count) != MARK else None

    def period(self, start: date, end: date) -> tuple[date, date]:
        """The period as asked, or for the council the whole months it covers."""
        return (start, end) if self.exact else council_period(start, end)

    def state_date(self, day: date) -> date:
        """A state (staff trained) on the day asked, or at the end of the last calendar
        month that ended by then."""
        return day if self.exact else dates.last_month_end(day)

    def parts(self, start: date, end: date) -> list[str]:
        """The keys of the fixed periods a (snapped) period is made of."""
        return [key for key, _first, _last in dates.fixed_periods(start, end)]


def council_period(start: date, end: date) -> tuple[date, date]:
    """The whole calendar months a period covers (the month of its end when it covers
    none), so that no figure about people is for a part of a month."""
    first = start if start.day == 1 else dates.add_months(start, 1)
    last = end if end == dates.last_of_month(end) else dates.first_of_month(end) - ONE_DAY
    if first > last:
        return dates.first_of_month(end), dates.last_of_month(end)
    return first, last

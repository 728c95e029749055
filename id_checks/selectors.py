"""Reads of the ID-check records: querysets with their joins and the derived status, and
the figures the summary page and the dashboard show (SQL aggregates, constant query counts).

Periods are inclusive date ranges on the authorised start (`starts_at`, local time).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from core.dates import day_bounds, local_date, month_starts
from id_checks.models import (
    GRANTING_OUTCOMES,
    Authorisation,
    Decision,
    Evaluation,
    Execution,
    Extension,
    Kind,
    Outcome,
    Status,
    related_or_none,
)

# The records the figures of this module read (for the figure cache).
FIGURE_READS = (Authorisation, Decision, Extension, Execution, Evaluation)


def _latest_extension_end():
    return Subquery(
        Extension.objects.filter(authorisation=OuterRef("pk"))
        .values("authorisation")
        .annotate(latest=Max("new_ends_at"))
        .values("latest")[:1],
        output_field=DateTimeField(),
    )


def status_expression(now: datetime):
    """The derived status as SQL; the same rule as `Authorisation.status`."""
    return Case(
        When(decision__isnull=True, then=Value(Status.REQUESTED)),
        When(decision__outcome=Outcome.REFUSED, then=Value(Status.REFUSED)),
        When(decision__execution__evaluation__isnull=False, then=Value(Status.EVALUATED)),
        When(decision__execution__applied=False, then=Value(Status.NOT_APPLIED)),
        When(
            Q(extended_ends_at__lte=now) | Q(decision__execution__actual_ends_at__lte=now),
            then=Value(Status.ENDED),
        ),
        When(starts_at__lte=now, then=Value(Status.RUNNING)),
        default=Value(Status.GRANTED),
    )


def with_status(queryset: QuerySet | None = None, *, now: datetime | None = None) -> QuerySet:
    """Authorisations annotated with `extended_ends_at` (the end after extensions) and
    `status_code`, to filter on."""
    queryset = Authorisation.objects.all() if queryset is None else queryset
    return queryset.annotate(
        extended_ends_at=Coalesce(_latest_extension_end(), F("ends_at"))
    ).annotate(status_code=status_expression(now or timezone.now()))


def authorisation_list() -> QuerySet:
    """The register: one row per authorisation, every column without a query per row."""
    return with_status().annotate(
        applied=F("decision__execution__applied"),
        persons_checked=F("decision__execution__persons_checked"),
    )


def authorisation_detail() -> QuerySet:
    """One authorisation with all its steps (use `.get(pk=...)`)."""
    return (
        with_status()
        .select_related(
            "requesting_unit",
            "recommendation",
            "decision__execution__evaluation",
            "evaluation_responsible",
        )
        .prefetch_related("extensions")
    )


def evaluation_due_on(ended_at: datetime) -> date:
    """An evaluation is due ID_CHECK_EVALUATION_DUE_DAYS after the (extended) end."""
    return local_date(ended_at) + timedelta(days=settings.ID_CHECK_EVALUATION_DUE_DAYS)


def awaiting_follow_up(now: datetime, responsible=None) -> QuerySet:
    """Granted authorisations whose window has ended that still await their execution
    record or their evaluation, with a responsible officer (only `responsible`'s when
    given), earliest end first. Annotated: `extended_ends_at`, `status_code`,
    `has_execution`."""
    authorisations = Authorisation.objects.filter(evaluation_responsible__isnull=False)
    if responsible is not None:
        authorisations = authorisations.filter(evaluation_responsible=responsible)
    return (
        with_status(authorisations, now=now)
        .filter(status_code__in=[Status.ENDED, Status.NOT_APPLIED])
        .annotate(
            has_execution=ExpressionWrapper(
                Q(decision__execution__isnull=False), output_field=BooleanField()
            )
        )
        .select_related("evaluation_responsible")
        .order_by("extended_ends_at", "reference")
    )


def authorisation_history(authorisation: Authorisation) -> list[tuple[str, object]]:
    """(kind of record, history entry) for every recorded change to the authorisation and
    its steps, newest first; one query per kind of step."""
    histories = [
        authorisation.history.all(),
        Extension.history.filter(authorisation_id=authorisation.pk),
    ]
    step = authorisation
    for name in ("decision", "execution", "evaluation"):
        step = related_or_none(step, name)
        if step is None:
            break
        histories.append(step.history.all())
    entries = [
        (history.model.instance_type._meta.verbose_name, entry)
        for history in histories
        for entry in history.select_related("history_user")
    ]
    return sorted(
        entries, key=lambda item: (item[1].history_date, item[1].history_id), reverse=True
    )


@dataclass(frozen=True)
class Figures:
    """Authorisations whose window starts in a period. `persons_checked` describes people:
    show it through `core.figures.shown_figure`."""

    requested: int = 0
    granted: int = 0
    applied: int = 0
    persons_checked: int = 0
    evaluated: int = 0

    @property
    def share_evaluated(self) -> float | None:
        """Evaluated granted authorisations, as a fraction of the granted ones."""
        return self.evaluated / self.granted if self.granted else None

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            *(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__)
        )


FIGURE_AGGREGATES = {
    "requested": Count("pk"),
    "granted": Count("pk", filter=Q(decision__outcome__in=GRANTING_OUTCOMES)),
    "applied": Count("pk", filter=Q(decision__execution__applied=True)),
    "persons_checked": Coalesce(Sum("decision__execution__persons_checked"), 0),
    "evaluated": Count("pk", filter=Q(decision__execution__evaluation__isnull=False)),
}


def _in_period(start: date, end: date) -> QuerySet:
    since, until = day_bounds(start, end)
    return Authorisation.objects.filter(starts_at__gte=since, starts_at__lt=until)


def first_authorisation_date() -> date | None:
    """The day the earliest recorded systematic ID check starts; one query."""
    first = Authorisation.objects.aggregate(first=Min("starts_at"))["first"]
    return timezone.localdate(first) if first else None


def authorisation_figures(start: date, end: date) -> dict[str, Figures]:
    """{"actie": Figures, "ordedienst": Figures, "total": Figures}; one query."""
    rows = _in_period(start, end).values("kind").annotate(**FIGURE_AGGREGATES).order_by()
    figures = {kind: Figures() for kind in Kind.values}
    for row in rows:
        kind = row.pop("kind")
        figures[kind] = Figures(**row)
    figures["total"] = sum((figures[kind] for kind in Kind.values), Figures())
    return figures


def authorisation_figures_by_month(start: date, end: date) -> list[tuple[date, str, Figures]]:
    """(first day of month, kind, Figures) for every month and kind of the period, months
    without authorisations included as zeros; one query."""
    rows = (
        _in_period(start, end)
        .annotate(month=TruncMonth("starts_at"))
        .values("month", "kind")
        .annotate(**FIGURE_AGGREGATES)
        .order_by()
    )
    found = {}
    for row in rows:
        month = row.pop("month")
        # TruncMonth gives a datetime on PostgreSQL and SQLite alike.
        month = local_date(month) if isinstance(month, datetime) else month
        kind = row.pop("kind")
        found[(month, kind)] = Figures(**row)
    return [
        (month, kind, found.get((month, kind), Figures()))
        for month in month_starts(start, end)
        for kind in Kind.values
    ]


def authorisations_between(start: date, end: date) -> dict[str, QuerySet]:
    """What changed from `start` to `end` (inclusive dates): requests made and decisions
    taken, for "what changed since the last committee". One query per key."""
    since, until = day_bounds(start, end)
    return {
        "requested": Authorisation.objects.filter(created_at__gte=since, created_at__lt=until)
        .select_related("requesting_unit")
        .order_by("created_at"),
        "decided": Decision.objects.filter(decided_on__gte=start, decided_on__lte=end)
        .select_related("authorisation")
        .order_by("decided_on"),
    }

"""Reads of the recommendations app: querysets with their annotations, and figures computed
in SQL. Views and the dashboard read only through these; query counts do not grow with rows.

Roll-up progress of a recommendation is the plain average of the progress of its actions,
cancelled actions left out; a recommendation without such actions has no progress (None).
An action is overdue when its due date has passed and it is neither completed nor cancelled.
"""

from collections import defaultdict
from datetime import date

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncMonth

from core import dates
from core.dates import day_bounds
from recommendations.models import (
    CLOSED_STATUSES,
    Action,
    ActionStatus,
    DueDateChange,
    ImplementationStatus,
    ProgressUpdate,
    Recommendation,
    SourceReport,
    Theme,
)

ActionLink = Action.recommendations.through

# The records the figures of this module read (for the figure cache: a write elsewhere, a
# progress update say, leaves them cached). Which recommendations an action serves changes
# with the action's own history entry.
FIGURE_READS = (Recommendation, Action, Theme)


def overdue_q(today: date, prefix: str = "") -> Q:
    """Due date passed and neither completed nor cancelled; `prefix` reaches a related action."""
    return Q(**{f"{prefix}due_date__lt": today}) & ~Q(**{f"{prefix}status__in": CLOSED_STATUSES})


def _per_recommendation(links: QuerySet, aggregate) -> Subquery:
    return Subquery(
        links.filter(recommendation=OuterRef("pk"))
        .values("recommendation")
        .annotate(value=aggregate)
        .values("value")
    )


def _with_rollup(queryset: QuerySet, today: date) -> QuerySet:
    active = ActionLink.objects.exclude(action__status=ActionStatus.CANCELLED)
    overdue = _per_recommendation(
        ActionLink.objects.filter(overdue_q(today, "action__")), Count("action")
    )
    return queryset.annotate(
        progress=_per_recommendation(active, Avg("action__progress", output_field=FloatField())),
        action_count=Coalesce(
            _per_recommendation(ActionLink.objects.all(), Count("action")),
            0,
            output_field=IntegerField(),
        ),
        overdue_count=Coalesce(overdue, 0, output_field=IntegerField()),
    ).annotate(has_overdue=ExpressionWrapper(Q(overdue_count__gt=0), output_field=BooleanField()))


def recommendation_list(today: date | None = None) -> QuerySet[Recommendation]:
    """Recommendations with `progress` (roll-up, float or None), `action_count`,
    `overdue_count` and `has_overdue`."""
    today = today or dates.today()
    queryset = Recommendation.objects.select_related(
        "theme", "source", "responsible_unit"
    ).prefetch_related("steps")
    return _with_rollup(queryset, today)


def recommendation_detail(pk: int, today: date | None = None) -> Recommendation:
    """One recommendation with its roll-up and its actions (each with timeline and evidence)."""
    today = today or dates.today()
    actions = action_list(today).prefetch_related(*_timeline_prefetches())
    return (
        recommendation_list(today)
        .prefetch_related(Prefetch("actions", queryset=actions))
        .get(pk=pk)
    )


def action_list(today: date | None = None) -> QuerySet[Action]:
    """Actions with `is_overdue`, `slip_count` (due date changes) and `original_due_date`."""
    today = today or dates.today()
    changes = DueDateChange.objects.filter(action=OuterRef("pk"))
    return (
        Action.objects.select_related("owner_unit", "responsible")
        .prefetch_related("recommendations")
        .annotate(
            is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()),
            slip_count=Coalesce(
                Subquery(
                    changes.values("action").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            original_due_date=Coalesce(
                Subquery(changes.order_by("changed_at", "pk").values("old_date")[:1]), "due_date"
            ),
        )
    )


def open_actions_with_responsible(responsible=None) -> QuerySet[Action]:
    """Open actions (neither completed nor cancelled) that someone answers for; only those
    of `responsible` when given."""
    actions = (
        Action.objects.exclude(status__in=CLOSED_STATUSES)
        .filter(responsible__isnull=False)
        .select_related("responsible")
    )
    return actions if responsible is None else actions.filter(responsible=responsible)


def actions_due_by(day: date, responsible=None) -> QuerySet[Action]:
    """Open actions due on or before `day`, overdue ones included, soonest first."""
    return (
        open_actions_with_responsible(responsible)
        .filter(due_date__lte=day)
        .order_by("due_date", "title")
    )


def actions_without_update_since(day: date, responsible=None) -> QuerySet[Action]:
    """Open actions recorded before `day` without a progress update dated on or after it,
    longest silent first; `last_update` is the date of the latest update (None: never)."""
    updates = ProgressUpdate.objects.filter(action=OuterRef("pk"))
    recorded_before = Action.history.filter(
        id=OuterRef("pk"), history_type="+", history_date__lt=day_bounds(day, day)[0]
    )
    return (
        open_actions_with_responsible(responsible)
        .filter(Exists(recorded_before))
        .exclude(Exists(updates.filter(date__gte=day)))
        .annotate(last_update=Subquery(updates.order_by("-date").values("date")[:1]))
        .order_by(F("last_update").asc(nulls_first=True), "title")
    )


def _timeline_prefetches() -> tuple:
    return (
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
        "evidence",
        Prefetch("due_date_changes", queryset=DueDateChange.objects.select_related("changed_by")),
    )


def action_detail(pk: int, today: date | None = None) -> Action:
    """One action with its recommendations, progress updates, evidence and due date changes."""
    today = today or dates.today()
    return action_list(today).prefetch_related(*_timeline_prefetches()).get(pk=pk)


# --- figures for the dashboard ------------------------------------------------------------


def _in_theme(theme: Theme | None) -> QuerySet[Recommendation]:
    """All recommendations, or those of one theme (the dashboard's theme filter)."""
    queryset = Recommendation.objects.order_by()
    return queryset if theme is None else queryset.filter(theme=theme)


def _counts_by(field_name: str, keys, theme: Theme | None) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    rows = _in_theme(theme).values(field_name).annotate(n=Count("pk"))
    counts.update({row[field_name]: row["n"] for row in rows})
    return counts


def recommendation_counts_by_police_status(theme: Theme | None = None) -> dict[str, int]:
    """{status value: number of recommendations}, every status present (zeros included)."""
    return _counts_by("police_status", ImplementationStatus.values, theme)


def recommendation_counts_by_independent_status(theme: Theme | None = None) -> dict[str, int]:
    """As by police status, plus the key "" for recommendations not yet assessed."""
    return _counts_by("independent_status", ["", *ImplementationStatus.values], theme)


def implemented_share(theme: Theme | None = None) -> float | None:
    """Share (0..1) of recommendations the police call implemented; None when there are none."""
    figures = _in_theme(theme).aggregate(
        total=Count("pk"),
        implemented=Count("pk", filter=Q(police_status=ImplementationStatus.IMPLEMENTED)),
    )
    if not figures["total"]:
        return None
    return figures["implemented"] / figures["total"]


def in_theme(actions: QuerySet[Action], theme: Theme) -> QuerySet[Action]:
    """The actions serving a recommendation of `theme`, each once (EXISTS, no DISTINCT)."""
    links = ActionLink.objects.filter(action=OuterRef("pk"), recommendation__theme=theme)
    return actions.filter(Exists(links))


def overdue_action_count(today: date, theme: Theme | None = None) -> int:
    actions = Action.objects.filter(overdue_q(today))
    return (actions if theme is None else in_theme(actions, theme)).count()


def theme_progress(today: date, theme: Theme | None = None) -> list[dict]:
    """Per theme, in theme order: roll-up and action figures. Four queries.

    Each dict: `theme`, `progress` (average of the roll-ups of its recommendations that have
    actions, 0-100 float, or None), `action_counts` ({action status: n}, all statuses),
    `action_count`, `overdue_count`, `next_due_dates` (up to 3 upcoming due dates of open
    actions, ascending). An action serving several recommendations of a theme counts once.
    """
    themes = Theme.objects.all() if theme is None else Theme.objects.filter(pk=theme.pk)
    rollups = (
        _with_rollup(Recommendation.objects.filter(theme__in=themes), today)
        .order_by()
        .values("theme")
        .annotate(avg=Avg("progress"))
    )
    progress = {row["theme"]: row["avg"] for row in rollups}
    links = ActionLink.objects.filter(recommendation__theme__in=themes).order_by()
    status_rows = links.values("recommendation__theme", "action__status").annotate(
        n=Count("action", distinct=True),
        overdue=Count("action", distinct=True, filter=overdue_q(today, "action__")),
    )
    counts = defaultdict(lambda: dict.fromkeys(ActionStatus.values, 0))
    overdue = defaultdict(int)
    for row in status_rows:
        counts[row["recommendation__theme"]][row["action__status"]] = row["n"]
        overdue[row["recommendation__theme"]] += row["overdue"]
    due_rows = (
        links.filter(action__due_date__gte=today)
        .exclude(action__status__in=CLOSED_STATUSES)
        .values_list("recommendation__theme", "action__due_date")
        .distinct()
        .order_by("recommendation__theme", "action__due_date")
    )
    next_due = defaultdict(list)
    for theme_id, due in due_rows:
        if len(next_due[theme_id]) < 3:
            next_due[theme_id].append(due)
    return [
        {
            "theme": item,
            "progress": progress.get(item.pk),
            "action_counts": counts[item.pk],
            "action_count": sum(counts[item.pk].values()),
            "overdue_count": overdue[item.pk],
            "next_due_dates": next_due[item.pk],
        }
        for item in themes
    ]


def evaluation_date() -> date | None:
    """When the (first) evaluation whose recommendations are followed up was published."""
    return SourceReport.objects.aggregate(first=Min("published_on"))["first"]


def first_follow_up_date() -> date | None:
    """The earliest dated step of the follow-up: an action started or completed, or a
    progress update. Two queries."""
    actions = Action.objects.aggregate(started=Min("start_date"), completed=Min("completed_on"))
    updated = ProgressUpdate.objects.aggregate(first=Min("date"))["first"]
    return min((day for day in (*actions.values(), updated) if day), default=None)


def actions_completed_per_month(start: date, end: date) -> list[tuple[date, int]]:
    """[(first day of month, actions completed that month)] from start's month to end's,
    months without completions included as 0."""
    rows = (
        Action.objects.filter(
            status=ActionStatus.COMPLETED,
            completed_on__gte=dates.first_of_month(start),
            completed_on__lte=end,
        )
        .annotate(month=TruncMonth("completed_on"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    )
    counts = {row["month"]: row["n"] for row in rows}
    return [(month, counts.get(month, 0)) for month in dates.month_starts(start, end)]

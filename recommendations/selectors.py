"""Reads of the recommendations app: querysets with their annotations, and figures computed
in SQL. Views and the dashboard read only through these; query counts do not grow with rows.

Roll-up progress of a recommendation is the plain average of the progress of its actions,
cancelled actions left out; a recommendation without such actions has no progress (None).
An action is overdue when its due date has passed and it is neither completed nor cancelled.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

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
    today = today or timezone.localdate()
    queryset = Recommendation.objects.select_related(
        "theme", "source", "responsible_unit"
    ).prefetch_related("steps")
    return _with_rollup(queryset, today)


def recommendation_detail(pk: int, today: date | None = None) -> Recommendation:
    """One recommendation with its roll-up and its actions (each with timeline and evidence)."""
    today = today or timezone.localdate()
    actions = action_list(today).prefetch_related(*_timeline_prefetches())
    return (
        recommendation_list(today)
        .prefetch_related(Prefetch("actions", queryset=actions))
        .get(pk=pk)
    )


def action_list(today: date | None = None) -> QuerySet[Action]:
    """Actions with `is_overdue`, `slip_count` (due date changes) and `original_due_date`."""
    today = today or timezone.localdate()
    changes = DueDateChange.objects.filter(action=OuterRef("pk"))
    return (
        Action.objects.select_related("owner_unit")
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


def _timeline_prefetches() -> tuple:
    return (
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
        "evidence",
        Prefetch("due_date_changes", queryset=DueDateChange.objects.select_related("changed_by")),
    )


def action_detail(pk: int, today: date | None = None) -> Action:
    """One action with its recommendations, progress updates, evidence and due date changes."""
    today = today or timezone.localdate()
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


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def actions_completed_per_month(start: date, end: date) -> list[tuple[date, int]]:
    """[(first day of month, actions completed that month)] from start's month to end's,
    months without completions included as 0."""
    rows = (
        Action.objects.filter(
            status=ActionStatus.COMPLETED,
            completed_on__gte=_first_of_month(start),
            completed_on__lte=end,
        )
        .annotate(month=TruncMonth("completed_on"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    )
    counts = {row["month"]: row["n"] for row in rows}
    months = []
    month = _first_of_month(start)
    while month <= end:
        months.append((month, counts.get(month, 0)))
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


# --- history: what changed, and how things stood --------------------------------------------


@dataclass(frozen=True)
class ChangeEvent:
    at: datetime
    kind: str  # action_created | action_completed | police_status | independent_status | due_date
    subject: str  # the action's title or the recommendation's code
    detail: str
    actor: str
    reason: str = ""


def _previous(history: QuerySet, field_name: str) -> Subquery:
    """The value `field_name` had in the history entry just before the outer one."""
    earlier = Q(history_date__lt=OuterRef("history_date")) | Q(
        history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")
    )
    return Subquery(
        history.filter(earlier, id=OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values(field_name)[:1]
    )


def _actor(entry) -> str:
    user = entry.history_user
    return (user.get_full_name() or user.get_username()) if user else ""


def change_history(start: datetime, end: datetime) -> list[ChangeEvent]:
    """Changes between `start` and `end` (inclusive), oldest first, read from the history
    tables: actions created, actions completed, status changes of recommendations (police and
    independent) and due date changes with their reasons. Four queries."""
    window = {"history_date__gte": start, "history_date__lte": end}
    action_history = Action.history.model.objects
    status_labels = dict(ImplementationStatus.choices)
    events = []
    created_or_completed = (
        action_history.filter(**window)
        .annotate(before=_previous(action_history.all(), "status"))
        .filter(
            Q(history_type="+")
            | Q(status=ActionStatus.COMPLETED)
            & (Q(before__isnull=True) | ~Q(before=ActionStatus.COMPLETED))
        )
        .select_related("history_user")
    )
    for entry in created_or_completed:
        if entry.history_type == "+":
            events.append(
                ChangeEvent(
                    entry.history_date,
                    "action_created",
                    entry.title,
                    _("New action"),
                    _actor(entry),
                    entry.history_change_reason or "",
                )
            )
        if entry.status == ActionStatus.COMPLETED and entry.before != ActionStatus.COMPLETED:
            events.append(
                ChangeEvent(
                    entry.history_date,
                    "action_completed",
                    entry.title,
                    _("Action completed"),
                    _actor(entry),
                    entry.history_change_reason or "",
                )
            )
    recommendation_history = Recommendation.history.model.objects
    status_changes = (
        recommendation_history.filter(history_type="~", **window)
        .annotate(
            police_before=_previous(recommendation_history.all(), "police_status"),
            independent_before=_previous(recommendation_history.all(), "independent_status"),
        )
        .filter(
            ~Q(police_status=F("police_before")) | ~Q(independent_status=F("independent_before"))
        )
        .select_related("history_user")
    )
    for entry in status_changes:
        for kind, label, before, after in (
            (
                "police_status",
                _("Status according to the police"),
                entry.police_before,
                entry.police_status,
            ),
            (
                "independent_status",
                _("Independent status"),
                entry.independent_before,
                entry.independent_status,
            ),
        ):
            if before != after:
                detail = (
                    f"{label}: {status_labels.get(before, '—')} → {status_labels.get(after, '—')}"
                )
                events.append(
                    ChangeEvent(
                        entry.history_date,
                        kind,
                        entry.code,
                        detail,
                        _actor(entry),
                        entry.history_change_reason or "",
                    )
                )
    due_changes = DueDateChange.history.model.objects.filter(
        history_type="+", **window
    ).select_related("history_user", "action")
    for entry in due_changes:
        old = entry.old_date.strftime("%d/%m/%Y") if entry.old_date else "—"
        detail = _("Due date %(old)s → %(new)s") % {
            "old": old,
            "new": entry.new_date.strftime("%d/%m/%Y"),
        }
        events.append(
            ChangeEvent(
                entry.history_date,
                "due_date",
                entry.action.title,
                detail,
                _actor(entry),
                entry.reason,
            )
        )
    return sorted(events, key=lambda event: event.at)


@dataclass
class ProgressUpdateSnapshot:
    date: date
    text: str
    author: str


@dataclass
class ActionSnapshot:
    id: int
    title: str
    description: str
    status: str
    status_label: str
    progress: int
    start_date: date | None
    due_date: date | None
    completed_on: date | None
    budget: object
    partners: str
    overdue: bool
    updates: list[ProgressUpdateSnapshot] = field(default_factory=list)


# The recorded fields an ActionSnapshot copies from the action's history entry.
ACTION_SNAPSHOT_FIELDS = (
    "id", "title", "description", "status", "progress",
    "start_date", "due_date", "completed_on", "budget", "partners",
)  # fmt: skip


@dataclass
class RecommendationSnapshot:
    id: int
    code: str
    theme: str
    theme_position: int
    text: str
    steps: list[str]
    police_status: str
    police_status_label: str
    independent_status: str
    independent_status_label: str
    actions: list[ActionSnapshot] = field(default_factory=list)

    @property
    def progress(self) -> float | None:
        """Roll-up as it stood: average progress of the actions, cancelled ones left out."""
        values = [a.progress for a in self.actions if a.status != ActionStatus.CANCELLED]
        return sum(values) / len(values) if values else None


def _as_of(model, moment: datetime) -> QuerySet:
    """The history entries of `model` that describe its rows as they were at `moment`."""
    return model.history.filter(history_date__lte=moment).latest_of_each().exclude(history_type="-")


def _m2m_as_of(model, field_name: str, entries: QuerySet) -> QuerySet:
    """The m2m rows recorded with the history `entries` (a subquery: a list of 20,000 ids
    came near SQLite's limit on query parameters)."""
    history_model = HistoricalRecords.m2m_models[model._meta.get_field(field_name)]
    return history_model.objects.filter(history__in=entries.values("history_id"))


def _theme_names_as_of(moment: datetime) -> dict[int, tuple[str, int]]:
    """{theme id: (name, position)} as they stood at `moment`; one query over a small table.

    The name, not str() of a history entry ("<name> as of <moment>"). A theme recorded only
    after `moment` (reference data loaded later than the records it groups) keeps its
    first recorded name rather than none.
    """
    names = {}
    for entry in Theme.history.order_by("history_date", "history_id"):
        if entry.id not in names or entry.history_date <= moment:
            names[entry.id] = (entry.name, entry.position)
    return names


def recommendations_as_of(moment: datetime) -> list[RecommendationSnapshot]:
    """Recommendations with their statuses, actions and progress updates as they stood at
    `moment` (from the history tables), in theme and code order. Six queries."""
    # Labels translated once here, not once per row wherever they are shown (lazy strings).
    statuses = {value: str(label) for value, label in ImplementationStatus.choices}
    action_statuses = {value: str(label) for value, label in ActionStatus.choices}
    themes = _theme_names_as_of(moment)
    entries = _as_of(Recommendation, moment)
    steps = defaultdict(list)
    for row in _m2m_as_of(Recommendation, "steps", entries).select_related("frameworkstep"):
        steps[row.recommendation_id].append(row.frameworkstep)
    updates = defaultdict(list)
    for update in (
        _as_of(ProgressUpdate, moment)
        .filter(date__lte=moment.date())
        .select_related("author")
        .order_by("date", "id")
    ):
        author = update.author.get_full_name() if update.author else ""
        updates[update.action_id].append(ProgressUpdateSnapshot(update.date, update.text, author))
    action_entries = _as_of(Action, moment)
    # Rows as dicts: building 20,000 historical model instances took most of the time.
    actions = {
        entry["id"]: ActionSnapshot(
            **entry,
            status_label=action_statuses.get(entry["status"], entry["status"]),
            overdue=bool(
                entry["due_date"]
                and entry["due_date"] < moment.date()
                and entry["status"] not in CLOSED_STATUSES
            ),
            updates=updates[entry["id"]],
        )
        for entry in action_entries.values(*ACTION_SNAPSHOT_FIELDS)
    }
    snapshots = {
        entry.id: RecommendationSnapshot(
            id=entry.id,
            code=entry.code,
            theme=themes.get(entry.theme_id, ("", 0))[0],
            theme_position=themes.get(entry.theme_id, ("", 0))[1],
            text=entry.text,
            steps=[str(step) for step in sorted(steps[entry.id], key=lambda s: s.position)],
            police_status=entry.police_status,
            police_status_label=statuses.get(entry.police_status, ""),
            independent_status=entry.independent_status,
            independent_status_label=statuses.get(entry.independent_status, ""),
        )
        for entry in entries
    }
    links = _m2m_as_of(Action, "recommendations", action_entries).order_by("m2m_history_id")
    for recommendation_id, action_id in links.values_list("recommendation_id", "action_id"):
        if recommendation_id in snapshots and action_id in actions:
            snapshots[recommendation_id].actions.append(actions[action_id])
    for snapshot in snapshots.values():
        snapshot.actions.sort(key=lambda a: (a.due_date or date.max, a.title))
    return sorted(snapshots.values(), key=lambda s: (s.theme_position, s.code))


# --- change history of records, for the detail pages ---------------------------------------


@dataclass
class HistoryEntry:
    at: datetime
    actor: str
    kind: str  # +, ~ or - as in django-simple-history
    subject: str
    reason: str
    changes: list[tuple[str, object, object]]  # (field label, before, after)


def _display(model_field, value, related: dict) -> object:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if model_field.is_relation:
        return related.get((model_field.related_model, value), value)
    return value


def record_history(*sources: tuple[type, list[int]]) -> list[HistoryEntry]:
    """Every history entry of the given records (model, ids), newest first, each with the
    fields it changed compared with the record's previous entry. Two queries per model, plus
    one per kind of related record named in a change."""
    rows_by_model = {
        model: list(
            model.history.filter(id__in=ids)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        for model, ids in sources
    }
    wanted = defaultdict(set)
    for model, rows in rows_by_model.items():
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation:
                wanted[model_field.related_model] |= {getattr(r, model_field.attname) for r in rows}
    related = {
        (related_model, obj.pk): str(obj)
        for related_model, ids in wanted.items()
        for obj in related_model._default_manager.filter(pk__in=ids - {None})
    }
    entries = []
    for model, rows in rows_by_model.items():
        tracked = [f for f in model._meta.concrete_fields if f.name not in ("id", "version")]
        previous = {}
        for row in rows:
            before = previous.get(row.id)
            changes = []
            if before is not None:
                for model_field in tracked:
                    old, new = (
                        getattr(before, model_field.attname),
                        getattr(row, model_field.attname),
                    )
                    if old != new:
                        changes.append(
                            (
                                str(model_field.verbose_name),
                                _display(model_field, old, related),
                                _display(model_field, new, related),
                            )
                        )
            previous[row.id] = row
            entries.append(
                HistoryEntry(
                    at=row.history_date,
                    actor=_actor(row),
                    kind=row.history_type,
                    subject=f"{model._meta.verbose_name}: {row.instance}",
                    reason=row.history_change_reason or "",
                    changes=changes,
                )
            )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)

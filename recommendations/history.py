"""Reads of the recommendations' history tables: what changed between two moments, and how
every recommendation stood at a moment (the committee report). Later edits never change
what these return for a past moment.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from core.history import actor_name, previous_value
from recommendations.models import (
    CLOSED_STATUSES,
    Action,
    ActionStatus,
    DueDateChange,
    FrameworkStep,
    ImplementationStatus,
    ProgressUpdate,
    Recommendation,
    Theme,
)

# What recommendations_as_of reads from the history tables.
SNAPSHOT_READS = (Recommendation, Action, Theme, ProgressUpdate, FrameworkStep)


@dataclass(frozen=True)
class ChangeEvent:
    at: datetime
    kind: str  # action_created | action_completed | police_status | independent_status | due_date
    subject: str  # the action's title or the recommendation's code
    detail: str
    actor: str
    reason: str = ""


def _event(entry, kind: str, subject: str, detail: str, reason: str = "") -> ChangeEvent:
    return ChangeEvent(entry.history_date, kind, subject, detail, actor_name(entry), reason)


def _action_events(window: dict) -> list[ChangeEvent]:
    """Actions created, and actions completed (not already completed before). One query."""
    history = Action.history.model.objects
    entries = (
        history.filter(**window)
        .annotate(before=previous_value(history.all(), "status"))
        .filter(
            Q(history_type="+")
            | Q(status=ActionStatus.COMPLETED)
            & (Q(before__isnull=True) | ~Q(before=ActionStatus.COMPLETED))
        )
        .select_related("history_user")
    )
    events = []
    for entry in entries:
        reason = entry.history_change_reason or ""
        if entry.history_type == "+":
            events.append(_event(entry, "action_created", entry.title, _("New action"), reason))
        if entry.status == ActionStatus.COMPLETED and entry.before != ActionStatus.COMPLETED:
            events.append(
                _event(entry, "action_completed", entry.title, _("Action completed"), reason)
            )
    return events


def _status_events(window: dict) -> list[ChangeEvent]:
    """Changes of the police and the independent status of recommendations. One query."""
    history = Recommendation.history.model.objects
    labels = dict(ImplementationStatus.choices)
    entries = (
        history.filter(history_type="~", **window)
        .annotate(
            police_before=previous_value(history.all(), "police_status"),
            independent_before=previous_value(history.all(), "independent_status"),
        )
        .filter(
            ~Q(police_status=F("police_before")) | ~Q(independent_status=F("independent_before"))
        )
        .select_related("history_user")
    )
    events = []
    for entry in entries:
        changes = (
            ("police_status", _("Status according to the police"), entry.police_before),
            ("independent_status", _("Independent status"), entry.independent_before),
        )
        for kind, label, before in changes:
            after = getattr(entry, kind)
            if before != after:
                detail = f"{label}: {labels.get(before, '—')} → {labels.get(after, '—')}"
                events.append(
                    _event(entry, kind, entry.code, detail, entry.history_change_reason or "")
                )
    return events


def _due_date_events(window: dict) -> list[ChangeEvent]:
    """Due dates moved, with their reasons. One query."""
    entries = DueDateChange.history.model.objects.filter(history_type="+", **window).select_related(
        "history_user", "action"
    )
    events = []
    for entry in entries:
        detail = _("Due date %(old)s → %(new)s") % {
            "old": entry.old_date.strftime("%d/%m/%Y") if entry.old_date else "—",
            "new": entry.new_date.strftime("%d/%m/%Y"),
        }
        events.append(_event(entry, "due_date", entry.action.title, detail, entry.reason))
    return events


def change_history(start: datetime, end: datetime) -> list[ChangeEvent]:
    """Changes between `start` and `end` (inclusive), oldest first, read from the history
    tables: actions created, actions completed, status changes of recommendations (police and
    independent) and due date changes with their reasons. Three queries."""
    window = {"history_date__gte": start, "history_date__lte": end}
    events = [*_action_events(window), *_status_events(window), *_due_date_events(window)]
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
    "id",
    "title",
    "description",
    "status",
    "progress",
    "start_date",
    "due_date",
    "completed_on",
    "budget",
    "partners",
)


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
    """The m2m rows recorded with the history `entries` (through a subquery: a list of ids
    grows with the data and meets SQLite's limit on query parameters)."""
    history_model = HistoricalRecords.m2m_models[model._meta.get_field(field_name)]
    return history_model.objects.filter(history__in=entries.values("history_id"))


def _updates_as_of(moment: datetime) -> dict[int, list[ProgressUpdateSnapshot]]:
    """Progress updates per action id, oldest first. One query."""
    updates = defaultdict(list)
    entries = (
        _as_of(ProgressUpdate, moment)
        .filter(date__lte=moment.date())
        .select_related("author")
        .order_by("date", "id")
    )
    for update in entries:
        author = update.author.get_full_name() if update.author else ""
        updates[update.action_id].append(ProgressUpdateSnapshot(update.date, update.text, author))
    return updates


def _actions_as_of(moment: datetime, action_entries: QuerySet) -> dict[int, ActionSnapshot]:
    """Actions per id, with their progress updates. Two queries; rows are read as values,
    not as historical model instances, which cost most of the time at scale."""
    labels = {value: str(label) for value, label in ActionStatus.choices}
    updates = _updates_as_of(moment)
    return {
        entry["id"]: ActionSnapshot(
            **entry,
            status_label=labels.get(entry["status"], entry["status"]),
            overdue=bool(
                entry["due_date"]
                and entry["due_date"] < moment.date()
                and entry["status"] not in CLOSED_STATUSES
            ),
            updates=updates[entry["id"]],
        )
        for entry in action_entries.values(*ACTION_SNAPSHOT_FIELDS)
    }


def _themes_as_of(moment: datetime) -> dict[int, dict]:
    """{theme id: {name, position}} as they stood at `moment`. One query over a small table.

    A theme recorded only after `moment` (reference data loaded later than the records it
    groups) keeps its first recorded name rather than none.
    """
    themes = {}
    for entry in Theme.history.order_by("history_date", "history_id").values(
        "id", "name", "position", "history_date"
    ):
        if entry["id"] not in themes or entry["history_date"] <= moment:
            themes[entry["id"]] = entry
    return themes


def _recommendation_snapshots(moment: datetime) -> dict[int, RecommendationSnapshot]:
    """Recommendations per id with their theme and steps as they stood. Three queries."""
    labels = {value: str(label) for value, label in ImplementationStatus.choices}
    themes = _themes_as_of(moment)
    entries = _as_of(Recommendation, moment)
    steps = defaultdict(list)
    step_rows = _m2m_as_of(Recommendation, "steps", entries).values_list(
        "recommendation_id", "frameworkstep__position", "frameworkstep__name"
    )
    for recommendation_id, position, name in step_rows:
        steps[recommendation_id].append((position, name))
    snapshots = {}
    for entry in entries:
        theme = themes.get(entry.theme_id, {"name": "", "position": 0})
        snapshots[entry.id] = RecommendationSnapshot(
            id=entry.id,
            code=entry.code,
            theme=theme["name"],
            theme_position=theme["position"],
            text=entry.text,
            steps=[name for _position, name in sorted(steps[entry.id])],
            police_status=entry.police_status,
            police_status_label=labels.get(entry.police_status, ""),
            independent_status=entry.independent_status,
            independent_status_label=labels.get(entry.independent_status, ""),
        )
    return snapshots


def recommendations_as_of(moment: datetime) -> list[RecommendationSnapshot]:
    """Recommendations with their statuses, actions and progress updates as they stood at
    `moment`, in theme and code order. Six queries."""
    snapshots = _recommendation_snapshots(moment)
    action_entries = _as_of(Action, moment)
    actions = _actions_as_of(moment, action_entries)
    links = _m2m_as_of(Action, "recommendations", action_entries).order_by("m2m_history_id")
    for recommendation_id, action_id in links.values_list("recommendation_id", "action_id"):
        if recommendation_id in snapshots and action_id in actions:
            snapshots[recommendation_id].actions.append(actions[action_id])
    for snapshot in snapshots.values():
        snapshot.actions.sort(key=lambda a: (a.due_date or date.max, a.title))
    return sorted(snapshots.values(), key=lambda s: (s.theme_position, s.code))

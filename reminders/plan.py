"""What reminders are due at a moment: read-only, the same answer however often it is asked.

Each planned reminder has its key (kind, recipient, record, occasion); `services.claim` writes
the keys not written yet, so running every hour sends each reminder once. Windows:

- assignment notice: someone else made the user responsible in the last ASSIGNMENT_DAYS;
- 14 days before a due date (from 14 to 2 days before), and 1 day before (the day before
  and the day itself), for open actions and for awaited evaluations;
- evaluation due: an ID check's window has ended and its evaluation is not overdue yet;
- weekly overdue digest: once per week (from Monday) to whoever has overdue work;
- council digest: once per month (from the first) to council members who asked for it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Model

from core.dates import first_of_month, local_date
from core.history import assignments_since
from core.roles import COUNCIL_MEMBER
from id_checks.models import Authorisation
from recommendations import selectors as recommendations
from recommendations.models import CLOSED_STATUSES, Action
from reminders.models import Kind, Profile
from reminders.selectors import AwaitedCheck, awaited_checks, profiles_of
from training import selectors as training

ASSIGNMENT_DAYS = 7
EARLY_REMINDER_DAYS = 14


@dataclass(frozen=True)
class Planned:
    kind: str
    recipient_id: int
    subject: Model | None
    occasion: date


def week_of(day: date) -> date:
    """The Monday of `day`'s week: the occasion of a weekly digest."""
    return day - timedelta(days=day.weekday())


def due_kind(due_on: date, today: date) -> str | None:
    days = (due_on - today).days
    if 0 <= days <= 1:
        return Kind.DUE_IN_1_DAY
    if 2 <= days <= EARLY_REMINDER_DAYS:
        return Kind.DUE_IN_14_DAYS
    return None


def _due_dates(today: date, checks: list[AwaitedCheck]) -> list[Planned]:
    planned = []
    horizon = today + timedelta(days=EARLY_REMINDER_DAYS)
    for action in recommendations.actions_due_by(horizon).filter(due_date__gte=today):
        kind = due_kind(action.due_date, today)
        planned.append(Planned(kind, action.responsible_id, action, action.due_date))
    for check in checks:
        kind = due_kind(check.due_on, today)
        # The evaluation-due notice, sent when the check ended, already names a near date.
        early = kind == Kind.DUE_IN_14_DAYS and local_date(check.ended_at) > (
            check.due_on - timedelta(days=EARLY_REMINDER_DAYS)
        )
        if kind and not early:
            authorisation = check.authorisation
            planned.append(
                Planned(kind, authorisation.evaluation_responsible_id, authorisation, check.due_on)
            )
    return planned


def _evaluations(today: date, checks: list[AwaitedCheck]) -> list[Planned]:
    return [
        Planned(
            Kind.EVALUATION_DUE,
            check.authorisation.evaluation_responsible_id,
            check.authorisation,
            check.due_on,
        )
        for check in checks
        if check.due_on >= today
    ]


def _assignments(now: datetime) -> list[Planned]:
    """Made responsible by someone else (or by a command) recently, and still responsible."""
    since = now - timedelta(days=ASSIGNMENT_DAYS)
    planned = []
    sources = (
        (Action.objects.exclude(status__in=CLOSED_STATUSES), "responsible"),
        (Authorisation.objects.all(), "evaluation_responsible"),
    )
    for records, field_name in sources:
        # The latest assignment of each record to each person (oldest first, so later wins).
        latest = {
            (assignment.record_id, assignment.assignee_id): assignment
            for assignment in assignments_since(records.model, field_name, since)
            if assignment.by_id != assignment.assignee_id
        }
        current = records.in_bulk({record_id for record_id, _user in latest})
        for (record_id, assignee_id), assignment in latest.items():
            record = current.get(record_id)
            if record is not None and getattr(record, f"{field_name}_id") == assignee_id:
                occasion = local_date(assignment.at)
                planned.append(Planned(Kind.ASSIGNED, assignee_id, record, occasion))
    return planned


def overdue_work(now: datetime) -> dict[int, int]:
    """{user id: number of overdue items}: actions past their due date, evaluations past
    theirs, sessions they led awaiting attendance. Four queries."""
    today = local_date(now)
    counts = defaultdict(int)
    for action in recommendations.actions_due_by(today - timedelta(days=1)):
        counts[action.responsible_id] += 1
    for check in awaited_checks(now):
        if check.due_on < today:
            counts[check.authorisation.evaluation_responsible_id] += 1
    for user_id, sessions in sessions_by_leader(now).items():
        counts[user_id] += len(sessions)
    return dict(counts)


def sessions_by_leader(now: datetime, user_ids=None) -> dict[int, list]:
    """{user id: sessions awaiting attendance they led}, through the staff records linked to
    their profiles (only `user_ids`' when given). Three queries."""
    profiles = Profile.objects.filter(staff_member__isnull=False)
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=user_ids)
    user_of = dict(profiles.values_list("staff_member_id", "user_id"))
    sessions = training.sessions_awaiting_attendance(now, list(user_of)).prefetch_related(
        "trainers"
    )
    found = defaultdict(list)
    for session in sessions:
        leaders = {session.supervisor_id, *(trainer.pk for trainer in session.trainers.all())}
        for user_id in {user_of[leader] for leader in leaders if leader in user_of}:
            found[user_id].append(session)
    return dict(found)


def _digests(now: datetime) -> list[Planned]:
    today = local_date(now)
    planned = [
        Planned(Kind.OVERDUE_DIGEST, user_id, None, week_of(today)) for user_id in overdue_work(now)
    ]
    council = get_user_model().objects.filter(groups__name=COUNCIL_MEMBER, is_active=True)
    month = first_of_month(today)
    planned += [
        Planned(Kind.COUNCIL_DIGEST, user_id, None, month)
        for user_id in council.values_list("pk", flat=True)
    ]
    return planned


def due_reminders(now: datetime) -> list[Planned]:
    """Every reminder due at `now` for a recipient who wants it and has an address, in a
    stable order. Whether it was sent already is for `services.claim` to find out."""
    today = local_date(now)
    checks = awaited_checks(now)
    planned = [
        *_assignments(now),
        *_due_dates(today, checks),
        *_evaluations(today, checks),
        *_digests(now),
    ]
    users = get_user_model().objects.in_bulk({item.recipient_id for item in planned})
    profiles = profiles_of(users)
    wanted = [
        item
        for item in planned
        if users[item.recipient_id].is_active
        and users[item.recipient_id].email
        and profiles[item.recipient_id].wants(item.kind)
    ]
    return sorted(
        set(wanted),
        key=lambda item: (
            item.kind,
            item.recipient_id,
            item.occasion,
            getattr(item.subject, "pk", 0),
        ),
    )

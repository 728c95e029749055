"""Reads of the reminders app: profiles, "Mijn werk", and the e-mails waiting to be sent.

"Mijn werk" reads each app through its own selectors, a fixed number of queries whatever
the number of records.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet

from core.dates import local_date
from id_checks import selectors as id_checks
from recommendations import selectors as recommendations
from reminders.models import Delivery, Profile, Status
from training import selectors as training

# "Mijn werk" lists actions due within this many days.
DUE_HORIZON_DAYS = 30


def profile_of(user) -> Profile:
    """The user's profile, or the defaults (unsaved) when they never saved one."""
    return Profile.objects.filter(user=user).select_related("staff_member").first() or Profile(
        user=user
    )


def profiles_of(user_ids: Iterable[int]) -> dict[int, Profile]:
    """Profiles by user id; users without one get the defaults (unsaved). One query."""
    ids = set(user_ids)
    found = {profile.user_id: profile for profile in Profile.objects.filter(user_id__in=ids)}
    return {user_id: found.get(user_id) or Profile(user_id=user_id) for user_id in ids}


def pending_deliveries() -> QuerySet[Delivery]:
    """E-mails claimed but not sent yet, oldest first."""
    return Delivery.objects.filter(status=Status.PENDING).order_by("id")


@dataclass
class AwaitedCheck:
    """An authorisation whose window ended: its execution record or evaluation is awaited."""

    authorisation: object
    ended_at: datetime
    due_on: date
    needs_execution: bool

    @property
    def form(self) -> str:
        return "id_checks:execution_edit" if self.needs_execution else "id_checks:evaluation_edit"


@dataclass
class MyWork:
    today: date
    due: list = field(default_factory=list)
    silent: list = field(default_factory=list)
    checks: list[AwaitedCheck] = field(default_factory=list)
    sessions: list = field(default_factory=list)
    has_staff_record: bool = False
    horizon_days: int = DUE_HORIZON_DAYS
    silent_days: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.due or self.silent or self.checks or self.sessions)


def awaited_checks(now: datetime, responsible=None) -> list[AwaitedCheck]:
    """Ended authorisations awaiting their execution record or evaluation. One query."""
    return [
        AwaitedCheck(
            authorisation=authorisation,
            ended_at=authorisation.extended_ends_at,
            due_on=id_checks.evaluation_due_on(authorisation.extended_ends_at),
            needs_execution=not authorisation.has_execution,
        )
        for authorisation in id_checks.awaiting_follow_up(now, responsible)
    ]


def my_work(user, now: datetime) -> MyWork:
    """What `user` answers for and should settle now. Five queries at most."""
    today = local_date(now)
    stale_days = settings.ACTION_UPDATE_STALE_DAYS
    staff_member = profile_of(user).staff_member
    work = MyWork(
        today=today,
        due=list(recommendations.actions_due_by(today + timedelta(days=DUE_HORIZON_DAYS), user)),
        silent=list(
            recommendations.actions_without_update_since(today - timedelta(days=stale_days), user)
        ),
        checks=awaited_checks(now, user),
        has_staff_record=staff_member is not None,
        silent_days=stale_days,
    )
    if staff_member is not None:
        work.sessions = list(training.sessions_awaiting_attendance(now, [staff_member]))
    return work

"""Records that make reminders due, relative to today."""

import datetime

from django.utils import timezone

from core.dates import today
from core.roles import COUNCIL_MEMBER, POLICE_STAFF
from reminders.models import Profile
from tests.conftest import make_user
from tests.factories import (
    ActionFactory,
    AuthorisationFactory,
    DecisionFactory,
    SessionFactory,
    StaffMemberFactory,
)


def person(username: str, role: str = POLICE_STAFF, *, language: str = "nl-be", **choices):
    """A user with an address at example.org and, when asked, a saved profile."""
    user = make_user(role, username)
    user.first_name, user.last_name = "Jan", f"Verantwoordelijke-{username}"
    user.email = f"{username}@example.org"
    user.save()
    if language != "nl-be" or choices:
        Profile.objects.create(user=user, language=language, **choices)
    return user


def council_member(username: str = "raadslid", **choices):
    return person(username, COUNCIL_MEMBER, **{"council_digest": True, **choices})


def action_due_in(days: int, responsible, **fields):
    return ActionFactory(
        responsible=responsible, due_date=today() + datetime.timedelta(days=days), **fields
    )


def ended_check(responsible, *, days_ago: int = 2, **fields):
    """A granted authorisation whose 8-hour window ended `days_ago` days ago."""
    starts_at = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(
        days=days_ago, hours=9
    )
    authorisation = AuthorisationFactory(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
        evaluation_responsible=responsible,
        **fields,
    )
    DecisionFactory(authorisation=authorisation)
    return authorisation


def led_session(user, **fields):
    """A session that took place a week ago, led by `user`'s staff record, no attendance."""
    trainer = StaffMemberFactory()
    Profile.objects.update_or_create(user=user, defaults={"staff_member": trainer})
    session = SessionFactory(**fields)
    session.trainers.set([trainer])
    return session

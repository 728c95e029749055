"""What is due when: each reminder's window, whom it goes to, and whom not."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from core.dates import first_of_month, local_date, today
from core.roles import ADMINISTRATOR
from recommendations import services as recommendation_services
from reminders.models import Kind
from reminders.plan import due_reminders, week_of
from tests.factories import ActionFactory, CompletionFactory
from tests.reminders.scenario import (
    action_due_in,
    council_member,
    ended_check,
    led_session,
    person,
)

pytestmark = pytest.mark.django_db


def planned(kind=None, recipient=None):
    return [
        item
        for item in due_reminders(timezone.now())
        if (kind is None or item.kind == kind)
        and (recipient is None or item.recipient_id == recipient.pk)
    ]


def kinds_for(record) -> set[str]:
    return {item.kind for item in planned() if item.subject == record}


@pytest.mark.parametrize(
    ("days", "kind"),
    [
        (15, None),
        (14, Kind.DUE_IN_14_DAYS),
        (2, Kind.DUE_IN_14_DAYS),
        (1, Kind.DUE_IN_1_DAY),
        (0, Kind.DUE_IN_1_DAY),
        (-1, None),
    ],
)
def test_an_action_gets_the_due_date_reminder_of_its_window(days, kind):
    agent = person("agent")
    action = action_due_in(days, agent)
    due = {item.kind for item in planned() if item.subject == action} - {Kind.ASSIGNED}
    assert due == ({kind} if kind else set())
    if kind:
        (item,) = [item for item in planned(kind) if item.subject == action]
        assert (item.recipient_id, item.occasion) == (agent.pk, action.due_date)


def test_closed_actions_and_actions_without_a_responsible_get_no_reminder():
    agent = person("agent")
    completed = action_due_in(3, agent, status="afgerond", progress=100, completed_on=today())
    nobody = action_due_in(3, None)
    assert not kinds_for(completed) and not kinds_for(nobody)


def test_being_made_responsible_by_someone_else_is_noticed_not_by_oneself():
    agent, colleague = person("agent"), person("collega")
    by_colleague = recommendation_services.action_create(
        action=ActionFactory.build(title="Door een collega", responsible=agent),
        recommendations=[ActionFactory().recommendations.first()],
        actor=colleague,
    )
    by_self = recommendation_services.action_create(
        action=ActionFactory.build(title="Zelf genomen", responsible=agent),
        recommendations=[ActionFactory().recommendations.first()],
        actor=agent,
    )
    assert Kind.ASSIGNED in kinds_for(by_colleague)
    assert Kind.ASSIGNED not in kinds_for(by_self)
    (notice,) = [item for item in planned(Kind.ASSIGNED) if item.subject == by_colleague]
    assert (notice.recipient_id, notice.occasion) == (agent.pk, today())


def test_a_reassigned_action_notifies_only_whoever_answers_for_it_now():
    first, second, lead = person("eerste"), person("tweede"), person("leiding")
    action = recommendation_services.action_create(
        action=ActionFactory.build(responsible=first),
        recommendations=[ActionFactory().recommendations.first()],
        actor=lead,
    )
    action.responsible = second
    recommendation_services.action_update(
        action=action, expected_version=action.version, actor=lead
    )
    notices = [item for item in planned(Kind.ASSIGNED) if item.subject == action]
    assert [item.recipient_id for item in notices] == [second.pk]


def test_an_ended_check_makes_its_evaluation_due_then_overdue(settings):
    agent = person("agent")
    recent = ended_check(agent, days_ago=2)
    late = ended_check(agent, days_ago=settings.ID_CHECK_EVALUATION_DUE_DAYS + 5)
    (notice,) = [item for item in planned(Kind.EVALUATION_DUE) if item.subject == recent]
    assert notice.occasion == local_date(recent.ends_at) + datetime.timedelta(
        days=settings.ID_CHECK_EVALUATION_DUE_DAYS
    )
    assert not kinds_for(late) - {Kind.ASSIGNED}
    (digest,) = planned(Kind.OVERDUE_DIGEST, agent)
    assert digest.subject is None and digest.occasion == week_of(today())


def test_the_evaluation_gets_its_day_before_reminder(settings):
    agent = person("agent")
    check = ended_check(agent, days_ago=settings.ID_CHECK_EVALUATION_DUE_DAYS - 1)
    assert {Kind.DUE_IN_1_DAY, Kind.EVALUATION_DUE} <= kinds_for(check)


def test_the_weekly_digest_goes_to_whoever_has_overdue_work_of_any_kind():
    with_action, with_session, idle = person("achter"), person("trainer"), person("bij")
    action_due_in(-3, with_action)
    action_due_in(5, idle)
    led_session(with_session)
    assert {item.recipient_id for item in planned(Kind.OVERDUE_DIGEST)} == {
        with_action.pk,
        with_session.pk,
    }


def test_a_session_with_attendance_or_cancelled_is_not_overdue():
    trainer = person("trainer")
    given = led_session(trainer)
    CompletionFactory(session=given, module=given.module)
    led_session(trainer, status="geannuleerd")
    assert planned(Kind.OVERDUE_DIGEST, trainer) == []


def test_council_members_who_asked_get_the_monthly_digest_once_a_month():
    asked = council_member("raadslid")
    council_member("stil", council_digest=False)
    person("agent", council_digest=True)
    (digest,) = planned(Kind.COUNCIL_DIGEST)
    assert (digest.recipient_id, digest.occasion) == (asked.pk, first_of_month(today()))


def test_nobody_gets_what_they_switched_off_or_without_an_address():
    switched_off = person(
        "uit", overdue_digest=False, due_date_reminders=False, assignment_notices=False
    )
    no_address = person("geenadres")
    no_address.email = ""
    no_address.save()
    inactive = person("weg", ADMINISTRATOR)
    for user in (switched_off, no_address, inactive):
        action_due_in(-2, user)
        action_due_in(1, user)
    inactive.is_active = False
    inactive.save()
    recipients = {item.recipient_id for item in planned()}
    assert not recipients & {switched_off.pk, no_address.pk, inactive.pk}


def test_settings_name_the_evaluation_period_and_the_silence():
    assert settings.ID_CHECK_EVALUATION_DUE_DAYS == 30
    assert settings.ACTION_UPDATE_STALE_DAYS == 60

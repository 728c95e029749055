import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import (
    CompletionFactory,
    ModuleFactory,
    ModulePrerequisiteFactory,
    SessionFactory,
    StaffMemberFactory,
    UnitFactory,
)
from training import services
from training.models import Completion, Module, Session, SessionFeedback

pytestmark = pytest.mark.django_db


def record(staff, module, on, police_user, **extra):
    return services.completion_record(
        staff=staff,
        module=module,
        completed_on=on,
        method=Completion.Method.ONLINE,
        actor=police_user,
        **extra,
    )


def test_a_completion_records_its_author_in_the_history(police_user):
    completion = record(
        StaffMemberFactory(), ModuleFactory(), datetime.date(2023, 5, 2), police_user
    )
    assert completion.recorded_by == police_user
    assert completion.history.get().history_user == police_user
    assert completion.period_number == 0


def test_a_second_completion_of_a_module_without_refresher_is_refused(police_user):
    staff, module = StaffMemberFactory(), ModuleFactory()
    record(staff, module, datetime.date(2022, 1, 10), police_user)
    with pytest.raises(ValidationError) as refused:
        record(staff, module, datetime.date(2023, 3, 1), police_user)
    assert "in deze geldigheidsperiode al gevolgd" in str(refused.value)
    assert Completion.objects.count() == 1


def test_the_database_refuses_a_duplicate_even_without_the_service():
    completion = CompletionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CompletionFactory(staff=completion.staff, module=completion.module)


def test_a_refresher_module_can_be_completed_again_in_the_next_period(police_user):
    staff, module = StaffMemberFactory(), ModuleFactory(refresher_months=24)
    first = record(staff, module, datetime.date(2021, 3, 1), police_user)
    second = record(staff, module, datetime.date(2023, 3, 1), police_user)
    assert second.period_number == first.period_number + 1


def test_a_completion_date_in_the_future_is_refused(police_user):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        record(StaffMemberFactory(), ModuleFactory(), tomorrow, police_user)
    assert refused.value.message_dict["completed_on"] == [
        "De voltooiingsdatum ligt in de toekomst."
    ]


def test_a_completion_before_its_prerequisite_is_flagged(police_user):
    link = ModulePrerequisiteFactory()
    staff = StaffMemberFactory()
    early = record(staff, link.module, datetime.date(2023, 1, 5), police_user)
    record(staff, link.required, datetime.date(2023, 2, 5), police_user)
    later = record(StaffMemberFactory(), link.required, datetime.date(2023, 1, 1), police_user)
    after = record(later.staff, link.module, datetime.date(2023, 3, 1), police_user)
    assert early.before_prerequisite is True
    assert after.before_prerequisite is False


def test_a_module_cannot_require_itself():
    module = ModuleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ModulePrerequisiteFactory(module=module, required=module)


def test_feedback_with_more_positive_answers_than_asked_is_refused(police_user):
    with pytest.raises(ValidationError) as refused:
        services.feedback_record(session=SessionFactory(), asked=20, positive=21, actor=police_user)
    assert "meer positieve antwoorden dan bevraagde personen" in str(refused.value)
    assert not SessionFeedback.objects.exists()


def test_an_intervision_session_needs_unit_and_supervisor(police_user):
    session = Session(
        module=ModuleFactory(kind=Module.Kind.INTERVISION),
        starts_at=timezone.now(),
        location="Zaal 1",
    )
    with pytest.raises(ValidationError) as refused:
        services.session_create(session=session, actor=police_user)
    assert set(refused.value.message_dict) == {"unit", "supervisor"}
    session.unit, session.supervisor = UnitFactory(), StaffMemberFactory()
    services.session_create(session=session, actor=police_user)
    assert session.history.get().history_user == police_user


def test_attendance_registers_everyone_and_marks_the_session_given(police_user):
    session = SessionFactory(status=Session.Status.PLANNED)
    people = StaffMemberFactory.create_batch(3)
    services.attendance_register(session=session, staff_members=people, actor=police_user)
    assert session.completions.count() == 3
    session.refresh_from_db()
    assert session.status == Session.Status.GIVEN
    assert set(session.completions.values_list("method", flat=True)) == {"sessie"}


def test_attendance_is_all_or_nothing_when_one_person_already_completed(police_user):
    session = SessionFactory()
    people = StaffMemberFactory.create_batch(3)
    CompletionFactory(staff=people[2], module=session.module)
    with pytest.raises(ValidationError) as refused:
        services.attendance_register(session=session, staff_members=people, actor=police_user)
    assert people[2].name in refused.value.messages[0]
    assert session.completions.count() == 0


def test_attendance_beyond_capacity_is_refused(police_user):
    session = SessionFactory(capacity=2)
    with pytest.raises(ValidationError) as refused:
        services.attendance_register(
            session=session, staff_members=StaffMemberFactory.create_batch(3), actor=police_user
        )
    assert "plaats voor 2 personen" in refused.value.messages[0]


def test_attendance_for_a_cancelled_session_is_refused(police_user):
    session = SessionFactory(status=Session.Status.CANCELLED)
    with pytest.raises(ValidationError) as refused:
        services.attendance_register(
            session=session, staff_members=[StaffMemberFactory()], actor=police_user
        )
    assert "geannuleerde sessie" in refused.value.messages[0]

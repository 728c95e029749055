"""Writes of the training app. Every function records its author in the history."""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.concurrency import save_versioned
from core.history import record_save
from training.models import (
    Completion,
    Module,
    Session,
    SessionFeedback,
    StaffMember,
)

BULK_BATCH_SIZE = 2000


def missing_prerequisites(*, staff: StaffMember, module: Module, on: date) -> list[Module]:
    """Prerequisite modules `staff` had not completed by `on`."""
    return list(
        Module.objects.filter(dependent_links__module=module).exclude(
            completions__staff=staff, completions__completed_on__lte=on
        )
    )


@transaction.atomic
def completion_save(completion: Completion, *, actor, at: datetime | None = None) -> Completion:
    """Validate and save a completion, deriving its validity period and prerequisite flag."""
    if completion.completed_on and completion.completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The completion date lies in the future.")})
    if completion.completed_on and completion.module_id:
        completion.period_number = completion.module.period_number(completion.completed_on)
        completion.before_prerequisite = bool(
            completion.staff_id
            and missing_prerequisites(
                staff=completion.staff, module=completion.module, on=completion.completed_on
            )
        )
    if completion.session_id and completion.session.module_id != completion.module_id:
        raise ValidationError({"session": _("This session was for another module.")})
    if completion.pk is None and completion.recorded_by_id is None:
        completion.recorded_by = actor
    return record_save(completion, actor=actor, at=at)


def completion_record(
    *,
    staff: StaffMember,
    module: Module,
    completed_on: date,
    method: str,
    session: Session | None = None,
    actor,
    at: datetime | None = None,
) -> Completion:
    completion = Completion(
        staff=staff, module=module, completed_on=completed_on, method=method, session=session
    )
    return completion_save(completion, actor=actor, at=at)


def _check_intervision(session: Session) -> None:
    if session.module_id and session.module.kind == Module.Kind.INTERVISION:
        errors = {}
        if session.unit_id is None:
            errors["unit"] = _("An intervision session names the unit of the team.")
        if session.supervisor_id is None:
            errors["supervisor"] = _("An intervision session names the supervisor who led it.")
        if errors:
            raise ValidationError(errors)


@transaction.atomic
def session_create(
    *, session: Session, trainers: Iterable[StaffMember] = (), actor, at=None
) -> Session:
    """Plan (or record) a session; intervision sessions need their unit and supervisor."""
    _check_intervision(session)
    record_save(session, actor=actor, at=at)
    session.trainers.set(trainers)
    return session


@transaction.atomic
def session_update(
    *, session: Session, trainers: Iterable[StaffMember], expected_version: int, actor
) -> Session:
    _check_intervision(session)
    save_versioned(session, expected_version=expected_version, actor=actor)
    session.trainers.set(trainers)
    return session


@transaction.atomic
def attendance_register(
    *, session: Session, staff_members: Iterable[StaffMember], actor, at=None
) -> list[Completion]:
    """Record the participants of a session: all of them or, on any refusal, none."""
    staff_members = list(staff_members)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("Attendance cannot be registered for a cancelled session."))
    attended_on = timezone.localdate(session.starts_at)
    if attended_on > timezone.localdate():
        raise ValidationError(_("Attendance can be registered once the session has taken place."))
    already = session.completions.count()
    if session.capacity and already + len(staff_members) > session.capacity:
        raise ValidationError(
            _("This session has room for %(capacity)s people; %(count)s would attend.")
            % {"capacity": session.capacity, "count": already + len(staff_members)}
        )
    completions = []
    for staff in staff_members:
        try:
            completions.append(
                completion_record(
                    staff=staff,
                    module=session.module,
                    completed_on=attended_on,
                    method=Completion.Method.SESSION,
                    session=session,
                    actor=actor,
                    at=at,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("%(staff)s: %(reason)s") % {"staff": staff, "reason": " ".join(error.messages)}
            ) from error
    if session.status == Session.Status.PLANNED:
        session.status = Session.Status.GIVEN
        save_versioned(session, expected_version=session.version, actor=actor)
    return completions


@transaction.atomic
def feedback_record(*, session: Session, asked: int, positive: int, actor, at=None):
    """Aggregate participant feedback of a session (counts only)."""
    feedback = SessionFeedback.objects.filter(session=session).first() or SessionFeedback(
        session=session
    )
    feedback.asked, feedback.positive = asked, positive
    return record_save(feedback, actor=actor, at=at)


@transaction.atomic
def completions_bulk_create(completions: list[Completion], *, actor, reason: str = "") -> int:
    """Insert already validated completions with their history rows, in batches.

    For imports and demo data: the caller derived period and prerequisite flag and checked
    the rules; the unique constraint still refuses duplicates (the whole batch rolls back).
    A completion's `_history_date` backdates its history row.
    """
    for completion in completions:
        completion.recorded_by = completion.recorded_by or actor
    bulk_create_with_history(
        completions, Completion, batch_size=BULK_BATCH_SIZE, default_user=actor,
        default_change_reason=reason or None,
    )  # fmt: skip
    return len(completions)

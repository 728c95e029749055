"""Writes of the training app. Views, admin, the import, demo data and commands call these.

Each rule lives here once: the `check_*` functions and `before_prerequisite` are used by the
forms (police and admin) while they validate, by the writes before they save, and by the
import for every row.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core import dates
from core.concurrency import save_versioned
from core.history import record_delete, record_save
from training import summaries
from training.models import (
    Completion,
    Module,
    ModulePrerequisite,
    Session,
    SessionFeedback,
    StaffMember,
    TrainerQualification,
    Unit,
    UnitHeadcount,
)

BULK_BATCH_SIZE = 2000

ReferenceRecord = Unit | UnitHeadcount | ModulePrerequisite | TrainerQualification | SessionFeedback


@transaction.atomic
def reference_save(
    *, record: ReferenceRecord, actor, at: datetime | None = None
) -> ReferenceRecord:
    """Units, headcounts, prerequisites, trainer qualifications and session feedback
    (corrections in the admin): no rules beyond their model's."""
    record_save(record, actor=actor, at=at)
    _prerequisites_changed(record)
    return record


@transaction.atomic
def reference_delete(*, record: ReferenceRecord, actor) -> None:
    record_delete(record, actor=actor)
    _prerequisites_changed(record)


def _prerequisites_changed(record: ReferenceRecord) -> None:
    # Which modules are module 1 and 2 may have changed.
    if isinstance(record, ModulePrerequisite):
        summaries.refresh_states()


@transaction.atomic
def staff_member_save(
    *, staff_member: StaffMember, actor, at: datetime | None = None
) -> StaffMember:
    """A staff member created or changed; coverage follows their unit and active flag."""
    with summaries.kept([staff_member.pk]):
        record_save(staff_member, actor=actor, at=at)
    return staff_member


@transaction.atomic
def staff_member_delete(*, staff_member: StaffMember, actor) -> None:
    record_delete(staff_member, actor=actor)


@transaction.atomic
def staff_bulk_create(*, staff: list[StaffMember], actor) -> int:
    """Insert many staff records with their history rows (a national staff list, demo data);
    a member's `_history_date` backdates its history row."""
    bulk_create_with_history(staff, StaffMember, batch_size=BULK_BATCH_SIZE, default_user=actor)
    return len(staff)


# --- modules and sessions ----------------------------------------------------------------


@transaction.atomic
def module_create(
    *, module: Module, steps: Iterable = (), actor, at: datetime | None = None
) -> Module:
    return record_save(module, actor=actor, at=at, m2m={"steps": steps})


@transaction.atomic
def module_update(
    *, module: Module, steps: Iterable | None = None, expected_version: int, actor
) -> Module:
    fields = ("refresher_months", "kind", "mandatory")
    before = Module.objects.values_list(*fields).get(pk=module.pk)
    save_versioned(module, expected_version=expected_version, actor=actor, m2m={"steps": steps})
    if before != tuple(getattr(module, field) for field in fields):
        # How long a completion stays valid, which modules are module 1 and 2, or which
        # are counted per unit.
        summaries.refresh_states()
    return module


@transaction.atomic
def module_delete(*, module: Module, actor) -> None:
    record_delete(module, actor=actor)


def check_session(*, session: Session) -> None:
    """Intervision sessions name the unit of the team and the supervisor who led it."""
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
    *,
    session: Session,
    trainers: Iterable[StaffMember] = (),
    actor,
    at: datetime | None = None,
) -> Session:
    """Plan (or record) a session, with its trainers in the same history entry."""
    check_session(session=session)
    return record_save(session, actor=actor, at=at, m2m={"trainers": trainers})


@transaction.atomic
def session_update(
    *,
    session: Session,
    trainers: Iterable[StaffMember] | None = None,
    expected_version: int,
    actor,
) -> Session:
    check_session(session=session)
    return save_versioned(
        session, expected_version=expected_version, actor=actor, m2m={"trainers": trainers}
    )


@transaction.atomic
def session_delete(*, session: Session, actor) -> None:
    record_delete(session, actor=actor)


@transaction.atomic
def feedback_record(
    *, session: Session, asked: int, positive: int, actor, at: datetime | None = None
) -> SessionFeedback:
    """Aggregate participant feedback of a session (counts only); recorded again, it
    replaces the earlier counts."""
    feedback = SessionFeedback.objects.filter(session=session).first() or SessionFeedback(
        session=session
    )
    feedback.asked, feedback.positive = asked, positive
    return record_save(feedback, actor=actor, at=at)


# --- completions -------------------------------------------------------------------------


def check_completion(
    *,
    completed_on: date | None,
    module_id: int | None,
    session_module_id: int | None = None,
    today: date | None = None,
) -> None:
    """Not completed in the future; a session named is one of the same module."""
    errors = {}
    if completed_on and completed_on > (today or dates.today()):
        errors["completed_on"] = _("The completion date lies in the future.")
    if session_module_id is not None and session_module_id != module_id:
        errors["session"] = _("This session was for another module.")
    if errors:
        raise ValidationError(errors)


def before_prerequisite(
    *, completed_on: date, required_ids: Iterable[int], first_completions: dict[int, date]
) -> bool:
    """Whether a completion came before one of its module's prerequisites: the staff member
    had no completion of a required module (`first_completions`: module id -> their first
    completion of it) on or before `completed_on`."""
    return any(
        first_completions.get(required) is None or first_completions[required] > completed_on
        for required in required_ids
    )


def _derive(completion: Completion) -> None:
    """The validity period and the prerequisite flag, from the records. Two queries."""
    module = completion.module
    completion.period_number = module.period_number(completion.completed_on)
    required = list(
        ModulePrerequisite.objects.filter(module=module).values_list("required_id", flat=True)
    )
    firsts = dict(
        Completion.objects.filter(staff=completion.staff_id, module__in=required)
        .values("module")
        .annotate(first=Min("completed_on"))
        .values_list("module", "first")
    )
    completion.before_prerequisite = before_prerequisite(
        completed_on=completion.completed_on, required_ids=required, first_completions=firsts
    )


def _checked(completion: Completion) -> Completion:
    check_completion(
        completed_on=completion.completed_on,
        module_id=completion.module_id,
        session_module_id=completion.session.module_id if completion.session_id else None,
    )
    if completion.completed_on and completion.module_id and completion.staff_id:
        _derive(completion)
    return completion


@transaction.atomic
def completion_create(*, completion: Completion, actor, at: datetime | None = None) -> Completion:
    """Record a completion; its validity period and prerequisite flag are derived."""
    completion.recorded_by = completion.recorded_by or actor
    with summaries.kept([completion.staff_id]):
        record_save(_checked(completion), actor=actor, at=at)
    return completion


@transaction.atomic
def completion_update(*, completion: Completion, actor) -> Completion:
    """A correction (administrators, in the admin); derived fields follow the new values."""
    before = Completion.objects.values_list("staff_id", flat=True).get(pk=completion.pk)
    with summaries.kept([before, completion.staff_id]):
        record_save(_checked(completion), actor=actor)
    return completion


@transaction.atomic
def completion_delete(*, completion: Completion, actor) -> None:
    with summaries.kept([completion.staff_id]):
        record_delete(completion, actor=actor)


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
    return completion_create(completion=completion, actor=actor, at=at)


@transaction.atomic
def attendance_register(
    *,
    session: Session,
    staff_members: Iterable[StaffMember],
    actor,
    at: datetime | None = None,
) -> list[Completion]:
    """Record the participants of a session: all of them or, on any refusal, none."""
    staff_members = list(staff_members)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("Attendance cannot be registered for a cancelled session."))
    attended_on = dates.local_date(session.starts_at)
    if attended_on > dates.today():
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
def completions_bulk_create(*, completions: list[Completion], actor, reason: str = "") -> int:
    """Insert completions checked by the import (`check_completion`, `before_prerequisite`)
    with their history rows, in batches; the unique constraint still refuses duplicates
    (the whole batch rolls back). A completion's `_history_date` backdates its history row.
    """
    for completion in completions:
        completion.recorded_by = completion.recorded_by or actor
    with summaries.kept(completion.staff_id for completion in completions):
        bulk_create_with_history(
            completions,
            Completion,
            batch_size=BULK_BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason or None,
        )
    return len(completions)

"""Writes of the recommendations app. Views, admin, demo data and commands all call these.

Each rule lives in a `check_*` function, which the forms (police and admin) run while they
validate and the writes run again before they save. `at` backdates the history entry of a
write; only the demo data uses it, to record events of the committee bundle at the dates
they happened.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from core.concurrency import save_versioned
from core.history import record_delete, record_save
from core.people import check_responsible
from core.uploads import validate_document
from recommendations.models import (
    Action,
    ActionStatus,
    DueDateChange,
    Evidence,
    FrameworkStep,
    ProgressUpdate,
    Recommendation,
    SourceReport,
    Theme,
)

ReferenceRecord = FrameworkStep | Theme | SourceReport


@transaction.atomic
def reference_save(
    *, record: ReferenceRecord, actor, at: datetime | None = None
) -> ReferenceRecord:
    """Themes, framework steps and source reports: no rules beyond their model's."""
    return record_save(record, actor=actor, at=at)


@transaction.atomic
def reference_delete(*, record: ReferenceRecord, actor) -> None:
    record_delete(record, actor=actor)


# --- recommendations -------------------------------------------------------------------------


def check_recommendation(*, recommendation: Recommendation) -> None:
    errors = {}
    if recommendation.source_id is None:
        errors["source"] = _("Choose the report the recommendation comes from.")
    if recommendation.independent_status and not recommendation.independent_assessor.strip():
        errors["independent_assessor"] = _("Say who made the independent assessment.")
    if errors:
        raise ValidationError(errors)


# The independent assessment: set only by an independent evaluator or an administrator.
INDEPENDENT_FIELDS = (
    "independent_status",
    "independent_assessor",
    "independent_motivation",
    "disagreement_note",
)
SET_INDEPENDENT_STATUS = "recommendations.set_independent_status"


def may_set_independent_status(actor) -> bool:
    return bool(actor is not None and actor.has_perm(SET_INDEPENDENT_STATUS))


def check_independent_assessment(*, recommendation: Recommendation, actor) -> None:
    """Separation of duties: whoever lacks the permission cannot change (or create with)
    an independent assessment, on any path (form, admin, import, command)."""
    if may_set_independent_status(actor):
        return
    stored = (
        Recommendation.objects.filter(pk=recommendation.pk).values(*INDEPENDENT_FIELDS).first()
        if recommendation.pk
        else None
    ) or dict.fromkeys(INDEPENDENT_FIELDS, "")
    if any(getattr(recommendation, name) != stored[name] for name in INDEPENDENT_FIELDS):
        raise PermissionDenied(
            _("Only an independent evaluator or an administrator sets the independent assessment.")
        )


@transaction.atomic
def recommendation_create(
    *,
    recommendation: Recommendation,
    steps: Iterable[FrameworkStep] = (),
    actor,
    at: datetime | None = None,
) -> Recommendation:
    check_recommendation(recommendation=recommendation)
    check_independent_assessment(recommendation=recommendation, actor=actor)
    return record_save(recommendation, actor=actor, at=at, m2m={"steps": steps})


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    steps: Iterable[FrameworkStep] | None = None,
    expected_version: int,
    actor,
    reason: str = "",
    at: datetime | None = None,
) -> Recommendation:
    """Save edited fields (statuses included) if nobody saved meanwhile; `steps` too when
    given, in the same history entry. Independent fields only with the permission."""
    check_recommendation(recommendation=recommendation)
    check_independent_assessment(recommendation=recommendation, actor=actor)
    return save_versioned(
        recommendation,
        expected_version=expected_version,
        actor=actor,
        reason=reason,
        at=at,
        m2m={"steps": steps},
    )


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, actor) -> None:
    record_delete(recommendation, actor=actor)


def recommendation_set_police_status(
    *,
    recommendation: Recommendation,
    status: str,
    motivation: str,
    expected_version: int,
    actor,
    at: datetime | None = None,
) -> Recommendation:
    recommendation.police_status = status
    recommendation.police_motivation = motivation.strip()
    return recommendation_update(
        recommendation=recommendation, expected_version=expected_version, actor=actor, at=at
    )


def recommendation_set_independent_status(
    *,
    recommendation: Recommendation,
    status: str,
    assessor: str,
    motivation: str,
    disagreement_note: str,
    expected_version: int,
    actor,
    at: datetime | None = None,
) -> Recommendation:
    recommendation.independent_status = status
    recommendation.independent_assessor = assessor.strip()
    recommendation.independent_motivation = motivation.strip()
    recommendation.disagreement_note = disagreement_note.strip()
    return recommendation_update(
        recommendation=recommendation, expected_version=expected_version, actor=actor, at=at
    )


# --- actions --------------------------------------------------------------------------------


def due_date_editable(action: Action) -> bool:
    """A due date is typed once; after that it moves only with a reason
    (`action_change_due_date`), so that slippage is kept and counted."""
    return action.pk is None or stored_due_date(action) is None


def stored_due_date(action: Action) -> date | None:
    return Action.objects.values_list("due_date", flat=True).get(pk=action.pk)


def check_action(*, action: Action, recommendations: Iterable[Recommendation] | None) -> None:
    """At least one recommendation; a set due date does not move here; the responsible
    person is police staff or an administrator. `recommendations` None: unchanged."""
    errors = {}
    if recommendations is not None and not list(recommendations):
        errors["recommendations"] = _("Choose at least one recommendation this action serves.")
    if action.pk is not None:
        stored = stored_due_date(action)
        if stored is not None and action.due_date != stored:
            errors["due_date"] = _("Change the due date through “Change due date”, with a reason.")
    try:
        check_responsible(action.responsible, "responsible")
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_create(
    *,
    action: Action,
    recommendations: Iterable[Recommendation],
    actor,
    at: datetime | None = None,
) -> Action:
    recommendations = list(recommendations)
    check_action(action=action, recommendations=recommendations)
    return record_save(action, actor=actor, at=at, m2m={"recommendations": recommendations})


@transaction.atomic
def action_update(
    *,
    action: Action,
    recommendations: Iterable[Recommendation] | None = None,
    expected_version: int,
    actor,
    reason: str = "",
    at: datetime | None = None,
) -> Action:
    """Save edited fields of `action`; its recommendations too when given."""
    recommendations = None if recommendations is None else list(recommendations)
    check_action(action=action, recommendations=recommendations)
    return save_versioned(
        action,
        expected_version=expected_version,
        actor=actor,
        reason=reason,
        at=at,
        m2m={"recommendations": recommendations},
    )


@transaction.atomic
def action_delete(*, action: Action, actor) -> None:
    record_delete(action, actor=actor)


def action_set_status(
    *,
    action: Action,
    status: str,
    expected_version: int,
    actor,
    today: date | None = None,
    at: datetime | None = None,
) -> Action:
    """Move an action to `status`; completing sets progress 100 and the completion date
    (`today`, by default the date of the write)."""
    action.status = status
    if status == ActionStatus.COMPLETED:
        today = today or (dates.local_date(at) if at else dates.today())
        action.progress = 100
        action.completed_on = action.completed_on or today
    else:
        action.completed_on = None
    return action_update(action=action, expected_version=expected_version, actor=actor, at=at)


@transaction.atomic
def action_change_due_date(
    *,
    action: Action,
    new_date: date,
    reason: str,
    expected_version: int,
    actor,
    at: datetime | None = None,
) -> DueDateChange:
    """Move the due date; the old date and the reason are kept, so slippage can be counted."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for changing the due date.")})
    if new_date == action.due_date:
        raise ValidationError({"new_date": _("The new due date is the same as the current one.")})
    change = DueDateChange(
        action=action,
        old_date=action.due_date,
        new_date=new_date,
        reason=reason,
        changed_by=actor,
        changed_at=at or timezone.now(),
    )
    action.due_date = new_date
    try:
        save_versioned(
            action, expected_version=expected_version, actor=actor, reason=reason[:100], at=at
        )
    except ValidationError as error:
        # The action's rule (due after start) speaks of the field this form calls new_date.
        raise ValidationError({"new_date": error.messages}) from error
    record_save(change, actor=actor, at=at)
    return change


# --- progress updates and evidence ------------------------------------------------------


def check_progress_update(*, update: ProgressUpdate, today: date | None = None) -> None:
    today = today or dates.today()
    if update.date is None:
        return
    if update.date > today:
        raise ValidationError({"date": _("A progress update cannot be dated in the future.")})
    # An action being created in the same admin form has no start date to check yet.
    start = update.action.start_date if update.action_id else None
    if start and update.date < start:
        raise ValidationError(
            {"date": _("A progress update cannot be dated before the action started.")}
        )


@transaction.atomic
def progress_update_create(
    *, action: Action, on: date, text: str, actor, at: datetime | None = None
) -> ProgressUpdate:
    update = ProgressUpdate(action=action, date=on, text=text.strip(), author=actor)
    check_progress_update(update=update, today=dates.local_date(at) if at else None)
    return record_save(update, actor=actor, at=at)


@transaction.atomic
def progress_update_update(*, update: ProgressUpdate, actor) -> ProgressUpdate:
    """A correction (administrators, in the admin); the author stays who wrote it."""
    check_progress_update(update=update)
    return record_save(update, actor=actor)


@transaction.atomic
def progress_update_delete(*, update: ProgressUpdate, actor) -> None:
    record_delete(update, actor=actor)


def check_evidence(*, evidence: Evidence) -> None:
    """A new document must be what its name says (a link needs no check here)."""
    if evidence.document and not evidence.document._committed:
        try:
            validate_document(evidence.document)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from error


@transaction.atomic
def evidence_add(
    *,
    action: Action,
    title: str,
    url: str = "",
    document=None,
    actor,
    at: datetime | None = None,
) -> Evidence:
    evidence = Evidence(action=action, title=title.strip(), url=url, added_by=actor)
    if document is not None:
        evidence.document = document
    check_evidence(evidence=evidence)
    return record_save(evidence, actor=actor, at=at)


@transaction.atomic
def evidence_update(*, evidence: Evidence, actor) -> Evidence:
    check_evidence(evidence=evidence)
    return record_save(evidence, actor=actor)


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor) -> None:
    record_delete(evidence, actor=actor)

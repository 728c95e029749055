"""Writes of the ID-check records. Each step is checked against the steps before it.

Views, admin and demo data call these functions. The `check_*` functions hold the rules the
database cannot express (they read other records or the settings); the forms, police and
admin, run them while they validate, and the writes run them again before they save.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.concurrency import save_versioned
from core.history import record_delete, record_save
from core.people import check_responsible
from core.uploads import validate_document
from id_checks.models import (
    Authorisation,
    Decision,
    Evaluation,
    Execution,
    Extension,
    related_or_none,
)


def max_duration() -> timedelta:
    return timedelta(hours=settings.ID_CHECK_MAX_DURATION_HOURS)


def check_authorisation(*, authorisation: Authorisation) -> None:
    """End after start, and no longer than the maximum duration (extensions are separate);
    the officer responsible for the evaluation is police staff or an administrator."""
    check_responsible(authorisation.evaluation_responsible, "evaluation_responsible")
    starts, ends = authorisation.starts_at, authorisation.ends_at
    if starts and ends and ends <= starts:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if starts and ends and ends - starts > max_duration():
        raise ValidationError(
            {
                "ends_at": _(
                    "An authorisation lasts at most %(hours)s hours; record an extension "
                    "with its reason to go beyond."
                )
                % {"hours": settings.ID_CHECK_MAX_DURATION_HOURS}
            }
        )


def check_decision(*, decision: Decision) -> None:
    """A decision that the execution depends on cannot become a refusal."""
    execution = related_or_none(decision, "execution") if decision.pk else None
    if execution is not None and not decision.grants:
        raise ValidationError(
            {"outcome": _("An execution is recorded under this decision: it cannot be a refusal.")}
        )
    if decision.document and not decision.document._committed:
        try:
            validate_document(decision.document)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from error


def granted_decision(authorisation: Authorisation, field: str) -> Decision:
    decision = related_or_none(authorisation, "decision")
    if decision is None or not decision.grants:
        raise ValidationError({field: _("This needs a decision that grants the authorisation.")})
    return decision


def check_extension(*, extension: Extension) -> None:
    authorisation = extension.authorisation
    granted_decision(authorisation, "new_ends_at")
    previous_end = max(
        [authorisation.ends_at]
        + [e.new_ends_at for e in authorisation.extensions.exclude(pk=extension.pk)]
    )
    if extension.new_ends_at and extension.new_ends_at <= previous_end:
        raise ValidationError(
            {"new_ends_at": _("The new end must be after the current end of the authorisation.")}
        )


def check_execution(*, execution: Execution) -> None:
    """Only under a granted decision, and inside the (extended) authorised window."""
    decision = related_or_none(execution, "decision")
    if decision is None or not decision.grants:
        raise ValidationError(
            {"applied": _("An execution can only be recorded under a granted authorisation.")}
        )
    authorisation = decision.authorisation
    if execution.applied and execution.actual_starts_at and execution.actual_ends_at:
        if execution.actual_starts_at < authorisation.starts_at:
            raise ValidationError(
                {"actual_starts_at": _("The check cannot start before the authorised start.")}
            )
        if execution.actual_ends_at > authorisation.effective_ends_at:
            raise ValidationError(
                {
                    "actual_ends_at": _(
                        "The check cannot end after the authorised end; record an extension first."
                    )
                }
            )


def check_evaluation(*, evaluation: Evaluation) -> None:
    if related_or_none(evaluation, "execution") is None:
        raise ValidationError(
            {"evaluated_on": _("Record the execution (applied or not) before its evaluation.")}
        )


# --- authorisations ----------------------------------------------------------------------


@transaction.atomic
def authorisation_create(
    *, authorisation: Authorisation, actor, at: datetime | None = None
) -> Authorisation:
    """Record a request to the mayor."""
    check_authorisation(authorisation=authorisation)
    return record_save(authorisation, actor=actor, at=at)


@transaction.atomic
def authorisation_update(
    *, authorisation: Authorisation, expected_version: int, actor
) -> Authorisation:
    check_authorisation(authorisation=authorisation)
    return save_versioned(authorisation, expected_version=expected_version, actor=actor)


@transaction.atomic
def authorisation_delete(*, authorisation: Authorisation, actor) -> None:
    record_delete(authorisation, actor=actor)


# --- the steps after the request -------------------------------------------------------------


@transaction.atomic
def authorisation_decide(*, decision: Decision, actor, at: datetime | None = None) -> Decision:
    """Record the mayor's decision on a request."""
    check_decision(decision=decision)
    return record_save(decision, actor=actor, at=at)


@transaction.atomic
def decision_update(*, decision: Decision, expected_version: int, actor) -> Decision:
    check_decision(decision=decision)
    return save_versioned(decision, expected_version=expected_version, actor=actor)


@transaction.atomic
def decision_delete(*, decision: Decision, actor) -> None:
    record_delete(decision, actor=actor)


@transaction.atomic
def authorisation_extend(*, extension: Extension, actor, at: datetime | None = None) -> Extension:
    """Record an extension of a granted authorisation beyond its current end."""
    check_extension(extension=extension)
    return record_save(extension, actor=actor, at=at)


@transaction.atomic
def extension_update(*, extension: Extension, expected_version: int, actor) -> Extension:
    check_extension(extension=extension)
    return save_versioned(extension, expected_version=expected_version, actor=actor)


@transaction.atomic
def extension_delete(*, extension: Extension, actor) -> None:
    record_delete(extension, actor=actor)


@transaction.atomic
def execution_record(*, execution: Execution, actor, at: datetime | None = None) -> Execution:
    """Record whether a granted check was applied, with counts only."""
    check_execution(execution=execution)
    return record_save(execution, actor=actor, at=at)


@transaction.atomic
def execution_update(*, execution: Execution, expected_version: int, actor) -> Execution:
    check_execution(execution=execution)
    return save_versioned(execution, expected_version=expected_version, actor=actor)


@transaction.atomic
def execution_delete(*, execution: Execution, actor) -> None:
    record_delete(execution, actor=actor)


@transaction.atomic
def evaluation_record(*, evaluation: Evaluation, actor, at: datetime | None = None) -> Evaluation:
    """Record the debrief of an executed (or not applied) authorisation."""
    check_evaluation(evaluation=evaluation)
    return record_save(evaluation, actor=actor, at=at)


@transaction.atomic
def evaluation_update(*, evaluation: Evaluation, expected_version: int, actor) -> Evaluation:
    check_evaluation(evaluation=evaluation)
    return save_versioned(evaluation, expected_version=expected_version, actor=actor)


@transaction.atomic
def evaluation_delete(*, evaluation: Evaluation, actor) -> None:
    record_delete(evaluation, actor=actor)

"""Writes of the recommendations app. Views, admin, demo data and commands all call these.

`at` backdates the history entry of a write; only the demo data uses it, to record events of
the committee bundle at the dates they happened (see core.history.record_save).
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from core.concurrency import save_versioned
from core.history import record_save
from recommendations.models import (
    Action,
    ActionStatus,
    DueDateChange,
    Evidence,
    ProgressUpdate,
    Recommendation,
)


def _set_m2m(instance, field_name: str, values: Iterable) -> None:
    """Set an M2M field and list its values on the history entry of the save just made.

    django-simple-history would otherwise add a second entry, at the same moment, for the
    M2M change; `history.as_of()` would then return the record twice.
    """
    instance.skip_history_when_saving = True
    try:
        getattr(instance, field_name).set(values)
    finally:
        del instance.skip_history_when_saving
    field = instance._meta.get_field(field_name)
    history_model = HistoricalRecords.m2m_models[field]
    entry = instance.history.order_by("-history_date", "-history_id").first()
    history_model.objects.filter(history=entry).delete()
    through = field.remote_field.through
    rows = through.objects.filter(**{field.m2m_field_name(): instance})
    names = [f.attname for f in through._meta.fields]
    history_model.objects.bulk_create(
        history_model(history=entry, **{name: getattr(row, name) for name in names}) for row in rows
    )


def _save_versioned_with_m2m(instance, field_name, values, *, expected_version, actor, reason, at):
    """save_versioned, backdated to `at` if given; then the M2M values, if given."""
    if at is not None:
        instance._history_date = at
    save_versioned(instance, expected_version=expected_version, actor=actor, reason=reason)
    if values is not None:
        _set_m2m(instance, field_name, values)
    return instance


def _require_source(recommendation: Recommendation) -> None:
    if recommendation.source_id is None:
        raise ValidationError({"source": _("Choose the report the recommendation comes from.")})


@transaction.atomic
def recommendation_create(
    *, recommendation: Recommendation, steps: Iterable = (), actor, at: datetime | None = None
) -> Recommendation:
    _require_source(recommendation)
    record_save(recommendation, actor=actor, at=at)
    _set_m2m(recommendation, "steps", steps)
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    steps: Iterable | None = None,
    expected_version: int,
    actor,
    reason: str = "",
    at: datetime | None = None,
) -> Recommendation:
    """Save edited fields of `recommendation` (statuses included) if nobody saved meanwhile."""
    _require_source(recommendation)
    return _save_versioned_with_m2m(
        recommendation,
        "steps",
        steps,
        expected_version=expected_version,
        actor=actor,
        reason=reason,
        at=at,
    )


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
    if status and not assessor.strip():
        raise ValidationError(
            {"independent_assessor": _("Say who made the independent assessment.")}
        )
    recommendation.independent_status = status
    recommendation.independent_assessor = assessor.strip()
    recommendation.independent_motivation = motivation.strip()
    recommendation.disagreement_note = disagreement_note.strip()
    return recommendation_update(
        recommendation=recommendation, expected_version=expected_version, actor=actor, at=at
    )


def _check_action_recommendations(recommendations) -> list:
    recommendations = list(recommendations)
    if not recommendations:
        raise ValidationError(
            {"recommendations": _("Choose at least one recommendation this action serves.")}
        )
    return recommendations


@transaction.atomic
def action_create(
    *, action: Action, recommendations: Iterable, actor, at: datetime | None = None
) -> Action:
    recommendations = _check_action_recommendations(recommendations)
    record_save(action, actor=actor, at=at)
    _set_m2m(action, "recommendations", recommendations)
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    recommendations: Iterable | None = None,
    expected_version: int,
    actor,
    reason: str = "",
    at: datetime | None = None,
) -> Action:
    """Save edited fields of `action`. A set due date only moves through action_change_due_date."""
    stored_due = Action.objects.values_list("due_date", flat=True).get(pk=action.pk)
    if stored_due is not None and action.due_date != stored_due:
        raise ValidationError(
            {"due_date": _("Change the due date through “Change due date”, with a reason.")}
        )
    if recommendations is not None:
        recommendations = _check_action_recommendations(recommendations)
    return _save_versioned_with_m2m(
        action,
        "recommendations",
        recommendations,
        expected_version=expected_version,
        actor=actor,
        reason=reason,
        at=at,
    )


def action_set_status(
    *, action: Action, status: str, actor, today: date | None = None, at: datetime | None = None
) -> Action:
    """Move an action to `status`; completing sets progress 100 and the completion date.

    Used by the admin bulk action, on the version the admin just loaded.
    """
    action.status = status
    if status == ActionStatus.COMPLETED:
        action.progress = 100
        action.completed_on = action.completed_on or today or timezone.localdate()
    else:
        action.completed_on = None
    return action_update(action=action, expected_version=action.version, actor=actor, at=at)


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
    if at is not None:
        action._history_date = at
    try:
        save_versioned(action, expected_version=expected_version, actor=actor, reason=reason[:100])
    except ValidationError as error:
        # The action's rule (due after start) speaks of the field this form calls new_date.
        raise ValidationError({"new_date": error.messages}) from error
    record_save(change, actor=actor, at=at)
    return change


@transaction.atomic
def progress_update_create(
    *, action: Action, on: date, text: str, actor, at: datetime | None = None
) -> ProgressUpdate:
    today = timezone.localtime(at).date() if at else timezone.localdate()
    if on > today:
        raise ValidationError({"date": _("A progress update cannot be dated in the future.")})
    if action.start_date and on < action.start_date:
        raise ValidationError(
            {"date": _("A progress update cannot be dated before the action started.")}
        )
    update = ProgressUpdate(action=action, date=on, text=text.strip(), author=actor)
    return record_save(update, actor=actor, at=at)


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
    return record_save(evidence, actor=actor, at=at)

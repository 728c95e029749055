"""Writes that leave exactly one attributable entry in the history (django-simple-history),
and the change history of records as the detail pages show it.

Every model people change has `history = HistoricalRecords()`. Inside a request the
middleware names the author; services name it explicitly (`actor`), so changes made from
management commands, imports and the shell are attributed too.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from core.people import Attribution, names_a_person, person_name_fields


def record_save(
    instance,
    *,
    actor,
    reason: str = "",
    at: datetime | None = None,
    m2m: dict[str, Iterable | None] | None = None,
):
    """Validate and save `instance`, recording `actor` (a User or None) and `reason`, with
    the many-to-many values in `m2m` (field name -> values; None leaves a field as it is)
    on the same history entry.

    `at` backdates the history entry; only for loading records of past events (demo data),
    so that reports "as of" a past date see them.
    """
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    if at is not None:
        instance._history_date = at
    instance.save()
    for field_name, values in (m2m or {}).items():
        if values is not None:
            set_m2m(instance, field_name, values)
    return instance


def record_delete(instance, *, actor, reason: str = "") -> None:
    """Delete `instance`; its history keeps a last entry naming `actor`."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.delete()


def set_m2m(instance, field_name: str, values: Iterable) -> None:
    """Set an M2M field and list its values on the history entry of the save just made.

    django-simple-history would otherwise add a second entry, at the same moment, for the
    M2M change; `history.as_of()` would then return the record twice. For M2M fields the
    history does not track, the values are simply set.
    """
    field = instance._meta.get_field(field_name)
    history_model = HistoricalRecords.m2m_models.get(field)
    if history_model is None:
        getattr(instance, field_name).set(values)
        return
    instance.skip_history_when_saving = True
    try:
        getattr(instance, field_name).set(values)
    finally:
        del instance.skip_history_when_saving
    entry = instance.history.order_by("-history_date", "-history_id").first()
    history_model.objects.filter(history=entry).delete()
    through = field.remote_field.through
    rows = through.objects.filter(**{field.m2m_field_name(): instance})
    names = [f.attname for f in through._meta.fields]
    history_model.objects.bulk_create(
        history_model(history=entry, **{name: getattr(row, name) for name in names}) for row in rows
    )


def actor_name(entry) -> str:
    """Who made a history entry: full name, else username; "" when unknown."""
    user = entry.history_user
    return (user.get_full_name() or user.get_username()) if user else ""


@dataclass
class HistoryEntry:
    at: datetime
    actor: str
    kind: str  # +, ~ or - as in django-simple-history
    subject: str
    reason: str
    changes: list[tuple[str, object, object]]  # (field label, before, after)


def _display(model_field, value, related: dict, attribution: Attribution) -> object:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if model_field.is_relation:
        shown = related.get((model_field.related_model, value), value)
        if names_a_person(model_field.related_model) and not attribution.shows_names:
            return attribution.who(shown) if hasattr(shown, "get_username") else _("a person")
        return shown
    if model_field.name in person_name_fields(model_field.model) and not attribution.shows_names:
        return _("a person")
    return value


def _related_names(rows_by_model: dict) -> dict:
    """{(model, pk): str(obj)} for every related record named in the rows: one query per
    kind of related record."""
    wanted = defaultdict(set)
    for model, rows in rows_by_model.items():
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation:
                wanted[model_field.related_model] |= {getattr(r, model_field.attname) for r in rows}
    # Users stay objects, so that core.people can name them or give their role.
    return {
        (related_model, obj.pk): obj if names_a_person(related_model) else str(obj)
        for related_model, ids in wanted.items()
        for obj in related_model._default_manager.filter(pk__in=ids - {None})
    }


def _field_changes(before, row, tracked, related, attribution) -> list[tuple]:
    changes = []
    for model_field in tracked:
        old, new = getattr(before, model_field.attname), getattr(row, model_field.attname)
        if old != new:
            changes.append(
                (
                    str(model_field.verbose_name),
                    _display(model_field, old, related, attribution),
                    _display(model_field, new, related, attribution),
                )
            )
    return changes


def record_history(
    *sources: tuple[type, list[int]], viewer, hidden_fields: Iterable[str] = ()
) -> list[HistoryEntry]:
    """Every history entry of the given records (model, ids), newest first, each with the
    fields it changed compared with the record's previous entry (`hidden_fields` left out,
    for readers who may not see them). One query per model, plus one per kind of related
    record named in a change; who made each change as `viewer` may see it (core.people: a
    name, or a role, plus one query)."""
    attribution = Attribution(viewer)
    rows_by_model = {
        model: list(
            model.history.filter(id__in=ids)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        for model, ids in sources
    }
    related = _related_names(rows_by_model)
    attribution.prefetch(
        [row.history_user for rows in rows_by_model.values() for row in rows]
        + [obj for obj in related.values() if hasattr(obj, "get_username")]
    )
    entries = []
    for model, rows in rows_by_model.items():
        left_out = {"id", "version", *hidden_fields}
        tracked = [f for f in model._meta.concrete_fields if f.name not in left_out]
        previous = {}
        for row in rows:
            before = previous.get(row.id)
            previous[row.id] = row
            entries.append(
                HistoryEntry(
                    at=row.history_date,
                    actor=attribution.who(row.history_user),
                    kind=row.history_type,
                    subject=(
                        f"{model._meta.verbose_name}: {row.instance}"
                        if attribution.shows_names or not names_a_person(model)
                        else str(model._meta.verbose_name)
                    ),
                    reason=row.history_change_reason or "",
                    changes=(
                        _field_changes(before, row, tracked, related, attribution) if before else []
                    ),
                )
            )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def previous_value(history: QuerySet, field_name: str) -> Subquery:
    """The value `field_name` had in the history entry just before the outer one."""
    earlier = Q(history_date__lt=OuterRef("history_date")) | Q(
        history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")
    )
    return Subquery(
        history.filter(earlier, id=OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values(field_name)[:1]
    )


@dataclass(frozen=True)
class Assignment:
    record_id: int
    assignee_id: int
    at: datetime
    by_id: int | None


def assignments_since(model, field_name: str, since: datetime) -> list[Assignment]:
    """History entries from `since` on in which the foreign key `field_name` of a `model`
    record took a new value other than nothing (created with it, or changed to it), with
    who did it. One query."""
    attname = model._meta.get_field(field_name).attname
    history = model.history.model.objects
    entries = (
        history.filter(history_date__gte=since, **{f"{attname}__isnull": False})
        .exclude(history_type="-")
        .annotate(before=previous_value(history.all(), attname))
        .filter(Q(before__isnull=True) | ~Q(before=F(attname)))
        .order_by("history_date", "history_id")
        .values_list("id", attname, "history_date", "history_user_id")
    )
    return [Assignment(*entry) for entry in entries]

"""Optimistic concurrency: two people editing one record cannot overwrite each other.

A model that people edit through forms inherits `VersionedModel`. Its edit form carries the
version the user loaded (`VersionedFormMixin`); the app's service saves through
`save_versioned`, which locks the row, compares versions and refuses a stale save with
`StaleVersionError`. The view (`ConcurrencyGuardMixin`) turns that error into a Dutch
message that names who changed what, and lets the user resubmit against the new version.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.history import record_save


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by one on every save; guards against lost updates."),
    )

    class Meta:
        abstract = True


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    theirs: object


class StaleVersionError(Exception):
    """The record changed since the user loaded it."""

    def __init__(self, current, changes: list[FieldChange], changed_by, changed_at):
        self.current = current
        self.changes = changes
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(self.message())

    def message(self) -> str:
        who = str(self.changed_by) if self.changed_by else gettext("another user")
        when = (
            formats.date_format(localtime(self.changed_at), "SHORT_DATETIME_FORMAT")
            if self.changed_at
            else ""
        )
        return gettext(
            "Someone else changed this record while you were editing it (%(who)s, %(when)s). "
            "Your changes were not saved. Their changes are shown below; check them and "
            "save again if yours are still needed."
        ) % {"who": who, "when": when}


def _changes_since(current, expected_version: int) -> tuple[list[FieldChange], object, object]:
    """What changed between the version the user saw and the current row, from history."""
    history = getattr(current, "history", None)
    if history is None:
        return [], None, None
    latest = history.order_by("-history_date", "-history_id").first()
    seen = history.filter(version=expected_version).order_by("-history_date").first()
    if latest is None:
        return [], None, None
    changes = []
    if seen is not None:
        delta = latest.diff_against(seen, excluded_fields=["version"])
        for change in delta.changes:
            field = current._meta.get_field(change.field)
            value = getattr(current, change.field)
            if getattr(field, "choices", None):
                value = getattr(current, f"get_{change.field}_display")()
            changes.append(FieldChange(change.field, str(field.verbose_name), value))
    return changes, latest.history_user, latest.history_date


@transaction.atomic
def save_versioned(instance, *, expected_version: int, actor, reason: str = ""):
    """Validate and save `instance` if nobody saved a newer version meanwhile.

    Locks the row so two concurrent saves are serialised; the second one sees the first's
    version and is refused. `actor` is recorded as the author in the history.
    """
    model = type(instance)
    current = model._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        changes, changed_by, changed_at = _changes_since(current, expected_version)
        raise StaleVersionError(current, changes, changed_by, changed_at)
    instance.version = current.version + 1
    return record_save(instance, actor=actor, reason=reason)


class VersionedFormMixin(forms.Form):
    """Carries the version the user loaded through the round trip."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version
        else:
            # A new record has no version to guard.
            del self.fields["version"]


class ConcurrencyGuardMixin:
    """For create/update views whose `save(form)` calls the app's service.

    The service validates (and, for updates, uses `save_versioned`). A refused save shows
    the form again with the user's input and the reason: a stale save adds the other
    person's changes (`conflict` in the context) and carries the current version, so that a
    deliberate second save goes through. The view defines `save(form) -> instance`.
    """

    conflict: StaleVersionError | None = None

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except StaleVersionError as error:
            self.conflict = error
            data = form.data.copy()
            data["version"] = error.current.version
            form.data = data
            form.add_error(None, ValidationError(error.message(), code="stale"))
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        kwargs.setdefault("conflict", self.conflict)
        return super().get_context_data(**kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form's fields, or to the form as a whole."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)

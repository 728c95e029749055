"""Optimistic concurrency: two people editing one record cannot overwrite each other.

A model that people edit inherits `VersionedModel`. Its edit form, a police form or the
admin's, carries the version the user loaded (`VersionedFormMixin`), which is checked when
the form validates and again, under a row lock, when the app's service saves through
`save_versioned`. A stale save is refused with `StaleVersionError`; the form then shows who
changed what and carries the current version, so that a deliberate second save goes
through.
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

    def change_summary(self) -> str:
        """The other person's changes in one line, for pages without the conflict table."""
        if not self.changes:
            return gettext("The record was saved again without changes to the fields you see.")
        values = "; ".join(f"{change.label}: {change.theirs or '—'}" for change in self.changes)
        return gettext("Now saved: %(values)s") % {"values": values}


def _changes_since(current, expected_version: int) -> tuple[list[FieldChange], object, object]:
    """What changed between the version the user saw and the current row, from history."""
    history = current.history
    latest = history.order_by("-history_date", "-history_id").first()
    if latest is None:
        return [], None, None
    seen = history.filter(version=expected_version).order_by("-history_date").first()
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


def _stale(current, expected_version: int) -> StaleVersionError:
    return StaleVersionError(current, *_changes_since(current, expected_version))


def check_version(model, pk, expected_version: int) -> None:
    """Refuse, before any work, a form loaded from an older version (no lock: the save
    checks again under a lock)."""
    current = model._default_manager.get(pk=pk)
    if current.version != expected_version:
        raise _stale(current, expected_version)


@transaction.atomic
def save_versioned(instance, *, expected_version: int, actor, reason: str = "", at=None, m2m=None):
    """Validate and save `instance` (as `record_save` does) if nobody saved a newer version
    meanwhile.

    Locks the row so two concurrent saves are serialised; the second one sees the first's
    version and is refused.
    """
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise _stale(current, expected_version)
    instance.version = current.version + 1
    return record_save(instance, actor=actor, reason=reason, at=at, m2m=m2m)


class VersionedFormMixin(forms.Form):
    """Carries the version the user loaded through the round trip, and refuses the form
    when the record has a newer one (`conflict` then says what changed)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    conflict: StaleVersionError | None = None
    # The version the user is shown, when it is not the instance's own (a form that
    # restores an old version from the history edits the current one).
    loaded_version: int | None = None
    # Pages without the conflict table (the admin) list the other person's changes in the
    # error itself.
    summarise_conflict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new record has no version to guard.
        self.fields["version"].required = self.guards_version
        if self.guards_version:
            self.fields["version"].initial = self.loaded_version or self.instance.version

    @property
    def guards_version(self) -> bool:
        return self.instance.pk is not None

    def clean(self):
        cleaned_data = super().clean()
        expected = cleaned_data.get("version")
        if self.guards_version and expected is not None:
            try:
                check_version(type(self.instance), self.instance.pk, expected)
            except StaleVersionError as error:
                self.report_conflict(error)
        return cleaned_data

    def report_conflict(self, error: StaleVersionError) -> None:
        """Show the refusal and carry the current version for a deliberate second save."""
        self.conflict = error
        data = self.data.copy()
        data[self.add_prefix("version")] = error.current.version
        self.data = data
        self.add_error(None, ValidationError(error.message(), code="stale"))
        if self.summarise_conflict:
            self.add_error(None, ValidationError(error.change_summary(), code="stale"))


class ConcurrencyGuardMixin:
    """For form views whose `save(form)` calls the app's service.

    The form checks the rules and the version as it validates; the service checks again
    when it saves. A refused save shows the form again with the user's input and the
    reason (`conflict` in the context for a stale version). The view defines
    `save(form) -> instance`.
    """

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except StaleVersionError as error:
            form.report_conflict(error)
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        form = kwargs.get("form")
        kwargs.setdefault("conflict", getattr(form, "conflict", None))
        return super().get_context_data(**kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form's fields, or to the form as a whole."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)

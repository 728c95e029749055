"""Django admin that writes through the apps' services, like every other path.

A `ServiceAdmin` names its app's services in `writes` ({"create", "update", "delete"});
saving a record, its inlines (`ServiceInline`), deleting it and deleting a selection all go
through them, so the rules, the version check and the one history entry per change hold in
the admin too. Versioned records carry the version the administrator loaded: a save over
someone else's newer version is refused with what they changed.

The services take the record as the keyword `record_argument`, the administrator as
`actor`, an update of a versioned record also `expected_version`, and the many-to-many
fields named in `form_arguments` (saved with the record, in the same history entry).
Classes whose services differ override `create`, `update` or `delete`.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.concurrency import StaleVersionError, VersionedFormMixin, VersionedModel
from core.people import ResponsibleChoiceField


class ServiceWrites:
    """Where an admin class sends its writes."""

    writes: dict = {}
    record_argument = "record"
    form_arguments: tuple[str, ...] = ()

    def _write(self, kind: str, request, obj, **arguments):
        return self.writes[kind](**{self.record_argument: obj}, actor=request.user, **arguments)

    def _form_values(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in self.form_arguments}

    def create(self, request, obj, form) -> None:
        self._write("create", request, obj, **self._form_values(form))

    def update(self, request, obj, form) -> None:
        arguments = self._form_values(form)
        if isinstance(obj, VersionedModel):
            arguments["expected_version"] = form.cleaned_data["version"]
        self._write("update", request, obj, **arguments)

    def delete(self, request, obj) -> None:
        self._write("delete", request, obj)


class ServiceAdmin(ServiceWrites, SimpleHistoryAdmin):
    # Foreign keys to the user answering for a record: only police staff and administrators.
    responsible_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.responsible_fields:
            kwargs["form_class"] = ResponsibleChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not issubclass(self.model, VersionedModel):
            return super().get_form(request, obj, change, **kwargs)
        base = self.form
        if not issubclass(base, VersionedFormMixin):
            base = type(base.__name__, (VersionedFormMixin, base), {})
        # The history's "revert" form shows an old version of the record: the version the
        # administrator edits is the current one.
        current = (
            self.model._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
            if obj is not None
            else None
        )
        form = type(base.__name__, (base,), {"loaded_version": current, "summarise_conflict": True})
        return super().get_form(request, obj, change, form=form, **kwargs)

    def get_fields(self, request, obj=None):
        # The version is the form's hidden field, outside the fieldsets
        # (templates/admin/change_form.html), not an editable field of the model.
        return [name for name in super().get_fields(request, obj) if name != "version"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersionError:
            # Saved by someone else between this form's check and its save (everything was
            # rolled back): validated again, the form now shows what they changed.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        # The services save many-to-many values with the record, in one history entry.
        form.save_m2m = lambda: None
        return obj

    def save_model(self, request, obj, form, change):
        if change:
            self.update(request, obj, form)
        else:
            self.create(request, obj, form)

    def save_related(self, request, form, formsets, change):
        # The service saved the form's many-to-many values; only the inlines are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        inline = next(
            inline
            for inline in self.get_inline_instances(request, form.instance)
            if inline.model is formset.model
        )
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            inline.delete(request, obj)
        for obj in formset.new_objects:
            inline.create(request, obj, form)
        for obj, _changed in formset.changed_objects:
            inline.update(request, obj, form)

    def delete_model(self, request, obj):
        self.delete(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete(request, obj)


class ServiceInline(ServiceWrites, admin.TabularInline):
    """An inline whose records are written by services; `create` and `update` get the
    parent's form."""

    extra = 0

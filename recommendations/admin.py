from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.history import record_save
from recommendations import services
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

# Links typed without a scheme are taken as https (Django 6's default).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(FrameworkStep)
class FrameworkStepAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name", "code"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name"]
    search_fields = ["name"]


@admin.register(SourceReport)
class SourceReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "institutions", "published_on"]
    search_fields = ["title", "authors", "institutions"]
    formfield_overrides = HTTPS_LINKS


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "theme", "police_status", "independent_status", "target_date"]
    list_filter = ["theme", "steps", "police_status", "independent_status", "position", "source"]
    search_fields = ["code", "text"]
    list_select_related = ["theme"]
    filter_horizontal = ["steps"]
    autocomplete_fields = ["theme"]

    def save_model(self, request, obj, form, change):
        steps = form.cleaned_data.get("steps", [])
        if change:
            services.recommendation_update(
                recommendation=obj, steps=steps, expected_version=obj.version, actor=request.user
            )
        else:
            services.recommendation_create(recommendation=obj, steps=steps, actor=request.user)

    def save_related(self, request, form, formsets, change):
        # The service already saved the M2M fields, within the same history entry.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    fields = ["date", "text", "author"]
    readonly_fields = ["author"]
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["title", "url", "document", "added_by"]
    readonly_fields = ["added_by"]
    extra = 0
    formfield_overrides = HTTPS_LINKS


class DueDateChangeInline(admin.TabularInline):
    """Due dates move through the form with a reason; here they are only shown."""

    model = DueDateChange
    fields = ["old_date", "new_date", "reason", "changed_by", "changed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _set_status(status):
    def bulk_action(modeladmin, request, queryset):
        done = 0
        for action in queryset:
            try:
                services.action_set_status(action=action, status=status, actor=request.user)
            except ValidationError as error:
                modeladmin.message_user(
                    request, f"{action}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                done += 1
        modeladmin.message_user(
            request,
            ngettext("%(count)d action changed.", "%(count)d actions changed.", done)
            % {"count": done},
        )

    bulk_action.__name__ = f"set_status_{status}"
    bulk_action.short_description = _("Set status to “%(status)s”") % {
        "status": ActionStatus(status).label
    }
    return bulk_action


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "progress", "start_date", "due_date", "owner_unit"]
    list_filter = ["status", "owner_unit", "recommendations__theme"]
    search_fields = ["title", "description", "partners"]
    list_select_related = ["owner_unit"]
    filter_horizontal = ["recommendations"]
    inlines = [ProgressUpdateInline, EvidenceInline, DueDateChangeInline]
    actions = [_set_status(status) for status in ActionStatus.values]

    def get_readonly_fields(self, request, obj=None):
        # A set due date moves only with a reason (the due date change form).
        if obj is not None and obj.due_date:
            return ["due_date"]
        return []

    def save_model(self, request, obj, form, change):
        recommendations = form.cleaned_data.get("recommendations", [])
        if change:
            services.action_update(
                action=obj,
                recommendations=recommendations,
                expected_version=obj.version,
                actor=request.user,
            )
        else:
            services.action_create(action=obj, recommendations=recommendations, actor=request.user)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, ProgressUpdate) and instance.author_id is None:
                instance.author = request.user
            if isinstance(instance, Evidence) and instance.added_by_id is None:
                instance.added_by = request.user
            record_save(instance, actor=request.user)
        for instance in formset.deleted_objects:
            instance.delete()

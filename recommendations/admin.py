from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ServiceAdmin, ServiceInline
from recommendations import services
from recommendations.forms import (
    ActionRulesForm,
    EvidenceRulesForm,
    ProgressUpdateRulesForm,
    RecommendationRulesForm,
)
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


class ReferenceAdmin(ServiceAdmin):
    writes = {
        "create": services.reference_save,
        "update": services.reference_save,
        "delete": services.reference_delete,
    }


@admin.register(FrameworkStep)
class FrameworkStepAdmin(ReferenceAdmin):
    list_display = ["position", "name", "code"]


@admin.register(Theme)
class ThemeAdmin(ReferenceAdmin):
    list_display = ["position", "name"]
    search_fields = ["name"]


@admin.register(SourceReport)
class SourceReportAdmin(ReferenceAdmin):
    list_display = ["title", "institutions", "published_on"]
    search_fields = ["title", "authors", "institutions"]
    formfield_overrides = HTTPS_LINKS


@admin.register(Recommendation)
class RecommendationAdmin(ServiceAdmin):
    form = RecommendationRulesForm
    list_display = ["code", "theme", "police_status", "independent_status", "target_date"]
    list_filter = ["theme", "steps", "police_status", "independent_status", "position", "source"]
    search_fields = ["code", "text"]
    list_select_related = ["theme"]
    filter_horizontal = ["steps"]
    autocomplete_fields = ["theme"]

    def get_readonly_fields(self, request, obj=None):
        # Separation of duties: the independent assessment is not the police's to set.
        if services.may_set_independent_status(request.user):
            return ()
        return services.INDEPENDENT_FIELDS

    record_argument = "recommendation"
    form_arguments = ("steps",)
    writes = {
        "create": services.recommendation_create,
        "update": services.recommendation_update,
        "delete": services.recommendation_delete,
    }


class ProgressUpdateInline(ServiceInline):
    model = ProgressUpdate
    form = ProgressUpdateRulesForm
    fields = ["date", "text", "author"]
    readonly_fields = ["author"]

    def create(self, request, obj, form):
        services.progress_update_create(
            action=obj.action, on=obj.date, text=obj.text, actor=request.user
        )

    def update(self, request, obj, form):
        services.progress_update_update(update=obj, actor=request.user)

    def delete(self, request, obj):
        services.progress_update_delete(update=obj, actor=request.user)


class EvidenceInline(ServiceInline):
    model = Evidence
    form = EvidenceRulesForm
    fields = ["title", "url", "document", "added_by"]
    readonly_fields = ["added_by"]
    formfield_overrides = HTTPS_LINKS

    def create(self, request, obj, form):
        services.evidence_add(
            action=obj.action,
            title=obj.title,
            url=obj.url,
            document=obj.document or None,
            actor=request.user,
        )

    def update(self, request, obj, form):
        services.evidence_update(evidence=obj, actor=request.user)

    def delete(self, request, obj):
        services.evidence_delete(evidence=obj, actor=request.user)


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
                services.action_set_status(
                    action=action,
                    status=status,
                    expected_version=action.version,
                    actor=request.user,
                )
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
class ActionAdmin(ServiceAdmin):
    form = ActionRulesForm
    list_display = [
        "title",
        "status",
        "progress",
        "start_date",
        "due_date",
        "owner_unit",
        "responsible",
    ]
    list_filter = ["status", "owner_unit", "recommendations__theme"]
    responsible_fields = ("responsible",)
    search_fields = ["title", "description", "partners"]
    list_select_related = ["owner_unit", "responsible"]
    filter_horizontal = ["recommendations"]
    inlines = [ProgressUpdateInline, EvidenceInline, DueDateChangeInline]
    actions = [_set_status(status) for status in ActionStatus.values]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None or services.due_date_editable(obj) else ["due_date"]

    record_argument = "action"
    form_arguments = ("recommendations",)
    writes = {
        "create": services.action_create,
        "update": services.action_update,
        "delete": services.action_delete,
    }

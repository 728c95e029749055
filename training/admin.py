from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from training import services
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


class UnitHeadcountInline(admin.TabularInline):
    model = UnitHeadcount
    extra = 0


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    inlines = [UnitHeadcountInline]


@admin.register(UnitHeadcount)
class UnitHeadcountAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "date", "headcount"]
    list_filter = ["unit"]
    date_hierarchy = "date"


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    list_display = ["staff_number", "name", "unit", "active"]
    list_filter = ["unit", "active"]
    search_fields = ["staff_number", "name"]


class ModulePrerequisiteInline(admin.TabularInline):
    model = ModulePrerequisite
    fk_name = "module"
    extra = 0


@admin.register(Module)
class ModuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "mandatory", "refresher_months"]
    list_filter = ["kind", "mandatory"]
    search_fields = ["code", "name"]
    filter_horizontal = ["steps"]
    inlines = [ModulePrerequisiteInline]


@admin.register(ModulePrerequisite)
class ModulePrerequisiteAdmin(SimpleHistoryAdmin):
    list_display = ["module", "required"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["module", "starts_at", "location", "status", "unit"]
    list_filter = ["status", "module"]
    date_hierarchy = "starts_at"
    search_fields = ["location", "module__name"]
    autocomplete_fields = ["trainers", "supervisor"]


@admin.register(Completion)
class CompletionAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "module", "completed_on", "method", "before_prerequisite"]
    list_filter = ["module", "method", "before_prerequisite"]
    search_fields = ["staff__staff_number", "staff__name"]
    date_hierarchy = "completed_on"
    autocomplete_fields = ["staff", "session"]
    list_select_related = ["staff", "module"]

    def save_model(self, request, obj, form, change):
        # The validity period and the prerequisite flag are derived by the service.
        services.completion_save(obj, actor=request.user)


@admin.register(TrainerQualification)
class TrainerQualificationAdmin(SimpleHistoryAdmin):
    list_display = ["trainer", "module", "trained_by", "qualified_since"]
    list_filter = ["module"]
    autocomplete_fields = ["trainer"]


@admin.register(SessionFeedback)
class SessionFeedbackAdmin(SimpleHistoryAdmin):
    list_display = ["session", "asked", "positive"]

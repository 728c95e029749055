from django.contrib import admin

from core.admin import ServiceAdmin, ServiceInline
from training import services
from training.forms import CompletionRulesForm, SessionRulesForm
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

REFERENCE_WRITES = {
    "create": services.reference_save,
    "update": services.reference_save,
    "delete": services.reference_delete,
}


class ReferenceAdmin(ServiceAdmin):
    writes = REFERENCE_WRITES


class UnitHeadcountInline(ServiceInline):
    model = UnitHeadcount
    writes = REFERENCE_WRITES


@admin.register(Unit)
class UnitAdmin(ReferenceAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    inlines = [UnitHeadcountInline]


@admin.register(UnitHeadcount)
class UnitHeadcountAdmin(ReferenceAdmin):
    list_display = ["unit", "date", "headcount"]
    list_filter = ["unit"]
    date_hierarchy = "date"


@admin.register(StaffMember)
class StaffMemberAdmin(ServiceAdmin):
    list_display = ["staff_number", "name", "unit", "active"]
    list_filter = ["unit", "active"]
    search_fields = ["staff_number", "name"]
    record_argument = "staff_member"
    writes = {
        "create": services.staff_member_save,
        "update": services.staff_member_save,
        "delete": services.staff_member_delete,
    }


class ModulePrerequisiteInline(ServiceInline):
    model = ModulePrerequisite
    fk_name = "module"
    writes = REFERENCE_WRITES


@admin.register(Module)
class ModuleAdmin(ServiceAdmin):
    list_display = ["code", "name", "kind", "mandatory", "refresher_months"]
    list_filter = ["kind", "mandatory"]
    search_fields = ["code", "name"]
    filter_horizontal = ["steps"]
    inlines = [ModulePrerequisiteInline]

    record_argument = "module"
    form_arguments = ("steps",)
    writes = {
        "create": services.module_create,
        "update": services.module_update,
        "delete": services.module_delete,
    }


@admin.register(ModulePrerequisite)
class ModulePrerequisiteAdmin(ReferenceAdmin):
    list_display = ["module", "required"]


@admin.register(Session)
class SessionAdmin(ServiceAdmin):
    form = SessionRulesForm
    list_display = ["module", "starts_at", "location", "status", "unit"]
    list_filter = ["status", "module"]
    date_hierarchy = "starts_at"
    search_fields = ["location", "module__name"]
    autocomplete_fields = ["trainers", "supervisor"]

    record_argument = "session"
    form_arguments = ("trainers",)
    writes = {
        "create": services.session_create,
        "update": services.session_update,
        "delete": services.session_delete,
    }


@admin.register(Completion)
class CompletionAdmin(ServiceAdmin):
    form = CompletionRulesForm
    list_display = ["staff", "module", "completed_on", "method", "before_prerequisite"]
    list_filter = ["module", "method", "before_prerequisite"]
    search_fields = ["staff__staff_number", "staff__name"]
    date_hierarchy = "completed_on"
    autocomplete_fields = ["staff", "session"]
    list_select_related = ["staff", "module"]

    record_argument = "completion"
    writes = {
        "create": services.completion_create,
        "update": services.completion_update,
        "delete": services.completion_delete,
    }


@admin.register(TrainerQualification)
class TrainerQualificationAdmin(ReferenceAdmin):
    list_display = ["trainer", "module", "trained_by", "qualified_since"]
    list_filter = ["module"]
    autocomplete_fields = ["trainer"]


@admin.register(SessionFeedback)
class SessionFeedbackAdmin(ReferenceAdmin):
    list_display = ["session", "asked", "positive"]

from django.contrib import admin

from core.admin import ServiceAdmin
from id_checks import services
from id_checks.forms import (
    AuthorisationRulesForm,
    DecisionRulesForm,
    EvaluationRulesForm,
    ExecutionRulesForm,
    ExtensionRulesForm,
)
from id_checks.models import Authorisation, Decision, Evaluation, Execution, Extension


@admin.register(Authorisation)
class AuthorisationAdmin(ServiceAdmin):
    form = AuthorisationRulesForm
    list_display = ["reference", "kind", "area_name", "district", "starts_at", "ends_at"]
    list_filter = ["kind", "district", "requesting_unit"]
    search_fields = ["reference", "area_name", "district"]
    list_select_related = ["requesting_unit"]
    date_hierarchy = "starts_at"
    responsible_fields = ("evaluation_responsible",)
    record_argument = "authorisation"
    writes = {
        "create": services.authorisation_create,
        "update": services.authorisation_update,
        "delete": services.authorisation_delete,
    }


@admin.register(Decision)
class DecisionAdmin(ServiceAdmin):
    form = DecisionRulesForm
    list_display = ["authorisation", "outcome", "decided_on", "decided_by"]
    list_filter = ["outcome"]
    search_fields = ["authorisation__reference"]
    list_select_related = ["authorisation"]
    record_argument = "decision"
    writes = {
        "create": services.authorisation_decide,
        "update": services.decision_update,
        "delete": services.decision_delete,
    }


@admin.register(Extension)
class ExtensionAdmin(ServiceAdmin):
    form = ExtensionRulesForm
    list_display = ["authorisation", "new_ends_at", "decided_on"]
    search_fields = ["authorisation__reference"]
    list_select_related = ["authorisation"]
    record_argument = "extension"
    writes = {
        "create": services.authorisation_extend,
        "update": services.extension_update,
        "delete": services.extension_delete,
    }


@admin.register(Execution)
class ExecutionAdmin(ServiceAdmin):
    form = ExecutionRulesForm
    list_display = ["decision", "applied", "persons_checked", "actual_starts_at"]
    list_filter = ["applied"]
    search_fields = ["decision__authorisation__reference"]
    list_select_related = ["decision__authorisation"]
    record_argument = "execution"
    writes = {
        "create": services.execution_record,
        "update": services.execution_update,
        "delete": services.execution_delete,
    }


@admin.register(Evaluation)
class EvaluationAdmin(ServiceAdmin):
    form = EvaluationRulesForm
    list_display = ["execution", "evaluated_on", "communication_as_planned"]
    search_fields = ["execution__decision__authorisation__reference"]
    list_select_related = ["execution__decision__authorisation"]
    record_argument = "evaluation"
    writes = {
        "create": services.evaluation_record,
        "update": services.evaluation_update,
        "delete": services.evaluation_delete,
    }

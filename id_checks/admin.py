from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from id_checks import services
from id_checks.forms import rules_form
from id_checks.models import Authorisation, Decision, Evaluation, Execution, Extension


class VersionedAdmin(SimpleHistoryAdmin):
    """Corrections in admin obey the app's rules (`form`) and count as a new version, so
    that an edit form opened before them reports a conflict instead of overwriting."""

    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Authorisation)
class AuthorisationAdmin(VersionedAdmin):
    form = rules_form(services.check_authorisation)
    list_display = ["reference", "kind", "area_name", "district", "starts_at", "ends_at"]
    list_filter = ["kind", "district", "requesting_unit"]
    search_fields = ["reference", "area_name", "district"]
    list_select_related = ["requesting_unit"]
    date_hierarchy = "starts_at"


@admin.register(Decision)
class DecisionAdmin(VersionedAdmin):
    form = rules_form(services.check_decision)
    list_display = ["authorisation", "outcome", "decided_on", "decided_by"]
    list_filter = ["outcome"]
    search_fields = ["authorisation__reference"]
    list_select_related = ["authorisation"]


@admin.register(Extension)
class ExtensionAdmin(VersionedAdmin):
    form = rules_form(services.check_extension)
    list_display = ["authorisation", "new_ends_at", "decided_on"]
    search_fields = ["authorisation__reference"]
    list_select_related = ["authorisation"]


@admin.register(Execution)
class ExecutionAdmin(VersionedAdmin):
    form = rules_form(services.check_execution)
    list_display = ["decision", "applied", "persons_checked", "actual_starts_at"]
    list_filter = ["applied"]
    search_fields = ["decision__authorisation__reference"]
    list_select_related = ["decision__authorisation"]


@admin.register(Evaluation)
class EvaluationAdmin(VersionedAdmin):
    form = rules_form(services.check_evaluation)
    list_display = ["execution", "evaluated_on", "communication_as_planned"]
    search_fields = ["execution__decision__authorisation__reference"]
    list_select_related = ["execution__decision__authorisation"]

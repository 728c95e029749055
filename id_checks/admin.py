from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from id_checks import services
from id_checks.models import Authorisation, Decision, Evaluation, Execution, Extension


class ServiceRulesAdmin(SimpleHistoryAdmin):
    """Corrections in admin obey the same rules as the app's forms (`services.check_*`)."""

    rules = None
    readonly_fields = ["version"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        rules = self.rules

        class CheckedForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                if rules is not None and not self.errors:
                    try:
                        rules(self.instance)
                    except ValidationError as error:
                        self._update_errors(error)

        return CheckedForm

    def save_model(self, request, obj, form, change):
        # An admin correction is a new version: open edit forms then see it as a conflict.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Authorisation)
class AuthorisationAdmin(ServiceRulesAdmin):
    rules = staticmethod(services.check_authorisation)
    list_display = ["reference", "kind", "area_name", "district", "starts_at", "ends_at"]
    list_filter = ["kind", "district", "requesting_unit"]
    search_fields = ["reference", "area_name", "district"]
    list_select_related = ["requesting_unit"]
    date_hierarchy = "starts_at"


@admin.register(Decision)
class DecisionAdmin(ServiceRulesAdmin):
    rules = staticmethod(services.check_decision)
    list_display = ["authorisation", "outcome", "decided_on", "decided_by"]
    list_filter = ["outcome"]
    search_fields = ["authorisation__reference"]
    list_select_related = ["authorisation"]


@admin.register(Extension)
class ExtensionAdmin(ServiceRulesAdmin):
    rules = staticmethod(services.check_extension)
    list_display = ["authorisation", "new_ends_at", "decided_on"]
    search_fields = ["authorisation__reference"]
    list_select_related = ["authorisation"]


@admin.register(Execution)
class ExecutionAdmin(ServiceRulesAdmin):
    rules = staticmethod(services.check_execution)
    list_display = ["decision", "applied", "persons_checked", "actual_starts_at"]
    list_filter = ["applied"]
    search_fields = ["decision__authorisation__reference"]
    list_select_related = ["decision__authorisation"]


@admin.register(Evaluation)
class EvaluationAdmin(ServiceRulesAdmin):
    list_display = ["execution", "evaluated_on", "communication_as_planned"]
    search_fields = ["execution__decision__authorisation__reference"]
    list_select_related = ["execution__decision__authorisation"]

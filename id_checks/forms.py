import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance

from core.concurrency import VersionedFormMixin
from core.widgets import DateInput, DateTimeInput
from id_checks import services
from id_checks.models import (
    COUNT_FIELDS,
    Authorisation,
    Decision,
    Evaluation,
    Execution,
    Extension,
)


class RulesFormMixin:
    """Runs the service's rule check (`services.check_*`) while the form validates, so its
    errors land on their fields, and the database constraint on the same fields, which can
    only give a form-wide message, is skipped. The service checks again when it saves."""

    rules = None

    def clean(self):
        cleaned_data = super().clean()
        if self.rules is not None and not self.errors:
            candidate = construct_instance(
                self, copy.copy(self.instance), self._meta.fields, self._meta.exclude
            )
            try:
                # The model's field validators first: the rules assume plausible values.
                candidate.clean_fields(exclude=self._get_validation_exclusions())
                self.rules(candidate)
            except ValidationError as error:
                self._update_errors(error)
        return cleaned_data


def rules_form(check):
    """A plain ModelForm with a rule check: the base of the admin's forms."""
    return type("RulesForm", (RulesFormMixin, forms.ModelForm), {"rules": staticmethod(check)})


class AuthorisationForm(RulesFormMixin, VersionedFormMixin, forms.ModelForm):
    rules = staticmethod(services.check_authorisation)

    class Meta:
        model = Authorisation
        fields = [
            "reference",
            "kind",
            "requesting_unit",
            "requesting_officer",
            "ordering_officer",
            "area_name",
            "area_description",
            "district",
            "streets",
            "starts_at",
            "ends_at",
            "objective_grounds",
            "necessity",
            "alternatives",
            "communication_planned",
            "explanation_to_persons",
            "recommendation",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}


class DecisionForm(RulesFormMixin, VersionedFormMixin, forms.ModelForm):
    rules = staticmethod(services.check_decision)

    class Meta:
        model = Decision
        fields = ["outcome", "decided_on", "decided_by", "conditions", "document"]
        widgets = {"decided_on": DateInput()}


class ExtensionForm(RulesFormMixin, forms.ModelForm):
    rules = staticmethod(services.check_extension)

    class Meta:
        model = Extension
        fields = ["new_ends_at", "decided_on", "reason"]
        widgets = {"new_ends_at": DateTimeInput(), "decided_on": DateInput()}


class ExecutionForm(RulesFormMixin, VersionedFormMixin, forms.ModelForm):
    rules = staticmethod(services.check_execution)

    class Meta:
        model = Execution
        fields = [
            "applied",
            "reason_not_applied",
            "actual_starts_at",
            "actual_ends_at",
            *COUNT_FIELDS,
        ]
        widgets = {"actual_starts_at": DateTimeInput(), "actual_ends_at": DateTimeInput()}


class EvaluationForm(RulesFormMixin, VersionedFormMixin, forms.ModelForm):
    rules = staticmethod(services.check_evaluation)

    class Meta:
        model = Evaluation
        fields = ["evaluated_on", "debrief_notes", "communication_as_planned", "effect_observed"]
        widgets = {"evaluated_on": DateInput()}

"""Forms of the ID-check records; the `*RulesForm` classes are the admin's bases too."""

from django import forms

from core.concurrency import VersionedFormMixin
from core.forms import RulesFormMixin
from core.people import ResponsibleChoiceField
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


class AuthorisationRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_authorisation(authorisation=candidate)


class DecisionRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_decision(decision=candidate)


class ExtensionRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_extension(extension=candidate)


class ExecutionRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_execution(execution=candidate)


class EvaluationRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_evaluation(evaluation=candidate)


class AuthorisationForm(VersionedFormMixin, AuthorisationRulesForm):
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
            "evaluation_responsible",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}
        field_classes = {"evaluation_responsible": ResponsibleChoiceField}


class DecisionForm(VersionedFormMixin, DecisionRulesForm):
    class Meta:
        model = Decision
        fields = ["outcome", "decided_on", "decided_by", "conditions", "document"]
        widgets = {"decided_on": DateInput()}


class ExtensionForm(ExtensionRulesForm):
    class Meta:
        model = Extension
        fields = ["new_ends_at", "decided_on", "reason"]
        widgets = {"new_ends_at": DateTimeInput(), "decided_on": DateInput()}


class ExecutionForm(VersionedFormMixin, ExecutionRulesForm):
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


class EvaluationForm(VersionedFormMixin, EvaluationRulesForm):
    class Meta:
        model = Evaluation
        fields = ["evaluated_on", "debrief_notes", "communication_as_planned", "effect_observed"]
        widgets = {"evaluated_on": DateInput()}

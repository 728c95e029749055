"""Forms of the recommendations app; the `*RulesForm` classes are the admin's bases too."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.fields import KeyChoiceField, KeysChoiceField
from core.forms import RulesFormMixin
from core.people import ResponsibleChoiceField
from core.widgets import DateInput
from recommendations import services
from recommendations.models import Action, Evidence, ProgressUpdate, Recommendation

DATE_WIDGETS = {name: DateInput() for name in ("start_date", "due_date", "completed_on", "date")}


class RecommendationRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_recommendation(recommendation=candidate)


class ActionRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_action(
            action=candidate, recommendations=self.cleaned_data.get("recommendations")
        )


class ActionForm(ActionRulesForm):
    class Meta:
        model = Action
        fields = [
            "recommendations",
            "title",
            "description",
            "owner_unit",
            "responsible",
            "contact",
            "status",
            "start_date",
            "due_date",
            "completed_on",
            "progress",
            "budget",
            "partners",
        ]
        widgets = {**DATE_WIDGETS, "recommendations": forms.SelectMultiple(attrs={"size": 8})}
        field_classes = {
            "recommendations": KeysChoiceField,
            "owner_unit": KeyChoiceField,
            "responsible": ResponsibleChoiceField,
        }


class ActionUpdateForm(VersionedFormMixin, ActionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not services.due_date_editable(self.instance):
            del self.fields["due_date"]


class ProgressUpdateRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_progress_update(update=candidate)


class ProgressUpdateForm(ProgressUpdateRulesForm):
    class Meta:
        model = ProgressUpdate
        fields = ["date", "text"]
        widgets = DATE_WIDGETS


class EvidenceRulesForm(RulesFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    def check_rules(self, candidate):
        services.check_evidence(evidence=candidate)


class EvidenceForm(EvidenceRulesForm):
    class Meta:
        model = Evidence
        fields = ["title", "url", "document"]
        help_texts = {"document": _("PDF, image or office document; or give a link instead.")}


class DueDateChangeForm(VersionedFormMixin, forms.Form):
    """About an action (`instance`): the version is the action's."""

    new_date = forms.DateField(label=_("new due date"), widget=DateInput())
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea)

    def __init__(self, *args, instance: Action, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)


class PoliceStatusForm(VersionedFormMixin, RecommendationRulesForm):
    class Meta:
        model = Recommendation
        fields = ["police_status", "police_motivation"]


class IndependentStatusForm(VersionedFormMixin, RecommendationRulesForm):
    class Meta:
        model = Recommendation
        fields = [
            "independent_status",
            "independent_assessor",
            "independent_motivation",
            "disagreement_note",
        ]

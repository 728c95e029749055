from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.fields import KeyChoiceField, KeysChoiceField
from core.uploads import validate_document
from core.widgets import DateInput
from recommendations.models import Action, Evidence, ProgressUpdate, Recommendation

DATE_WIDGETS = {name: DateInput() for name in ("start_date", "due_date", "completed_on", "date")}


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "recommendations",
            "title",
            "description",
            "owner_unit",
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
        field_classes = {"recommendations": KeysChoiceField, "owner_unit": KeyChoiceField}


class ActionUpdateForm(VersionedFormMixin, ActionForm):
    """A set due date moves only with a reason, through DueDateChangeForm."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.due_date:
            del self.fields["due_date"]


class ProgressUpdateForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["date", "text"]
        widgets = DATE_WIDGETS


class EvidenceForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Evidence
        fields = ["title", "url", "document"]
        help_texts = {"document": _("PDF, image or office document; or give a link instead.")}

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            validate_document(document)
        return document


class DueDateChangeForm(forms.Form):
    """Carries the version of the action the user loaded."""

    new_date = forms.DateField(label=_("new due date"), widget=DateInput())
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PoliceStatusForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["police_status", "police_motivation"]


class IndependentStatusForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "independent_status",
            "independent_assessor",
            "independent_motivation",
            "disagreement_note",
        ]

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.dates import validate_plausible
from core.fields import KeyChoiceField, KeysChoiceField
from core.forms import RulesFormMixin
from core.widgets import DateInput, DateTimeInput
from training import services
from training.models import Completion, Module, Session, StaffMember, Unit


class StaffNumberField(forms.CharField):
    """A staff member entered by staff number (a list of every colleague would be unusable)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value):
        number = super().clean(value)
        if not number:
            return None
        member = StaffMember.objects.filter(staff_number=number.strip()).first()
        if member is None:
            raise forms.ValidationError(
                _("Unknown staff number “%(value)s”."), params={"value": number}, code="unknown"
            )
        return member


def trainer_choices():
    """Colleagues who are qualified trainers or gave sessions before."""
    return (
        StaffMember.objects.filter(
            Q(qualifications__isnull=False) | Q(sessions_given__isnull=False), active=True
        )
        .distinct()
        .order_by("name")
    )


class SessionRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_session(session=candidate)


class SessionForm(VersionedFormMixin, SessionRulesForm):
    class Meta:
        model = Session
        fields = [
            "module",
            "starts_at",
            "location",
            "trainers",
            "external_trainers",
            "capacity",
            "status",
        ]
        widgets = {"starts_at": DateTimeInput, "trainers": forms.CheckboxSelectMultiple}
        field_classes = {"trainers": KeysChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainer_choices()
        self.fields["module"].queryset = Module.objects.exclude(kind=Module.Kind.INTERVISION)


class IntervisionForm(SessionRulesForm):
    """An intervision moment: a supervisor with the team of a unit."""

    supervisor_number = StaffNumberField(
        label=capfirst(_("supervisor's staff number")),
        help_text=_("The supervisor who led the intervision."),
    )

    class Meta:
        model = Session
        fields = ["module", "starts_at", "location", "unit", "status"]
        widgets = {"starts_at": DateTimeInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(kind=Module.Kind.INTERVISION)
        self.fields["unit"].required = True
        self.fields["status"].initial = Session.Status.GIVEN

    def clean(self):
        self.instance.supervisor = self.cleaned_data.get("supervisor_number")
        return super().clean()


class CompletionRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_completion(
            completed_on=candidate.completed_on,
            module_id=candidate.module_id,
            session_module_id=candidate.session.module_id if candidate.session_id else None,
        )


class CompletionForm(CompletionRulesForm):
    # Capitalised as Django does the labels it takes from a model field.
    staff_number = StaffNumberField(label=capfirst(_("staff number")))

    class Meta:
        model = Completion
        fields = ["module", "completed_on", "method"]
        widgets = {"completed_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Imports go through the import page; a single record comes from a session or online.
        self.fields["method"].choices = [
            choice for choice in Completion.Method.choices if choice[0] != Completion.Method.IMPORT
        ]

    def clean(self):
        self.instance.staff = self.cleaned_data.get("staff_number")
        return super().clean()


class AttendanceForm(forms.Form):
    participants = KeysChoiceField(
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("participants"),
        help_text=_(
            "Tick everyone who attended. Colleagues who already completed the module "
            "in this validity period are not listed."
        ),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = candidates


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("export of the learning platform"),
        help_text=_(
            "CSV (UTF-8) or XLSX with the columns personeelsnummer, module, datum and "
            "optionally sessie (the session number)."
        ),
    )


class CoverageDateForm(forms.Form):
    """The coverage page's reference date (`?at=`), checked like every other date."""

    at = forms.DateField(required=False, validators=[validate_plausible])


class AttendanceUnitForm(forms.Form):
    """The attendance page's unit filter (`?unit=`): a wrong value shows every unit."""

    unit = KeyChoiceField(queryset=Unit.objects.all(), required=False)

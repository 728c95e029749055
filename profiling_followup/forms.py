from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import dates
from core.widgets import DateInput
from profiling_followup.periods import Preset
from recommendations.models import Theme


class PeriodForm(forms.Form):
    """A period between two dates, both optional; the end defaults to today."""

    start = forms.DateField(
        label=_("From"), required=False, widget=DateInput, validators=[dates.validate_plausible]
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=DateInput, validators=[dates.validate_plausible]
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period must not be before its start."))
        return cleaned


class DashboardFilterForm(PeriodForm):
    """Dates chosen by hand, or else the preset period kept in `period` (the presets are
    links above the form: profiling_followup.periods)."""

    period = forms.ChoiceField(choices=Preset.choices, required=False, widget=forms.HiddenInput)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All themes")
    )


class ChangesForm(PeriodForm):
    start = forms.DateField(
        label=_("Since"), widget=DateInput, validators=[dates.validate_plausible]
    )


class ReportDateForm(forms.Form):
    date = forms.DateField(
        label=_("Meeting date"), widget=DateInput, validators=[dates.validate_plausible]
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > dates.today():
            raise ValidationError(_("A report can only show the past: choose today or earlier."))
        return value

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiling_followup.periods import Preset
from profiling_followup.widgets import DateInput
from recommendations.models import Theme

# Records of the follow-up start with the circular CP 5 (7 July 2023); nothing before 2000
# is a plausible date here, and it keeps date arithmetic away from year 1.
EARLIEST_DATE = date(2000, 1, 1)


def check_plausible(value):
    if value is not None and not EARLIEST_DATE <= value <= timezone.localdate() + timedelta(
        days=3660
    ):
        raise ValidationError(_("Choose a date between 2000 and ten years from now."))
    return value


class PeriodForm(forms.Form):
    """A period between two dates, both optional; the end defaults to today."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def clean_start(self):
        return check_plausible(self.cleaned_data.get("start"))

    def clean_end(self):
        return check_plausible(self.cleaned_data.get("end"))

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
    start = forms.DateField(label=_("Since"), widget=DateInput)


class ReportDateForm(forms.Form):
    date = forms.DateField(label=_("Meeting date"), widget=DateInput)

    def clean_date(self):
        value = check_plausible(self.cleaned_data["date"])
        if value > timezone.localdate():
            raise ValidationError(_("A report can only show the past: choose today or earlier."))
        return value

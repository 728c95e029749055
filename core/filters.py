"""List filters that read as Dutch: "Alle thema's" rather than "---------", and yes/no
filters whose three choices say what they filter rather than "Onbekend / Ja / Nee"."""

import django_filters
from django import forms


def yes_no_filter(*, field_name: str, label, every, only_yes, only_no, **kwargs):
    """A filter on a yes/no field or annotation; `?<name>=true|false` as before, so links
    such as the dashboard's "overdue" figure keep working."""
    choices = [("", every), ("true", only_yes), ("false", only_no)]
    return django_filters.BooleanFilter(
        field_name=field_name, label=label, widget=forms.Select(choices=choices), **kwargs
    )


def name_the_empty_choices(filterset, empty_labels: dict) -> None:
    """Give each choice filter's empty option a name, e.g. {"theme": _("All themes")}.
    Call from a FilterSet's __init__, before its form is built."""
    for name, label in empty_labels.items():
        filterset.filters[name].extra["empty_label"] = label

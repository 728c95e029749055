import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import DateInput
from id_checks.models import Authorisation, Status


class AuthorisationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        field_name="status_code", choices=Status.choices, label=_("status")
    )
    district = django_filters.AllValuesFilter(label=_("district"))
    applied = django_filters.BooleanFilter(
        field_name="decision__execution__applied", label=_("applied")
    )
    mine = django_filters.BooleanFilter(
        label=_("My authorisations"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Authorisation
        fields = {"kind": ["exact"], "starts_at": ["date__gte", "date__lte"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (("gte", _("start from")), ("lte", _("start until"))):
            date_filter = self.filters[f"starts_at__date__{name}"]
            date_filter.label = label
            date_filter.extra["widget"] = DateInput()

    def filter_mine(self, queryset, name, value):
        return queryset.filter(evaluation_responsible=self.request.user) if value else queryset

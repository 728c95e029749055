import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.filters import name_the_empty_choices, yes_no_filter
from core.widgets import DateInput
from id_checks.models import Authorisation, Status


class AuthorisationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        field_name="status_code",
        choices=Status.choices,
        label=capfirst(_("status")),
        empty_label=_("All statuses"),
    )
    district = django_filters.AllValuesFilter(
        label=capfirst(_("district")), empty_label=_("All districts")
    )
    applied = yes_no_filter(
        field_name="decision__execution__applied",
        label=capfirst(_("applied")),
        every=_("All authorisations"),
        only_yes=_("Only applied"),
        only_no=_("Only not applied"),
    )
    mine = django_filters.BooleanFilter(
        label=_("My authorisations"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Authorisation
        fields = {"kind": ["exact"], "starts_at": ["date__gte", "date__lte"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choices(self, {"kind": _("All kinds")})
        for name, label in (("gte", _("start from")), ("lte", _("start until"))):
            date_filter = self.filters[f"starts_at__date__{name}"]
            date_filter.label = capfirst(label)
            date_filter.extra["widget"] = DateInput()

    def filter_mine(self, queryset, name, value):
        return queryset.filter(evaluation_responsible=self.request.user) if value else queryset

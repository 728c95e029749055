import django_filters
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters.filterset import remote_queryset

from core.fields import KeysFilter, LongChoiceFilter
from core.filters import name_the_empty_choices, yes_no_filter
from recommendations.models import Action, Recommendation, Theme
from recommendations.selectors import in_theme
from training.models import Unit


def search(queryset, fields: tuple[str, ...], value: str):
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__icontains": value})
    return queryset.filter(query)


def units_with(related_name: str):
    """Only the units that appear in the list, not every unit of the zone."""

    used = Unit.objects.filter(pk=OuterRef("pk"), **{f"{related_name}__isnull": False})
    return lambda request: Unit.objects.filter(Exists(used))


class RecommendationFilter(django_filters.FilterSet):
    responsible_unit = LongChoiceFilter(
        queryset=units_with("recommendations"), label=capfirst(_("responsible unit"))
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    overdue = yes_no_filter(
        field_name="has_overdue",
        label=_("Overdue actions"),
        every=_("All recommendations"),
        only_yes=_("With overdue actions"),
        only_no=_("Without overdue actions"),
    )

    class Meta:
        model = Recommendation
        filter_overrides = {
            models.ManyToManyField: {
                "filter_class": KeysFilter,
                "extra": lambda field: {"queryset": remote_queryset(field)},
            }
        }
        fields = {
            "theme": ["exact"],
            "steps": ["exact"],
            "police_status": ["exact"],
            "independent_status": ["exact"],
            "responsible_unit": ["exact"],
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choices(
            self,
            {
                "theme": _("All themes"),
                "police_status": _("All statuses"),
                "independent_status": _("All statuses"),
                "responsible_unit": _("All units"),
            },
        )

    def filter_search(self, queryset, name, value):
        return search(queryset, ("code", "text", "position_reasoning"), value)


class ActionFilter(django_filters.FilterSet):
    # EXISTS rather than a join: without a DISTINCT, which made every page count compute
    # every row.
    recommendations__theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(),
        method="filter_theme",
        label=capfirst(_("theme")),
        empty_label=_("All themes"),
    )
    owner_unit = LongChoiceFilter(
        queryset=units_with("actions"), label=capfirst(_("owner unit")), empty_label=_("All units")
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    overdue = yes_no_filter(
        field_name="is_overdue",
        label=_("Overdue"),
        every=_("All actions"),
        only_yes=_("Only overdue actions"),
        only_no=_("No overdue actions"),
    )
    mine = django_filters.BooleanFilter(
        label=_("My actions"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Action
        fields = {
            "status": ["exact"],
            "owner_unit": ["exact"],
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choices(self, {"status": _("All statuses")})

    def filter_theme(self, queryset, name, value):
        return in_theme(queryset, value)

    def filter_search(self, queryset, name, value):
        return search(queryset, ("title", "description", "partners"), value)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(responsible=self.request.user) if value else queryset

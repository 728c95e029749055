import django_filters
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters.filterset import remote_queryset

from core.fields import KeysFilter, LongChoiceFilter
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
        queryset=units_with("recommendations"), label=_("responsible unit")
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    overdue = django_filters.BooleanFilter(field_name="has_overdue", label=_("Overdue"))

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

    def filter_search(self, queryset, name, value):
        return search(queryset, ("code", "text", "position_reasoning"), value)


class ActionFilter(django_filters.FilterSet):
    # EXISTS rather than a join: without a DISTINCT, which made every page count compute
    # every row.
    recommendations__theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), method="filter_theme", label=_("theme")
    )
    owner_unit = LongChoiceFilter(queryset=units_with("actions"), label=_("owner unit"))
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    overdue = django_filters.BooleanFilter(field_name="is_overdue", label=_("Overdue"))
    mine = django_filters.BooleanFilter(
        label=_("My actions"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Action
        fields = {
            "status": ["exact"],
            "owner_unit": ["exact"],
        }

    def filter_theme(self, queryset, name, value):
        return in_theme(queryset, value)

    def filter_search(self, queryset, name, value):
        return search(queryset, ("title", "description", "partners"), value)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(responsible=self.request.user) if value else queryset

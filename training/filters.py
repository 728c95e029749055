import django_filters
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.fields import LongChoiceFilter
from core.filters import name_the_empty_choices, yes_no_filter
from core.widgets import DateInput
from training.models import Completion, Session, StaffMember, Unit


class SessionFilter(django_filters.FilterSet):
    class Meta:
        model = Session
        fields = {"module": ["exact"], "status": ["exact"], "unit": ["exact"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choices(
            self,
            {"module": _("All modules"), "status": _("All statuses"), "unit": _("All units")},
        )


class CompletionFilter(django_filters.FilterSet):
    unit = LongChoiceFilter(
        field_name="staff__unit",
        queryset=Unit.objects.all(),
        label=capfirst(_("unit")),
        empty_label=_("All units"),
    )
    completed_from = django_filters.DateFilter(
        field_name="completed_on",
        lookup_expr="gte",
        label=capfirst(_("completed from")),
        widget=DateInput,
    )
    completed_until = django_filters.DateFilter(
        field_name="completed_on",
        lookup_expr="lte",
        label=capfirst(_("completed until")),
        widget=DateInput,
    )
    before_prerequisite = yes_no_filter(
        field_name="before_prerequisite",
        label=_("Order of the modules"),
        every=_("All completions"),
        only_yes=_("Only those before the prerequisite"),
        only_no=_("Only those after the prerequisite"),
    )

    class Meta:
        model = Completion
        fields = {"module": ["exact"], "method": ["exact"], "before_prerequisite": ["exact"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choices(self, {"module": _("All modules"), "method": _("All methods")})


class StaffFilter(django_filters.FilterSet):
    active = yes_no_filter(
        field_name="active",
        label=capfirst(_("active")),
        every=_("All staff"),
        only_yes=_("Only active staff"),
        only_no=_("Only staff no longer active"),
    )
    search = django_filters.CharFilter(
        method="search_staff", label=capfirst(_("staff number or name"))
    )

    class Meta:
        model = StaffMember
        fields = {"unit": ["exact"], "active": ["exact"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_empty_choices(self, {"unit": _("All units")})

    def search_staff(self, queryset, name, value):
        return queryset.filter(Q(staff_number__iexact=value) | Q(name__icontains=value))

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import LongChoiceFilter
from core.widgets import DateInput
from training.models import Completion, Session, StaffMember, Unit


class SessionFilter(django_filters.FilterSet):
    class Meta:
        model = Session
        fields = {"module": ["exact"], "status": ["exact"], "unit": ["exact"]}


class CompletionFilter(django_filters.FilterSet):
    unit = LongChoiceFilter(field_name="staff__unit", queryset=Unit.objects.all(), label=_("unit"))
    completed_from = django_filters.DateFilter(
        field_name="completed_on", lookup_expr="gte", label=_("completed from"), widget=DateInput
    )
    completed_until = django_filters.DateFilter(
        field_name="completed_on", lookup_expr="lte", label=_("completed until"), widget=DateInput
    )

    class Meta:
        model = Completion
        fields = {"module": ["exact"], "method": ["exact"], "before_prerequisite": ["exact"]}


class StaffFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="search_staff", label=_("staff number or name"))

    class Meta:
        model = StaffMember
        fields = {"unit": ["exact"], "active": ["exact"]}

    def search_staff(self, queryset, name, value):
        return queryset.filter(Q(staff_number__iexact=value) | Q(name__icontains=value))

import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.disclosure import Figures
from core.tables import DateTimeColumn, YesNoColumn
from training.disclosure import participants_key
from training.models import Completion, Session, StaffMember


class SessionTable(tables.Table):
    """No names: council members read this list too."""

    starts_at = DateTimeColumn(linkify=True, format="SHORT_DATETIME_FORMAT")
    attendance = tables.Column(verbose_name=_("participants"), attrs={"td": {"class": "number"}})

    class Meta:
        model = Session
        fields = ["starts_at", "module", "location", "status", "unit", "capacity", "attendance"]
        order_by = ["-starts_at"]

    @cached_property
    def shown(self) -> Figures:
        return Figures(self.request.user)

    def render_attendance(self, value, record):
        """Participants are people: through core.disclosure, on screen and in exports."""
        return self.shown.figure(participants_key(record.pk), value)

    value_attendance = render_attendance


class CompletionTable(tables.Table):
    staff_number = tables.Column(accessor="staff__staff_number", verbose_name=_("staff number"))
    name = tables.Column(accessor="staff__name", verbose_name=_("name"))
    unit = tables.Column(accessor="staff__unit", verbose_name=_("unit"))
    session = tables.Column(linkify=True)
    before_prerequisite = YesNoColumn()

    class Meta:
        model = Completion
        fields = [
            "staff_number",
            "name",
            "unit",
            "module",
            "completed_on",
            "method",
            "session",
            "before_prerequisite",
            "recorded_by",
        ]
        order_by = ["-completed_on"]


class StaffTable(tables.Table):
    completion_count = tables.Column(
        verbose_name=_("completions"), attrs={"td": {"class": "number"}}
    )

    class Meta:
        model = StaffMember
        fields = ["staff_number", "name", "unit", "active", "completion_count"]

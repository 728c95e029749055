import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.people import person_label
from recommendations.models import Action, Recommendation


def progress_bar(value) -> str:
    if value is None:
        return "—"
    return format_html(
        '<progress max="100" value="{0}">{0}%</progress> <span class="muted">{0}%</span>',
        round(value),
    )


def overdue_badge(count: int) -> str:
    return format_html('<span class="badge badge-bad">{}</span>', count) if count else "—"


class RecommendationTable(tables.Table):
    code = tables.Column(linkify=True)
    text = tables.Column(attrs={"td": {"class": "quote"}})
    steps = tables.ManyToManyColumn(verbose_name=_("framework steps"), orderable=False)
    progress = tables.Column(verbose_name=_("Progress"), attrs={"td": {"class": "number"}})
    action_count = tables.Column(verbose_name=_("Actions"), attrs={"td": {"class": "number"}})
    overdue_count = tables.Column(verbose_name=_("Overdue"), attrs={"td": {"class": "number"}})

    class Meta:
        model = Recommendation
        fields = [
            "code",
            "theme",
            "text",
            "steps",
            "police_status",
            "independent_status",
            "progress",
            "action_count",
            "overdue_count",
            "responsible_unit",
            "target_date",
        ]
        order_by = ["theme", "code"]

    def render_progress(self, value):
        return progress_bar(value)

    def value_progress(self, value):
        return None if value is None else round(value)

    def render_overdue_count(self, value):
        return overdue_badge(value)

    def value_overdue_count(self, value):
        return value

    def render_text(self, value):
        return value if len(value) <= 160 else f"{value[:157]}…"

    def value_text(self, value):
        return value


class ActionTable(tables.Table):
    """Views leave out `responsible` for readers who may not see names (sees_names)."""

    title = tables.Column(linkify=True)
    recommendations = tables.Column(
        verbose_name=_("Recommendations"), orderable=False, empty_values=()
    )
    progress = tables.Column(attrs={"td": {"class": "number"}})
    is_overdue = tables.BooleanColumn(verbose_name=_("Overdue"))
    slip_count = tables.Column(verbose_name=_("Due date moved"), attrs={"td": {"class": "number"}})
    responsible = tables.Column(
        verbose_name=_("Responsible"), order_by=("responsible__last_name", "responsible__username")
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "recommendations",
            "status",
            "progress",
            "start_date",
            "due_date",
            "is_overdue",
            "slip_count",
            "completed_on",
            "owner_unit",
            "responsible",
            "budget",
            "partners",
        ]
        order_by = ["due_date"]

    def render_recommendations(self, record):
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((r.get_absolute_url(), r.code) for r in record.recommendations.all()),
        )

    def value_recommendations(self, record):
        return ", ".join(r.code for r in record.recommendations.all())

    def render_progress(self, value):
        return progress_bar(value)

    def value_progress(self, value):
        return value

    def render_responsible(self, value):
        return person_label(value)

    value_responsible = render_responsible

    def render_is_overdue(self, value):
        return format_html('<span class="overdue">{}</span>', _("overdue")) if value else "—"

    def value_is_overdue(self, value):
        return _("yes") if value else _("no")

"""`{% load committee_report %}`: `{% report_actions recommendation.actions %}` renders the
actions of a recommendation in the committee report (the `<li>` items of its list).

A report can list thousands of actions: each is one string format here instead of a dozen
template nodes, and labels and due dates are translated and formatted once per rendering.
"""

from html import escape

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


class _Labels:
    """What every action line shares, in the language of this rendering."""

    def __init__(self):
        self.overdue = format_html(' <span class="overdue">{}</span>', _("overdue"))
        self.partners = _("Partners")
        self.due_dates = {}

    def partners_line(self, partners: str) -> str:
        return format_html('<br><span class="muted">{}: {}</span>', self.partners, partners)

    def due(self, day) -> str:
        if day not in self.due_dates:
            short = date_format(day, "SHORT_DATE_FORMAT")
            self.due_dates[day] = format_html(", {}", _("due %(due)s") % {"due": short})
        return self.due_dates[day]


def _updates(updates) -> str:
    if not updates:
        return ""
    items = format_html_join(
        "",
        '<li><time datetime="{}">{}</time> {}</li>',
        (
            (
                date_format(update.date, "Y-m-d"),
                date_format(update.date, "SHORT_DATE_FORMAT"),
                linebreaksbr(update.text, autoescape=True),
            )
            for update in updates
        ),
    )
    return format_html('<ul class="timeline">{}</ul>', items)


@register.simple_tag(takes_context=True)
def report_actions(context, actions) -> str:
    """Title, status, progress, due date (and overdue), partners and progress updates of
    each action (recommendations.history.ActionSnapshot)."""
    labels = context.render_context.setdefault(_Labels, _Labels())
    # html.escape is what django.utils.html.escape does, without its wrapper for lazy
    # strings, called for every action.
    lines = [
        "<li><strong>{}</strong> — {}, {}%{}{}{}{}</li>\n".format(
            escape(action.title),
            escape(action.status_label),
            action.progress,
            labels.due(action.due_date) if action.due_date else "",
            labels.overdue if action.overdue else "",
            labels.partners_line(action.partners) if action.partners else "",
            _updates(action.updates),
        )
        for action in actions
    ]
    return mark_safe("".join(lines))  # noqa: S308 (every value above is escaped)

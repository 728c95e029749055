"""`{% load figures %}`: `{{ value|figure:user }}` for figures that describe people, and
`{{ share|share_percent }}` for a 0..1 share shown as a whole percentage."""

from django import template
from django.template.defaultfilters import floatformat

from core.figures import shown_figure

register = template.Library()


@register.filter
def figure(value, user):
    return shown_figure(value, user)


@register.filter
def share_percent(share):
    return "—" if share is None else f"{floatformat(share * 100, 0)}%"

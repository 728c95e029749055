"""`{% load figures %}` then `{{ value|figure:user }}` for figures that describe people."""

from django import template

from profiling_followup.figures import shown_figure

register = template.Library()


@register.filter
def figure(value, user):
    return shown_figure(value, user)

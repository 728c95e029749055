"""`{% load people %}`: `{{ user|who:attribution }}`, the name or the role of whoever made a
record, as the page's viewer may see it (core.people.Attribution)."""

from django import template

register = template.Library()


@register.filter
def who(user, attribution):
    return attribution.who(user)

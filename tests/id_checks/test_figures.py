"""The safety net for figures about people shown without a key (core.figures): exact for
police staff and administrators, hidden for everyone else unless 0 (fail closed); figures
with a key go through core.disclosure (tests/test_disclosure*.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from core.figures import shown_figure


@pytest.mark.django_db
def test_council_members_see_unkeyed_figures_hidden_and_police_staff_exact_ones(
    council_user, police_user, admin_user
):
    assert shown_figure(3, council_user) == "x"
    assert shown_figure(50, council_user) == "x"
    assert shown_figure(0, council_user) == 0
    assert shown_figure(3, AnonymousUser()) == "x"
    assert shown_figure(3, police_user) == 3
    assert shown_figure(3, admin_user) == 3


@pytest.mark.django_db
def test_the_template_filter_applies_the_same_rule(council_user, police_user):
    template = Template("{% load figures %}{{ value|figure:user }}")
    assert template.render(Context({"value": 2, "user": council_user})) == "x"
    assert template.render(Context({"value": 2, "user": police_user})) == "2"

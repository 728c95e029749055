"""Small-number suppression (profiling_followup/figures.py), reused by the dashboard."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from core.figures import shown_figure, suppressed


@pytest.mark.parametrize(
    ("value", "shown"), [(0, 0), (1, "< 5"), (4, "< 5"), (5, 5), (50, 50), (None, None)]
)
def test_figures_between_one_and_four_are_suppressed(value, shown):
    assert suppressed(value) == shown


@pytest.mark.django_db
def test_council_members_see_suppressed_figures_and_police_staff_exact_ones(
    council_user, police_user, admin_user
):
    assert shown_figure(3, council_user) == "< 5"
    assert shown_figure(0, council_user) == 0
    assert shown_figure(3, AnonymousUser()) == "< 5"
    assert shown_figure(3, police_user) == 3
    assert shown_figure(3, admin_user) == 3


@pytest.mark.django_db
def test_the_template_filter_applies_the_same_rule(council_user, police_user):
    template = Template("{% load figures %}{{ value|figure:user }}")
    assert template.render(Context({"value": 2, "user": council_user})) == "&lt; 5"
    assert template.render(Context({"value": 2, "user": police_user})) == "2"

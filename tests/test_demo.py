"""`manage.py load_demo`: accounts per role, and idempotent down to the history."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from core.roles import guarded_app_configs
from profiling_followup.demo import DEMO_ACCOUNTS


def row_counts() -> dict[str, int]:
    counts = {
        model._meta.label: model._default_manager.count()
        for config in guarded_app_configs()
        for model in config.get_models()
    }
    assert counts["recommendations.Recommendation"] > 0  # the demo was loaded
    return counts


@pytest.mark.django_db
def test_running_the_demo_twice_changes_nothing_not_even_the_history():
    call_command("load_demo", stdout=io.StringIO())
    first = row_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert row_counts() == first


@pytest.mark.django_db
def test_the_printed_demo_accounts_log_in_with_their_role():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    for username, password, role, *_ in DEMO_ACCOUNTS:
        assert f"{username:<12} {password:<24} {role}" in output.getvalue()
        user = authenticate(RequestFactory().post("/"), username=username, password=password)
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == [role]

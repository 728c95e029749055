import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from profiling_followup.roles import (
    ADMINISTRATOR,
    COUNCIL_MEMBER,
    DOMAIN_APPS,
    POLICE_STAFF,
    REPORT_APP,
    ROLES,
    expected_permissions,
)

GUARDED_APPS = (*DOMAIN_APPS, REPORT_APP)


@pytest.mark.django_db
def test_migrations_create_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_domain_model_gives_each_role_exactly_its_permissions(role):
    """Fails when a migration adds a model without re-running sync_role_permissions."""
    granted = set(
        Group.objects.get(name=role)
        .permissions.filter(content_type__app_label__in=GUARDED_APPS)
        .values_list("content_type__app_label", "codename")
    )
    wanted = {
        (model._meta.app_label, codename)
        for app_label in GUARDED_APPS
        for model in apps.get_app_config(app_label).get_models()
        for codename in expected_permissions(role, app_label, model._meta.model_name)
    }
    assert granted == wanted


def test_council_members_only_read_and_police_staff_never_delete():
    assert expected_permissions(COUNCIL_MEMBER, "recommendations", "recommendation") == {
        "view_recommendation"
    }
    assert expected_permissions(POLICE_STAFF, "recommendations", "recommendation") == {
        "view_recommendation",
        "add_recommendation",
        "change_recommendation",
    }
    assert "delete_recommendation" in expected_permissions(
        ADMINISTRATOR, "recommendations", "recommendation"
    )


def test_council_members_get_nothing_on_staff_personal_data():
    assert expected_permissions(COUNCIL_MEMBER, "training", "staffmember") == set()


@pytest.mark.django_db
def test_only_administrators_open_the_django_admin(role_clients):
    assert role_clients["admin"].get("/admin/").status_code == 200
    for role in ("police", "council", "anonymous"):
        response = role_clients[role].get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_status_alone_does_not_open_the_admin(client, police_user):
    police_user.is_staff = True
    police_user.save()
    client.force_login(police_user)
    assert client.get("/admin/").status_code == 302


def test_frozen_reports_are_read_by_all_and_written_once_by_administrators():
    for role in (POLICE_STAFF, COUNCIL_MEMBER):
        assert expected_permissions(role, REPORT_APP, "frozenreport") == {"view_frozenreport"}
    assert expected_permissions(ADMINISTRATOR, REPORT_APP, "frozenreport") == {
        "view_frozenreport",
        "add_frozenreport",
    }

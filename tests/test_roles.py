import pytest
from django.apps import apps
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from core.backends import RoleBackend
from core.roles import (
    ADMINISTRATOR,
    COUNCIL_MEMBER,
    POLICE_STAFF,
    ROLES,
    expected_permissions,
    guarded_app_configs,
    user_roles,
)
from tests.conftest import make_user

REPORT_APP = "profiling_followup"


def test_the_roles_guard_the_three_apps_and_the_reports():
    assert {config.label for config in guarded_app_configs()} == {
        "recommendations",
        "training",
        "id_checks",
        "reminders",
        REPORT_APP,
    }


@pytest.mark.django_db
def test_migrations_create_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_domain_model_gives_each_role_exactly_its_permissions(role):
    """Fails when a migration adds a model without re-running sync_role_permissions."""
    guarded_apps = [config.label for config in guarded_app_configs()]
    granted = set(
        Group.objects.get(name=role)
        .permissions.filter(content_type__app_label__in=guarded_apps)
        .values_list("content_type__app_label", "codename")
    )
    wanted = {
        (model._meta.app_label, codename)
        for app_label in guarded_apps
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


def fresh(user):
    """The user as a request loads it: nothing cached on the object yet."""
    return type(user).objects.get(pk=user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, None])
def test_role_backend_grants_exactly_what_model_backend_grants(role):
    user = make_user(role, "someone")
    user.user_permissions.add(Permission.objects.get(codename="view_user"))
    group_without_role = Group.objects.create(name="Werkgroep")
    group_without_role.permissions.add(Permission.objects.get(codename="add_group"))
    user.groups.add(group_without_role)

    expected = ModelBackend().get_all_permissions(fresh(user))
    assert {"auth.view_user", "auth.add_group"} <= expected
    assert RoleBackend().get_all_permissions(fresh(user)) == expected
    assert user_roles(fresh(user)) == ({role} if role else set())


@pytest.mark.django_db
def test_roles_and_permissions_of_a_request_cost_one_query(police_user, django_assert_num_queries):
    user = fresh(police_user)
    with django_assert_num_queries(1):
        assert user_roles(user) == {POLICE_STAFF}
        assert user.has_perm("recommendations.change_action")
        assert not user.has_perm("recommendations.delete_action")
        assert user.has_perms(["training.view_completion", "id_checks.add_authorisation"])


@pytest.mark.django_db
def test_inactive_users_and_superusers_keep_model_backend_rules(police_user):
    police_user.is_active = False
    police_user.save()
    assert not fresh(police_user).has_perm("recommendations.view_recommendation")
    superuser = make_user(None, "root")
    superuser.is_superuser = True
    superuser.save()
    assert RoleBackend().get_all_permissions(fresh(superuser)) == {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }

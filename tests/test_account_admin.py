"""What an administrator (Beheerder) may do with accounts, through the real admin URLs.

For every forbidden change: the field is absent from the form, and a crafted POST that
carries it anyway changes nothing.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from tests.conftest import make_user
from tests.html import form_data

pytestmark = pytest.mark.django_db

FORBIDDEN_FIELDS = ("is_superuser", "is_staff", "user_permissions", "groups")
STRONG = "lang-en-sterk-wachtwoord-42"


def can_log_in(username: str, password: str) -> bool:
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def change_url(user) -> str:
    return f"/admin/auth/user/{user.pk}/change/"


def submitted(client, user) -> dict:
    """The change form of `user` as the administrator's browser would send it."""
    response = client.get(change_url(user))
    assert response.status_code == 200
    return form_data(response.content.decode(), "user_form")


def crafted(data: dict) -> dict:
    """The form, plus every field an administrator may not set."""
    return {
        **data,
        "is_superuser": "on",
        "is_staff": "on",
        "user_permissions": [p.pk for p in Permission.objects.filter(codename="delete_user")],
        "groups": [Group.objects.get(name=ADMINISTRATOR).pk],
    }


def roles_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_the_account_forms_have_no_superuser_staff_permission_or_group_field(
    admin_client, police_user
):
    for url in ("/admin/auth/user/add/", change_url(police_user)):
        html = admin_client.get(url).content.decode()
        assert 'name="role"' in html
        for field in FORBIDDEN_FIELDS:
            assert f'name="{field}"' not in html, (url, field)


def test_a_crafted_post_cannot_make_anyone_superuser_or_grant_permissions(
    admin_client, police_user
):
    response = admin_client.post(
        change_url(police_user), crafted(submitted(admin_client, police_user))
    )
    assert response.status_code == 302
    police_user.refresh_from_db()
    assert not police_user.is_superuser and not police_user.is_staff
    assert not police_user.user_permissions.exists()
    assert roles_of(police_user) == {POLICE_STAFF}


def test_an_administrator_cannot_escalate_or_deactivate_themselves(admin_client, admin_user):
    data = crafted(submitted(admin_client, admin_user))
    data.update(role=POLICE_STAFF, is_active="")
    admin_client.post(change_url(admin_user), data)
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser
    assert not admin_user.user_permissions.exists()
    assert admin_user.is_active and admin_user.is_staff
    assert roles_of(admin_user) == {ADMINISTRATOR}


def test_a_superusers_account_is_read_only_for_administrators(admin_client):
    root = User.objects.create_superuser("root", password=STRONG)
    data = submitted(admin_client, root)  # shown, not editable
    assert "new_password1" not in data
    response = admin_client.post(
        change_url(root),
        {
            "username": "root",
            "role": ADMINISTRATOR,
            "new_password1": "x" * 20,
            "new_password2": "x" * 20,
        },
    )
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password(STRONG)


def test_the_roles_are_read_only(admin_client):
    group = Group.objects.get(name=COUNCIL_MEMBER)
    before = set(group.permissions.values_list("pk", flat=True))
    page = admin_client.get(f"/admin/auth/group/{group.pk}/change/").content.decode()
    assert "Can view recommendation" in page  # what the role may do is shown
    assert 'name="permissions"' not in page
    response = admin_client.post(
        f"/admin/auth/group/{group.pk}/change/",
        {"name": "Raad", "permissions": list(Permission.objects.values_list("pk", flat=True))},
    )
    assert response.status_code == 403
    assert admin_client.get("/admin/auth/group/add/").status_code == 403
    group.refresh_from_db()
    assert group.name == COUNCIL_MEMBER
    assert set(group.permissions.values_list("pk", flat=True)) == before


def test_the_admins_password_change_is_the_sites_own_page(admin_client):
    response = admin_client.get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/"


def test_creating_an_account_gives_one_role_staff_status_only_to_administrators(
    admin_client, admin_user
):
    for username, role in (("nieuw.beheer", ADMINISTRATOR), ("nieuw.raad", COUNCIL_MEMBER)):
        data = crafted(
            form_data(admin_client.get("/admin/auth/user/add/").content.decode(), "user_form")
        )
        data.update(username=username, role=role, new_password1=STRONG, new_password2=STRONG)
        assert admin_client.post("/admin/auth/user/add/", data).status_code == 302
        user = User.objects.get(username=username)
        assert roles_of(user) == {role}
        assert user.is_staff == (role == ADMINISTRATOR)
        assert not user.is_superuser and not user.user_permissions.exists()
        assert can_log_in(username, STRONG)
        entry = user.history.get()
        assert entry.history_user == admin_user
        assert set(entry.groups.values_list("group__name", flat=True)) == {role}


def test_a_weak_new_password_is_refused_in_dutch(admin_client, police_user):
    data = submitted(admin_client, police_user)
    data.update(new_password1="kort", new_password2="kort")
    response = admin_client.post(change_url(police_user), data)
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
    police_user.refresh_from_db()
    assert police_user.check_password("correct-horse-battery")


def test_resetting_a_password_and_changing_a_role_are_in_the_audit_trail(
    admin_client, admin_user, police_user
):
    data = submitted(admin_client, police_user)
    data.update(role=COUNCIL_MEMBER, new_password1=STRONG, new_password2=STRONG)
    assert admin_client.post(change_url(police_user), data).status_code == 302
    police_user.refresh_from_db()
    assert police_user.check_password(STRONG)
    latest = police_user.history.first()
    assert latest.history_user == admin_user
    assert set(latest.groups.values_list("group__name", flat=True)) == {COUNCIL_MEMBER}
    assert not hasattr(latest, "password")  # the hash is not copied into the history
    assert admin_client.get(f"/admin/auth/user/{police_user.pk}/history/").status_code == 200


def test_deactivating_accounts_is_recorded_and_never_hits_the_administrator(
    admin_client, admin_user, police_user
):
    response = admin_client.post(
        "/admin/auth/user/",
        {"action": "deactivate", "_selected_action": [police_user.pk, admin_user.pk]},
        follow=True,
    )
    assert "U kunt uw eigen account niet deactiveren." in response.content.decode()
    police_user.refresh_from_db()
    admin_user.refresh_from_db()
    assert not police_user.is_active and admin_user.is_active
    assert police_user.history.first().history_user == admin_user


def test_a_login_leaves_no_history_entry(police_user):
    entries = police_user.history.count()
    assert can_log_in("agent", "correct-horse-battery")
    police_user.refresh_from_db()
    assert police_user.last_login is not None
    assert police_user.history.count() == entries


def test_a_users_own_password_change_goes_into_the_audit_trail(staff_client, police_user):
    response = staff_client.post(
        "/accounts/password/",
        {"old_password": "correct-horse-battery", "new_password1": STRONG, "new_password2": STRONG},
    )
    assert response.status_code == 302
    police_user.refresh_from_db()
    assert police_user.check_password(STRONG)
    assert police_user.history.first().history_user == police_user


def test_accounts_made_for_the_tests_have_their_role(police_user):
    # make_user writes around the admin; the roles the matrix relies on are still single.
    assert roles_of(make_user(COUNCIL_MEMBER, "tweede.raadslid")) == {COUNCIL_MEMBER}
    assert roles_of(police_user) == {POLICE_STAFF}

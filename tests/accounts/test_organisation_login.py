"""Signing in through a real OpenID Connect provider process: users, roles, refusals."""

import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.models import OrganisationIdentity
from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from tests.accounts.conftest import configure, organisation_login, signed_in_user, start_login
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
BUTTON = "Aanmelden met de account van de organisatie"


def new_sub() -> str:
    return f"user-{uuid.uuid4()}"


def person(provider, *groups, **claims) -> str:
    """A person at the provider with `groups`; returns their subject."""
    sub = new_sub()
    provider.set_user(
        sub,
        **{
            "preferred_username": f"{sub}@politie.gent",
            "email": f"{sub}@politie.gent",
            "given_name": "Jan",
            "family_name": "Janssens",
            "groups": list(groups),
            **claims,
        },
    )
    return sub


def role_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_the_login_page_offers_the_organisation_account_in_dutch_and_english(client, oidc):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("oidc_authentication_init")}"' in html
    assert BUTTON in html
    # Administrators keep their password form for emergencies; it no longer takes focus.
    assert 'for="id_password"' in html and "autofocus" not in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in with the organisation account" in client.get(reverse("login")).content.decode()


def test_without_the_oidc_settings_everything_is_as_before(client, settings, police_user):
    assert settings.OIDC_ENABLED is False and settings.LOCAL_LOGIN == "all"
    assert "accounts.backends.OrganisationBackend" not in settings.AUTHENTICATION_BACKENDS
    page = client.get(reverse("login")).content.decode()
    assert BUTTON not in page and "autofocus" in page
    for name in ("oidc_authentication_init", "oidc_authentication_callback", "oidc_refused"):
        assert client.get(reverse(name)).status_code == 404
    response = client.post(
        reverse("login"), {"username": "agent", "password": "correct-horse-battery"}
    )
    # A login leads to where each role starts (police staff: "Mijn werk").
    assert response.status_code == 302 and response["Location"] == reverse("landing")


def test_a_police_officer_signs_in_and_becomes_police_staff(client, oidc):
    sub = person(oidc, "politie-gent", given_name="An", family_name="Peeters")
    response = organisation_login(client, sub)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("reminders:my_work")
    assert "An Peeters" in html  # the header names the signed-in user
    user = signed_in_user(client)
    assert user.username == f"{sub}@politie.gent" and user.email == f"{sub}@politie.gent"
    assert role_names(user) == {POLICE_STAFF}
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    identity = OrganisationIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (oidc.url, sub)
    # Signing in again finds the same user, however the name changed at the provider.
    oidc.set_user(sub, groups=["politie-gent"], given_name="Anneke", family_name="Peeters")
    again = Client()
    organisation_login(again, sub)
    assert signed_in_user(again).pk == user.pk
    assert get_user_model().objects.get(pk=user.pk).first_name == "Anneke"


@pytest.mark.parametrize(
    ("groups", "roles", "opens_admin"),
    [
        (["team-operaties"], {POLICE_STAFF}, False),
        (["gemeenteraad", "kantine"], {COUNCIL_MEMBER}, False),
        (["tracker-beheer"], {ADMINISTRATOR}, True),
        (["politie-gent", "tracker-beheer"], {POLICE_STAFF, ADMINISTRATOR}, True),
    ],
)
def test_roles_follow_the_provider_groups(client, oidc, groups, roles, opens_admin):
    organisation_login(client, person(oidc, *groups))
    user = signed_in_user(client)
    assert role_names(user) == roles
    assert user.is_staff is opens_admin and not user.is_superuser
    admin = client.get(reverse("admin:index"))
    assert admin.status_code == 200 if opens_admin else admin.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_group_removed_at_the_provider_removes_the_role_at_the_next_login(client, oidc):
    sub = person(oidc, "politie-gent", "tracker-beheer")
    organisation_login(client, sub)
    assert client.get(reverse("admin:index")).status_code == 200

    oidc.set_user(sub, groups=["politie-gent"], email=f"{sub}@politie.gent")
    other_browser = Client()
    organisation_login(other_browser, sub)
    user = signed_in_user(other_browser)
    assert role_names(user) == {POLICE_STAFF} and not user.is_staff
    assert other_browser.get(reverse("admin:index")).status_code == 302
    # The first browser's session is the same user: its admin access is gone as well.
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_account_without_a_mapped_group_is_refused_with_a_clear_page(client, oidc):
    sub = person(oidc, "kantine", "fietsclub")
    users_before = get_user_model().objects.count()
    response = organisation_login(client, sub)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang met deze account" in html
    assert "Vraag de beheerder van de toepassing" in html
    assert signed_in_user(client) is None
    assert get_user_model().objects.count() == users_before  # nothing stored about them
    assert "oidc_id_token" not in client.session

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = organisation_login(client, sub).content.decode()
    assert "No access with this account" in english


def test_someone_who_lost_every_group_is_refused_and_their_open_session_loses_access(client, oidc):
    sub = person(oidc, "politie-gent")
    organisation_login(client, sub)
    assert client.get(reverse("home")).status_code == 200

    oidc.set_user(sub, groups=[])
    refused = organisation_login(Client(), sub)
    assert refused.status_code == 403
    user = OrganisationIdentity.objects.get(subject=sub).user
    assert role_names(user) == set()
    assert client.get(reverse("home")).status_code == 403  # the old session has no role left


def test_a_provider_account_named_like_a_local_administrator_gets_a_user_of_its_own(client, oidc):
    local_admin = make_user(ADMINISTRATOR, "beheerder")
    sub = person(oidc, "politie-gent", preferred_username="beheerder", email="")
    organisation_login(client, sub)
    user = signed_in_user(client)
    assert user.pk != local_admin.pk
    assert user.username.startswith("beheerder-")
    assert role_names(user) == {POLICE_STAFF}
    assert client.get(reverse("admin:index")).status_code == 302
    local_admin.refresh_from_db()
    assert role_names(local_admin) == {ADMINISTRATOR} and local_admin.is_staff


def test_the_page_asked_for_before_login_opens_after_it(client, oidc):
    wanted = reverse("recommendations:recommendation_list")
    assert client.get(wanted)["Location"] == f"{reverse('login')}?next={wanted}"
    html = client.get(f"{reverse('login')}?next={wanted}").content.decode()
    assert f"{reverse('oidc_authentication_init')}?next={wanted}" in html
    response = organisation_login(client, person(oidc, "politie-gent"), next_url=wanted)
    assert response.redirect_chain[-1][0] == wanted and response.status_code == 200


def test_a_deactivated_user_is_refused_and_loses_their_open_session(client, oidc):
    sub = person(oidc, "politie-gent")
    organisation_login(client, sub)
    user = signed_in_user(client)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(reverse("home")).status_code == 302  # back to the login page
    refused = organisation_login(Client(), sub)
    assert refused.status_code == 400 and "Aanmelden is mislukt" in refused.content.decode()


def test_refused_organisation_logins_do_not_lock_out_the_address(client, oidc):
    """django-axes counts failed password logins per username and address; refusals of the
    organisation's sign-in are not password guesses and must not lock colleagues out."""
    stranger = person(oidc, "kantine")
    for _ in range(6):
        assert organisation_login(Client(REMOTE_ADDR="10.1.2.3"), stranger).status_code == 403
    welcome = organisation_login(Client(REMOTE_ADDR="10.1.2.3"), person(oidc, "politie-gent"))
    assert welcome.status_code == 200
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()


def test_an_unreachable_provider_gives_a_clear_page(client, settings, oidc):
    from tests.accounts.provider import free_port

    configure(settings, {**oidc.environment(), "OIDC_ISSUER": f"http://127.0.0.1:{free_port()}"})
    response = client.get(reverse("oidc_authentication_init"), follow=True)
    assert response.status_code == 503
    assert "Aanmelden via de organisatie is niet beschikbaar" in response.content.decode()
    assert BUTTON in client.get(reverse("login")).content.decode()


def test_the_authorization_request_carries_state_nonce_and_an_s256_challenge(client, oidc):
    from urllib.parse import parse_qs, urlsplit

    url = start_login(client)
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert url.startswith(f"{oidc.url}/oauth2/authorize?")
    assert query["response_type"] == "code" and query["client_id"] == "opvolging-tracker"
    assert query["redirect_uri"] == "http://testserver/accounts/organisation/callback/"
    assert set(query["scope"].split()) == {"openid", "profile", "email"}
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert query["ui_locales"] == "nl-be"

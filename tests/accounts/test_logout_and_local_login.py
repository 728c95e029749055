"""Logging out at the provider too, and the break-glass password login beside OIDC."""

from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from axes.models import AccessAttempt
from django.urls import reverse

from tests.accounts.conftest import configure, organisation_login, signed_in_user
from tests.accounts.provider import CLIENT_ID
from tests.accounts.test_organisation_login import person

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def test_logging_out_ends_the_session_here_and_at_the_provider(client, oidc):
    sub = person(oidc, "politie-gent")
    organisation_login(client, sub)
    response = client.post(reverse("logout"))

    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith(f"{oidc.url}/oauth2/end_session?")
    query = {key: values[0] for key, values in parse_qs(urlsplit(end_session).query).items()}
    assert query["post_logout_redirect_uri"] == "http://testserver/accounts/login/"
    assert query["client_id"] == CLIENT_ID
    # The hint is the provider's own ID token for this person and this application.
    keys = jwt.PyJWKClient(f"{oidc.url}/jwks")
    hint = jwt.decode(
        query["id_token_hint"],
        keys.get_signing_keys()[0].key,
        algorithms=["RS256"],
        audience=CLIENT_ID,
        issuer=oidc.url,
    )
    assert hint["sub"] == sub
    assert signed_in_user(client) is None
    assert client.get(reverse("home")).status_code == 302

    # At the provider: its end-session page, then back to our login page.
    page = requests.get(end_session, timeout=10)
    assert page.status_code == 200 and "End session" in page.text
    confirmed = requests.post(
        f"{oidc.url}/oauth2/end_session/confirm",
        data={"redirect_uri": query["post_logout_redirect_uri"]},
        allow_redirects=False,
        timeout=10,
    )
    assert confirmed.headers["Location"] == "http://testserver/accounts/login/"


def test_the_admins_logout_ends_the_session_at_the_provider_too(client, oidc):
    organisation_login(client, person(oidc, "tracker-beheer"))
    assert client.get(reverse("admin:index")).status_code == 200
    response = client.post(reverse("admin:logout"))
    assert response["Location"].startswith(f"{oidc.url}/oauth2/end_session?id_token_hint=")
    assert signed_in_user(client) is None


def test_a_password_login_logs_out_here_only(client, oidc, admin_user):
    client.post(reverse("login"), {"username": "beheerder", "password": PASSWORD})
    assert signed_in_user(client) == admin_user
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert signed_in_user(client) is None


def test_logout_pages_carry_the_provider_in_form_action(client, oidc, staff_client):
    """The logout form's redirect goes to the provider; browsers check it against the
    page's form-action (the browser test walks it in Chromium)."""
    csp = staff_client.get(reverse("home"))["Content-Security-Policy"]
    assert f"form-action 'self' {oidc.url}" in csp


@pytest.mark.parametrize(
    ("local_login", "username", "allowed"),
    [
        ("administrators", "beheerder", True),
        ("administrators", "super", True),
        ("administrators", "agent", False),
        ("administrators", "raadslid", False),
        ("all", "agent", True),
        ("off", "beheerder", False),
    ],
)
def test_the_password_login_follows_the_local_login_setting(
    client, settings, oidc, local_login, username, allowed, admin_user, police_user, council_user
):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("super", password=PASSWORD)
    configure(settings, oidc.environment(DJANGO_LOCAL_LOGIN=local_login))
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    html = response.content.decode()
    if allowed:
        assert response.status_code == 302 and signed_in_user(client).username == username
        return
    assert response.status_code == 200 and signed_in_user(client) is None
    if local_login == "off":
        assert "Aanmelden met een wachtwoord is uitgeschakeld" in html
        assert 'for="id_password"' not in html  # the form is gone from the page
        assert not AccessAttempt.objects.exists()  # no password was even checked
    else:
        assert "Alleen beheerders melden zich hier aan met een wachtwoord" in html


def test_with_the_password_login_off_the_page_shows_only_the_organisation_button(
    client, settings, oidc
):
    configure(settings, oidc.environment(DJANGO_LOCAL_LOGIN="off"))
    html = client.get(reverse("login")).content.decode()
    assert "Aanmelden met de account van de organisatie" in html
    assert 'for="id_password"' not in html and "Aanmelden met een wachtwoord" not in html


def test_an_organisation_user_has_no_password_to_change(client, oidc):
    organisation_login(client, person(oidc, "politie-gent"))
    html = client.get(reverse("home")).content.decode()
    assert reverse("password_change") not in html
    assert "Afmelden" in html


def test_a_password_login_with_a_code_in_its_address_never_reaches_the_provider(
    client, oidc, police_user
):
    """Only the callback may exchange a code: the backend ignores one anywhere else (the
    library alone would post it to the provider, whose refusal would be a server error)."""
    response = client.post(
        f"{reverse('login')}?code=stolen&state=whatever",
        {"username": "agent", "password": "fout"},
    )
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert signed_in_user(client) is None

"""Answers the application must refuse, produced with a real provider process: a changed
state or nonce, an expired token, a token altered or signed with another key on the wire
(TamperingProxy), a token issued to another client. Each goes through mozilla-django-oidc's
own checks and ends on the refusal page with nobody signed in and no role given."""

import base64
import hashlib
import json

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core.roles import POLICE_STAFF
from tests.accounts.conftest import (
    configure,
    finish_login,
    organisation_login,
    signed_in_user,
    start_login,
)
from tests.accounts.provider import (
    TamperingProxy,
    authorize,
    b64encode,
    jwt_parts,
    provider_process,
    with_query,
)
from tests.accounts.test_organisation_login import new_sub, person

pytestmark = pytest.mark.django_db
REFUSED = "Aanmelden is mislukt"


@pytest.fixture
def logged(caplog):
    """The reason the application logged for refusing (it never reaches the page)."""
    caplog.set_level("WARNING", logger="accounts")
    return lambda: "\n".join(record.getMessage() for record in caplog.records)


def assert_refused(client, response) -> None:
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("oidc_refused"))
    assert signed_in_user(client) is None
    assert client.get(reverse("home")).status_code == 302


def test_a_changed_state_is_refused(client, oidc, logged):
    response = organisation_login(
        client, person(oidc, "politie-gent"), callback={"state": "x" * 32}
    )
    assert_refused(client, response)
    assert "state not found in session" in logged()


def test_an_answer_meant_for_another_browser_is_refused(client, oidc):
    """Login CSRF: an attacker's code and state, delivered to a victim's browser."""
    answer = authorize(start_login(Client()), person(oidc, "politie-gent"))
    start_login(client)  # the victim's browser has a login of its own under way
    assert_refused(client, finish_login(client, answer))


def test_an_answer_used_twice_is_refused(client, oidc):
    answer = authorize(start_login(client), person(oidc, "politie-gent"))
    assert finish_login(client, answer).status_code == 200
    client.post(reverse("logout"))
    assert_refused(client, finish_login(client, answer))


@pytest.mark.parametrize("nonce", ["n" * 32, None], ids=["changed", "removed"])
def test_a_changed_or_missing_nonce_is_refused(client, oidc, nonce, logged):
    """The nonce is sent by the browser: an ID token carrying another one (a replayed
    token, or one obtained for another login) must not sign anyone in."""
    response = organisation_login(
        client, person(oidc, "politie-gent"), authorization={"nonce": nonce}
    )
    assert_refused(client, response)
    assert "JWT Nonce verification failed" in logged()


@pytest.fixture(scope="module")
def expiring_provider():
    """A second provider process whose ID tokens expired a minute before they were issued,
    as from a provider whose clock is off or a token replayed later."""
    with provider_process("--token-max-age=-60") as provider:
        yield provider


def test_an_expired_id_token_is_refused(client, settings, expiring_provider, logged):
    configure(settings, expiring_provider.environment())
    sub = person(expiring_provider, "politie-gent")
    assert_refused(client, organisation_login(client, sub))
    assert "Signature has expired" in logged()
    assert not get_user_model().objects.filter(email=f"{sub}@politie.gent").exists()


def with_payload(token: str, **claims) -> dict:
    header, payload, _ = jwt_parts(token)
    return header, {**payload, **claims}


def altered_claims(token: str) -> str:
    """Same header and signature, payload changed: the administrators' group added."""
    header, payload = with_payload(token, groups=["politie-gent", "tracker-beheer"])
    head, _, signature = token.split(".")
    return f"{head}.{b64encode(json.dumps(payload).encode())}.{signature}"


ATTACKER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def signed_by_attacker(kid: str | None):
    def tamper(token: str) -> str:
        header, payload = with_payload(token, groups=["tracker-beheer"])
        headers = {"kid": kid} if kid else {}
        return jwt.encode(payload, ATTACKER_KEY, algorithm="RS256", headers=headers)

    return tamper


def unsigned(token: str) -> str:
    _, payload = with_payload(token, groups=["tracker-beheer"])
    header = b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{b64encode(json.dumps(payload).encode())}."


def provider_kid(provider) -> str:
    import requests

    return requests.get(f"{provider.url}/jwks", timeout=10).json()["keys"][0]["kid"]


@pytest.fixture
def proxied(settings, oidc):
    """The application configured for a TamperingProxy in front of the provider."""

    def start(**hooks):
        proxy = TamperingProxy(oidc.url, **hooks).__enter__()
        configure(settings, oidc.environment(OIDC_ISSUER=proxy.url))
        started.append(proxy)
        return proxy

    started = []
    yield start
    for proxy in started:
        proxy.__exit__(None, None, None)


def replace_id_token(tamper):
    return lambda body: {**body, "id_token": tamper(body["id_token"])}


def test_the_proxy_alone_changes_nothing(client, oidc, proxied):
    """The control for the tests below: without tampering the login through it succeeds."""
    proxy = proxied()
    response = organisation_login(client, person(oidc, "politie-gent"))
    assert response.status_code == 200
    assert set(signed_in_user(client).groups.values_list("name", flat=True)) == {POLICE_STAFF}
    assert len(proxy.token_requests) == 1


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        pytest.param(altered_claims, "JWS token verification failed", id="claims-altered"),
        pytest.param(signed_by_attacker(None), "verification failed", id="another-key"),
        pytest.param("provider-kid", "verification failed", id="another-key-same-key-id"),
        pytest.param(unsigned, "does not match the client's OIDC_RP_SIGN_ALGO", id="alg-none"),
    ],
)
def test_a_wrongly_signed_id_token_is_refused(client, oidc, proxied, tamper, reason, logged):
    if tamper == "provider-kid":
        tamper = signed_by_attacker(provider_kid(oidc))
    proxied(on_token_response=replace_id_token(tamper))
    sub = person(oidc, "politie-gent")
    assert_refused(client, organisation_login(client, sub))
    assert reason in logged()
    assert not get_user_model().objects.filter(is_staff=True).exists()


def test_an_id_token_issued_to_another_client_is_refused(client, oidc, proxied, logged):
    """Token substitution: a valid, provider-signed token for another application."""
    proxied(on_token_request=lambda form: {**form, "client_id": "andere-toepassing"})
    response = organisation_login(
        client, person(oidc, "politie-gent"), authorization={"client_id": "andere-toepassing"}
    )
    assert_refused(client, response)
    assert "ID token issued to another client" in logged()


def test_the_code_verifier_sent_with_the_code_matches_the_s256_challenge(client, oidc, proxied):
    from urllib.parse import parse_qs, urlsplit

    proxy = proxied()
    authorize_url = start_login(client)
    challenge = parse_qs(urlsplit(authorize_url).query)["code_challenge"][0]
    finish_login(client, authorize(authorize_url, new_sub_with_role(oidc)))
    verifier = proxy.token_requests[0]["code_verifier"]
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert digest.rstrip(b"=").decode() == challenge
    assert len(verifier) >= 43 and signed_in_user(client) is not None


def new_sub_with_role(provider) -> str:
    sub = new_sub()
    provider.set_user(sub, groups=["politie-gent"])
    return sub


def test_an_authorization_answer_with_an_error_is_refused(client, oidc):
    """The person pressed "Deny" at the provider."""
    import requests

    answer = requests.post(
        start_login(client), data={"action": "deny"}, allow_redirects=False, timeout=10
    ).headers["Location"]
    assert "error=access_denied" in answer
    assert_refused(client, finish_login(client, with_query(answer)))

import pytest
from django.urls import reverse

from accounts.conf import oidc_settings
from tests.accounts.provider import authorize, provider_process, with_query


@pytest.fixture(scope="session")
def oidc_provider():
    """One provider process per test worker; each test uses its own subjects."""
    with provider_process() as provider:
        yield provider


def configure(settings, environment: dict) -> None:
    """Apply the settings `environment` gives, exactly as profiling_followup/settings.py
    does at start-up (accounts.conf.oidc_settings)."""
    base = {
        "AUTHENTICATION_BACKENDS": settings.AUTHENTICATION_BACKENDS,
        "CONTENT_SECURITY_POLICY": settings.CONTENT_SECURITY_POLICY,
    }
    for name, value in oidc_settings(environment, production_mode=False, base=base).items():
        setattr(settings, name, value)


@pytest.fixture
def oidc(settings, oidc_provider):
    """The application configured for the provider process."""
    configure(settings, oidc_provider.environment())
    return oidc_provider


def start_login(client, next_url: str = "") -> str:
    """Press the organisation button; returns the provider URL the browser is sent to."""
    url = reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else "")
    response = client.get(url)
    assert response.status_code == 302
    return response["Location"]


def finish_login(client, callback: str):
    """Follow the provider's redirect back into the application."""
    path = callback.split("://", 1)[1].split("/", 1)[1]
    return client.get("/" + path, follow=True)


def organisation_login(client, sub: str, *, authorization=None, callback=None, next_url=""):
    """The whole journey; `authorization` / `callback` change query parameters of the
    provider request or of its answer on the way, as an attacker could."""
    authorize_url = start_login(client, next_url)
    if authorization:
        authorize_url = with_query(authorize_url, **authorization)
    answer = authorize(authorize_url, sub)
    if callback:
        answer = with_query(answer, **callback)
    return finish_login(client, answer)


def signed_in_user(client):
    """The user the session belongs to, as the next request would see it (or None)."""
    from django.contrib.auth import get_user

    request = type("Request", (), {"session": client.session})()
    user = get_user(request)
    return user if user.is_authenticated else None

"""The organisation's sign-in in Chromium: our login page, the provider's pages (a real
oidc-provider-mock process), back to the page asked for, and out again at the provider."""

import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.accounts.conftest import configure
from tests.accounts.provider import provider_process
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BUTTON = "Aanmelden met de account van de organisatie"


@pytest.fixture(scope="module")
def oidc_provider():
    with provider_process() as provider:
        yield provider


@pytest.fixture
def oidc_page(page, live_server, settings, oidc_provider):
    configure(settings, oidc_provider.environment())

    # The provider's pages link a stylesheet on a CDN: this machine stays off the network.
    def loopback_only(route):
        host = urlsplit(route.request.url).hostname
        if host in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", loopback_only)
    return page


def person(provider, *groups) -> str:
    sub = f"browser-{uuid.uuid4()}"
    provider.set_user(
        sub,
        preferred_username=f"{sub}@politie.gent",
        given_name="An",
        family_name="Peeters",
        groups=list(groups),
    )
    return sub


def sign_in_at_the_provider(page, sub: str) -> None:
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_a_police_officer_signs_in_through_the_provider_and_out_again(
    oidc_page, live_server, oidc_provider
):
    page = oidc_page
    sub = person(oidc_provider, "politie-gent")
    page.goto(f"{live_server.url}/recommendations/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/recommendations/")
    screenshot(page, "oidc-login-page")

    page.get_by_role("link", name=BUTTON).click()
    sign_in_at_the_provider(page, sub)
    expect(page).to_have_url(f"{live_server.url}/recommendations/")
    expect(page.locator(".user-name")).to_have_text("An Peeters")
    expect(page.get_by_role("link", name="Wachtwoord wijzigen")).to_have_count(0)
    screenshot(page, "oidc-signed-in")

    # The logout form's redirect to the provider passes the page's form-action policy.
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("heading", name="End Session")).to_be_visible()
    page.get_by_role("button", name="End session").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")


@pytest.mark.parametrize("width", [1280, 390])
def test_someone_without_a_role_sees_why_they_are_refused(
    oidc_page, live_server, oidc_provider, width
):
    page = oidc_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    screenshot(page, f"oidc-login-page-{width}")
    page.get_by_role("link", name=BUTTON).click()
    sign_in_at_the_provider(page, person(oidc_provider, "kantine"))
    expect(page.get_by_role("heading", name="Geen toegang met deze account")).to_be_visible()
    expect(page.get_by_role("link", name="Terug naar de aanmeldpagina")).to_be_visible()
    screenshot(page, f"oidc-refused-{width}")
    page.get_by_role("link", name="Terug naar de aanmeldpagina").click()
    expect(page.get_by_role("link", name=BUTTON)).to_be_visible()

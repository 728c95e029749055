"""A police staff member adds an action and a progress update; a council member reads it
and finds no way to edit."""

import pytest
from playwright.sync_api import expect

from core.roles import COUNCIL_MEMBER, POLICE_STAFF
from tests.browser.conftest import screenshot
from tests.conftest import make_user
from tests.factories import RecommendationFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_police_add_an_action_and_an_update_the_council_reads_it(login, page, live_server):
    make_user(POLICE_STAFF, "agent")
    make_user(COUNCIL_MEMBER, "raadslid")
    recommendation = RecommendationFactory(
        code="4.1", theme=ThemeFactory(name="Intervisie"), text="Reflectie blijvend mogelijk maken"
    )
    login("agent")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Aanbevelingen"
    ).click()
    page.get_by_role("link", name="4.1").click()
    page.get_by_role("link", name="Nieuwe actie").click()
    page.get_by_label("Titel").fill("Eigen online module")
    page.get_by_label("Status").select_option("lopend")
    page.get_by_label("Voortgang (%)").fill("40")
    page.get_by_label("Einddatum").fill("2030-03-31")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Eigen online module")).to_be_visible()

    page.get_by_role("link", name="Nieuwe stand van zaken").click()
    page.get_by_label("Datum").fill("2024-02-12")
    page.get_by_label("Wat er gebeurde").fill("Eerste hoofdstuk op het leerplatform")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".timeline")).to_contain_text("Eerste hoofdstuk op het leerplatform")
    screenshot(page, "recommendations-police-action")
    page.get_by_role("button", name="Afmelden").click()

    login("raadslid")
    page.goto(f"{live_server.url}{recommendation.get_absolute_url()}")
    expect(page.get_by_role("link", name="Eigen online module")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Eerste hoofdstuk op het leerplatform")
    expect(page.get_by_role("link", name="Nieuwe actie")).to_have_count(0)
    page.get_by_role("link", name="Eigen online module").click()
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    screenshot(page, "recommendations-council-reads")

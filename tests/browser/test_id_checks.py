"""Journey of police staff: request an authorisation, record the decision, then the execution."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.roles import POLICE_STAFF
from id_checks.models import Authorisation, Status
from tests.browser.conftest import screenshot
from tests.conftest import make_user
from tests.factories import UnitFactory


def field(page, label):
    """The input whose label is exactly `label` (labels end with a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:"))


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_decision_execution(login, page):
    make_user(POLICE_STAFF, "agent")
    UnitFactory(name="Dienst Operationele Acties")
    start = timezone.localtime() - timedelta(days=1)
    start = start.replace(hour=18, minute=0)
    login("agent")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="ID-controles"
    ).click()
    page.get_by_role("link", name="Nieuwe aanvraag tot toelating").click()
    fields = {
        "Referentienummer": "TOE-2025-010",
        "Aanvragende officier": "Hoofdinspecteur Demo",
        "Officier van bestuurlijke politie die de controle beveelt": "Commissaris Demo",
        "Gebied": "Stationsomgeving Gent-Zuid",
        "Omschrijving van het gebied": "Pleinen en haltes",
        "Wijk": "Zuid",
        "Objectieve gronden": "Meldingen van drugshandel",
        "Waarom noodzakelijk en proportioneel": "Gerichte controles volstonden niet",
        "Overwogen alternatieven": "Extra patrouilles",
        "Geplande communicatie naar de bevolking": "Bericht op de website",
        "Uitleg aan de gecontroleerde personen": "Uitleg over de toelating",
    }
    for label, value in fields.items():
        field(page, label).fill(value)
    field(page, "Soort").select_option(label="actie")
    field(page, "Aanvragende dienst").select_option(label="Dienst Operationele Acties")
    field(page, "Begin").fill(start.strftime("%Y-%m-%dT%H:%M"))
    # A window of 30 hours is refused with the reason on the field.
    field(page, "Einde").fill((start + timedelta(hours=30)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("hoogstens 24 uur")
    field(page, "Einde").fill((start + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("TOE-2025-010")
    screenshot(page, "id-checks-requested")

    page.get_by_role("link", name="Beslissing registreren").click()
    field(page, "Beslissing").select_option(label="toegestaan")
    field(page, "Datum van de beslissing").fill(start.strftime("%Y-%m-%d"))
    field(page, "Beslist door").fill("Burgemeester")
    page.get_by_role("button", name="Opslaan").click()

    page.get_by_role("link", name="Uitvoering registreren").click()
    field(page, "Toegepast").check()
    field(page, "Werkelijk begin").fill(start.strftime("%Y-%m-%dT%H:%M"))
    field(page, "Werkelijk einde").fill((start + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    field(page, "Gecontroleerde personen").fill("50")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".timeline")).to_contain_text("50")
    expect(page.locator(".badge").nth(1)).to_have_text("afgelopen")
    screenshot(page, "id-checks-executed")
    authorisation = Authorisation.objects.get(reference="TOE-2025-010")
    assert authorisation.decision.execution.persons_checked == 50
    assert authorisation.status == Status.ENDED

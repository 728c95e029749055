"""A police officer follows the link of a reminder e-mail, settles the work in its form and
comes back to "Mijn werk", until nothing waits any more."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.reminders.scenario import ended_check, person
from tests.smtp import smtp_server, smtp_settings  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page, label):
    """The input whose label is exactly `label` (labels end with a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:"))


def test_from_the_reminder_to_the_form_and_back_to_my_work(
    page,
    live_server,
    settings,
    smtp_settings,  # noqa: F811
):
    settings.SITE_URL = live_server.url
    agent = person("agent")
    ended_check(agent, reference="TOE-2026-050", area_name="Stationsomgeving")
    call_command("send_reminders")
    (reminder,) = [
        m for m in smtp_settings.to(agent.email) if m["Subject"].startswith("Evaluatie te doen")
    ]
    link = re.search(rf"{re.escape(live_server.url)}/\S+", smtp_settings.text(reminder)).group()
    assert "/execution/?next=%2Fmy-work%2F" in link

    page.goto(link)
    page.get_by_label("Gebruikersnaam").fill("agent")
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("TOE-2026-050")
    field(page, "Reden niet toegepast").fill("Geen grote problemen")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    row = page.locator("tr", has_text="TOE-2026-050")
    expect(row).to_contain_text("de evaluatie")
    screenshot(page, "my-work-evaluation-awaited")
    row.get_by_role("link", name="Evaluatie registreren").click()
    field(page, "Datum van de evaluatie").fill("2026-01-05")
    field(page, "Notities van de debriefing").fill("Rustig verlopen")
    field(page, "Vastgesteld effect").fill("Geen incidenten")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    expect(page.get_by_text("Er wacht niets op u.")).to_be_visible()
    expect(page.locator("tr", has_text="TOE-2026-050")).to_have_count(0)
    screenshot(page, "my-work-done")

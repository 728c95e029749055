"""The user journeys of issue 8, end to end in Chromium, with screenshots as artefacts.

The police journey's other steps have their own browser tests: adding an action and a
progress update (test_recommendations), the completion import with preview and fix
(test_training) and an authorisation through to its evaluation (test_id_checks).
"""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from recommendations.models import Action
from tests.browser.conftest import screenshot
from tests.conftest import make_user
from tests.factories import (
    ActionFactory,
    ModuleFactory,
    RecommendationFactory,
    SessionFactory,
    StaffMemberFactory,
    ThemeFactory,
)
from training.models import Completion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path("test-results")
PDF_PAGE = "%PDF"


def test_police_attach_evidence_move_a_due_date_and_register_attendance(
    login, page, live_server, tmp_path
):
    make_user(POLICE_STAFF, "agent")
    action = ActionFactory(
        title="Intervisie in elke ploeg", due_date=datetime.date(2030, 3, 31), status="lopend"
    )
    session = SessionFactory(module=ModuleFactory(name="Intervisie"), capacity=10)
    StaffMemberFactory(name="Testcollega Aanwezig")
    login("agent")

    page.goto(f"{live_server.url}{action.get_absolute_url()}")
    page.get_by_role("link", name="Bewijsstuk toevoegen").click()
    page.get_by_label("Titel").fill("Verslag eerste intervisie")
    pdf = tmp_path / "verslag.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("Document").set_input_files(str(pdf))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Verslag eerste intervisie")).to_be_visible()

    page.get_by_role("link", name="Einddatum wijzigen").click()
    page.get_by_label("Nieuwe einddatum").fill("2030-09-30")
    page.get_by_role("button", name="Opslaan").click()
    # A missing reason is refused with a Dutch message at the top of the form.
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("Reden").fill("Trainers pas in september beschikbaar")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Trainers pas in september beschikbaar").first).to_be_visible()
    assert Action.objects.get(pk=action.pk).due_date == datetime.date(2030, 9, 30)
    screenshot(page, "journey-police-evidence-due-date")

    page.goto(f"{live_server.url}/training/sessions/{session.pk}/")
    page.get_by_role("link", name="Aanwezigheden registreren").click()
    page.get_by_label("Testcollega Aanwezig").check()
    page.get_by_role("button", name="Aangevinkte deelnemers registreren").click()
    expect(page.get_by_text("Testcollega Aanwezig")).to_be_visible()
    assert Completion.objects.filter(staff__name="Testcollega Aanwezig").count() == 1
    screenshot(page, "journey-police-attendance")


def test_council_reads_the_dashboard_drills_down_and_prints_the_report(login, page, live_server):
    make_user(COUNCIL_MEMBER, "raadslid")
    theme = ThemeFactory(name="Inbedding van het opleidingstraject")
    recommendation = RecommendationFactory(theme=theme, code="1.1", text="Veranker de opleiding.")
    ActionFactory(
        recommendations=[recommendation],
        title="Achterstallige actie",
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    ActionFactory(recommendations=[recommendation], title="Lopende actie", progress=50)

    login("raadslid")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Opvolging")
    screenshot(page, "journey-council-dashboard")
    expect(page.locator("#figure-overdue")).to_have_text("1")
    page.locator("#figure-overdue").click()
    expect(page.get_by_role("link", name="Achterstallige actie")).to_be_visible()
    expect(page.get_by_role("link", name="Lopende actie")).to_have_count(0)

    page.goto(live_server.url)
    page.get_by_role("link", name=theme.name).click()
    expect(page.get_by_role("link", name="1.1")).to_be_visible()

    page.goto(live_server.url)
    page.get_by_role("link", name="Commissierapport").first.click()
    expect(page.get_by_role("blockquote").or_(page.locator("blockquote"))).to_contain_text(
        "Veranker de opleiding."
    )
    page.emulate_media(media="print")
    screenshot(page, "journey-council-report-print")
    ARTEFACTS.mkdir(exist_ok=True)
    pdf = ARTEFACTS / "committee-report.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(PDF_PAGE.encode())
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Wat veranderde sinds een datum").click()
    page.get_by_label("Sinds").fill((timezone.localdate() - datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Toon de wijzigingen").click()
    expect(page.locator("table")).to_contain_text("Achterstallige actie")
    screenshot(page, "journey-council-changes")

    # Every write is refused, with the Dutch 403 page.
    write_paths = [
        "/recommendations/actions/new/",
        f"/recommendations/{recommendation.pk}/police-status/",
        "/training/completions/import/",
        "/id-checks/new/",
        "/report/frozen/new/",
    ]
    for path in write_paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 403, path
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_two_people_editing_one_action_never_overwrite_each_other(
    login, page, live_server, browser
):
    make_user(POLICE_STAFF, "agent")
    make_user(POLICE_STAFF, "collega")
    action = ActionFactory(title="Gedeelde actie", progress=10)
    edit_url = f"{live_server.url}/recommendations/actions/{action.pk}/edit/"
    login("agent")
    page.goto(edit_url)

    other_context = browser.new_context(locale="nl-BE")
    other = other_context.new_page()
    other.goto(f"{live_server.url}/accounts/login/")
    other.get_by_label("Gebruikersnaam").fill("collega")
    other.get_by_label("Wachtwoord").fill("correct-horse-battery")
    other.get_by_role("button", name="Aanmelden").click()
    other.goto(edit_url)
    other.get_by_label("Voortgang (%)").fill("60")
    other.get_by_role("button", name="Opslaan").click()
    expect(other.get_by_role("heading", name="Gedeelde actie")).to_be_visible()
    other_context.close()

    page.get_by_label("Titel").fill("Gedeelde actie (hernoemd)")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Iemand anders heeft dit record gewijzigd")
    expect(page.locator(".conflict")).to_contain_text("60")
    screenshot(page, "journey-lost-update-refused")
    action.refresh_from_db()
    assert (action.title, action.progress) == ("Gedeelde actie", 60)


def test_administrator_creates_a_user_corrects_a_record_and_reads_its_history(
    login, page, live_server
):
    make_user(ADMINISTRATOR, "beheerder")
    theme = ThemeFactory(name="Intervisie en blijvende reflectie")
    login("beheerder")
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    page.get_by_label("Gebruikersnaam").fill("nieuw.raadslid")
    # One role per account; no superuser, staff, group or permission fields (SECURITY.md).
    page.get_by_label("Rol").select_option(label=COUNCIL_MEMBER)
    page.locator("#id_new_password1").fill("een-lang-wachtwoord-2024")
    page.locator("#id_new_password2").fill("een-lang-wachtwoord-2024")
    screenshot(page, "journey-admin-new-account")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("nieuw.raadslid")
    new_user = get_user_model().objects.get(username="nieuw.raadslid")
    assert list(new_user.groups.values_list("name", flat=True)) == [COUNCIL_MEMBER]
    assert not new_user.is_staff and not new_user.is_superuser

    page.goto(f"{live_server.url}/admin/recommendations/theme/{theme.pk}/change/")
    page.get_by_label("Naam").fill("Intervisie en blijvende reflectie en verbeteren")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.goto(f"{live_server.url}/admin/recommendations/theme/{theme.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("beheerder")
    screenshot(page, "journey-admin-history")
    theme.refresh_from_db()
    assert theme.history.first().history_user.username == "beheerder"

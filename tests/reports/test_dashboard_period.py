"""The dashboard opens on the follow-up, not on an empty calendar year (demo data of the
committee of 19/02/2024), offers its period presets, and a chart without figures says so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from id_checks import selectors as id_checks
from profiling_followup import reports
from profiling_followup.periods import Anchors, Preset, resolve
from recommendations import selectors as recommendations
from tests.html import element_text, section
from training import selectors as training

pytestmark = pytest.mark.usefixtures("demo_data")

NO_DATA = "Geen gegevens voor deze periode."


def follow_up_anchors(last_meeting=None) -> Anchors:
    firsts = [
        recommendations.first_follow_up_date(),
        training.first_completion_date(),
        id_checks.first_authorisation_date(),
    ]
    return Anchors(
        today=timezone.localdate(),
        last_meeting=last_meeting,
        evaluation=recommendations.evaluation_date(),
        first_record=min(day for day in firsts if day),
    )


def period_text(period) -> str:
    return f"Periode {period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"


def open_dashboard(client, **params):
    response = client.get(reverse("home"), params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_it_opens_on_everything_since_the_first_record(db, council_client):
    response, page = open_dashboard(council_client)
    expected = resolve(Preset.EVERYTHING, follow_up_anchors())
    assert expected.start == datetime.date(2021, 10, 1)  # module 1 of the first trainees
    assert f"{period_text(expected)} · Alles" in page
    requested = int(element_text(page, "figure-authorisations"))
    # Every authorisation of 2023-2024 is in the period, not 0 as on "this year" before.
    assert (
        requested
        == id_checks.authorisation_figures(expected.start, expected.end)["total"].requested
    )
    assert requested > 0
    assert NO_DATA not in page
    assert page.count('<svg viewBox="0 0 640 280" role="img"') == 3


def test_after_a_meeting_was_frozen_it_opens_on_the_follow_up_since_that_meeting(
    db, council_client, admin_user
):
    reports.report_freeze(meeting_date=datetime.date(2024, 2, 19), actor=admin_user)
    response, page = open_dashboard(council_client)
    expected = resolve(Preset.SINCE_MEETING, follow_up_anchors(datetime.date(2024, 2, 19)))
    assert expected.start == datetime.date(2024, 2, 1)
    assert f"{period_text(expected)} · Sinds de laatste vergadering (19/02/2024)" in page
    assert int(element_text(page, "figure-authorisations")) == (
        id_checks.authorisation_figures(expected.start, expected.end)["total"].requested
    )


def test_the_presets_are_links_that_keep_the_theme(db, council_client):
    theme = recommendations.theme_progress(timezone.localdate())[0]["theme"]
    _, page = open_dashboard(council_client, period="last-12-months", theme=theme.pk)
    # No meeting frozen and no evaluation date in the demo: three presets, then the form.
    presets = section(page, "Periode").splitlines()
    assert presets[:4] == ["Dit jaar", "De laatste 12 maanden", "Alles", "Van:"]
    assert f'href="?period=this-year&amp;theme={theme.pk}"' in page
    assert f'<a href="?period=last-12-months&amp;theme={theme.pk}" aria-current="true">' in page
    expected = resolve(Preset.LAST_12_MONTHS, follow_up_anchors())
    assert f"{period_text(expected)} · De laatste 12 maanden · {theme.name}" in page


def test_dates_chosen_by_hand_win_over_the_preset(db, staff_client, council_client):
    dates = {"period": "this-year", "start": "2023-07-01", "end": "2024-02-19"}
    # Council members read figures about people for whole calendar months only.
    _, page = open_dashboard(council_client, **dates)
    assert "Periode 01/07/2023 – 31/01/2024" in page
    response, page = open_dashboard(staff_client, **dates)
    assert "Periode 01/07/2023 – 19/02/2024" in page
    assert 'aria-current="true"' not in page
    # "sinds 1 juli 2023 toegepast voor 6 acties en 8 ordediensten"
    assert "14 toegepast" in section(page, "Systematische identiteitscontroles", level=3)


def test_a_chart_without_figures_says_so_instead_of_drawing_axes(db, council_client):
    _, page = open_dashboard(council_client, start="2005-01-01", end="2005-12-31")
    charts = section(page, "Doorheen de tijd")
    assert charts.splitlines()[:6] == [
        "Opgeleide medewerkers per module",
        NO_DATA,
        "Afgeronde acties per maand",
        NO_DATA,
        "Aangevraagde toelatingen per maand",
        NO_DATA,
    ]
    assert "<svg" not in page

"""The committee report of 19/02/2024 as a council member reads it, section by section.

The data is `manage.py load_demo`, which reproduces the committee bundle of that meeting
(/work/shared/seed: the police presentation and the city's project); the figures asserted
here are the bundle's own ("714 collega's volgden module 1", "6 acties en 8 ordediensten").
"""

import datetime

import pytest
from django.urls import reverse

from core.dates import last_month_end
from id_checks import selectors as id_checks
from profiling_followup.reports import ID_CHECKS_SINCE
from recommendations.demo import THEMES
from tests.html import headings, outline, section
from training import selectors as training

MEETING = datetime.date(2024, 2, 19)

pytestmark = pytest.mark.usefixtures("demo_data")


@pytest.fixture
def report(db, council_client) -> str:
    page = council_client.get(reverse("committee_report"), {"date": MEETING.isoformat()})
    assert page.status_code == 200
    return page.content.decode()


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def test_the_title_and_the_state_date_open_the_report(report):
    assert headings(report, 1) == ["Opvolging professioneel profileren: commissie van 19/02/2024"]
    (header,) = [s for s in outline(report) if s.level == 1]
    assert header.lines[0].startswith(
        "Toestand op het einde van 19/02/2024, gelezen uit de registraties en hun geschiedenis."
    )


def test_the_contents_list_every_section_and_theme_in_order(report):
    assert lines_of(section(report, "Inhoud")) == [
        "Aanbevelingen en wat ermee gebeurde",
        *THEMES,
        "Opleiding",
        "Systematische identiteitscontroles",
    ]


def test_each_theme_is_headed_by_its_name_alone(report):
    assert headings(report, 2) == [
        "Inhoud",
        "Aanbevelingen en wat ermee gebeurde",
        "Opleiding",
        "Systematische identiteitscontroles",
    ]
    assert headings(report, 3) == THEMES
    assert not [heading for heading in headings(report, 3) if " as of " in heading]


@pytest.mark.parametrize(
    "theme, recommendations, lines",
    [
        (
            "Inbedding van het opleidingstraject",
            ["2.1", "2.2", "2.3"],
            [
                "Centrale concepten herkenbaarder maken",
                "De 4 stappen vaker herhalen in de modules HK — afgerond, 100%",
                "12/02/2024 Personen na controle door de opleiders bevraagd naar hun ervaring "
                "(uitleg, omgang): 95% positief.",
                "Update van het erkenningsdossier overwegen",
                "Nationale online opleiding ProProfile — on hold, 0%",
            ],
        ),
        (
            "Opvoeren van de kwantiteit van de opleidingen",
            ["3.1"],
            ["Intervisie met de Dienst Operationele Acties — afgerond, 100%"],
        ),
        (
            "Intervisie en blijvende reflectie en verbeteren",
            ["4.1"],
            [
                "Uitwisselingsdag voor politiekorpsen en -scholen (13/12/2023) — afgerond, 100%, "
                "vervaldatum 13/12/2023",
                "Eigen online module op ons leerplatform — lopend, 0%, vervaldatum 31/03/2024",
                "12/02/2024 Er zijn al 10 trainers opgeleid door een mastertrainer.",
            ],
        ),
        (
            "Systematische identiteitscontroles",
            ["5.1"],
            ["Meer uitleg aan de gecontroleerde persoon over de context — afgerond, 100%"],
        ),
        (
            "Dialoog en vertrouwen tussen burgers en politie",
            ["6.1"],
            [
                "Dialog en vertrouwen tussen burgers en politie versterken — lopend, 0%, "
                "vervaldatum 31/12/2025",
                "Partners: Kubat's Gym in samenwerking met HOGENT",
            ],
        ),
    ],
)
def test_each_theme_quotes_its_recommendations_and_what_was_done(
    report, theme, recommendations, lines
):
    text = section(report, theme)
    codes = [line.removeprefix("Aanbeveling ") for line in lines_of(text) if "Aanbeveling " in line]
    assert codes == recommendations
    for line in lines:
        assert line in lines_of(text)
    # Both assessments with their labels, never a bare code.
    assert "Onafhankelijke beoordeling\nnog niet beoordeeld" in text


def test_the_training_section_gives_the_bundles_figures(report):
    text = section(report, "Opleiding")
    # "714 collega's volgden module 1 (theorie); 437 collega's volgden zowel module 1 als
    # module 2 (VR)"
    assert lines_of(text)[0] == (
        "714 collega's volgden Module 1 handelingskader (theorie); "
        "437 van hen volgden ook Module 2 handelingskader (VR)."
    )
    # Staff figures for the council: the state at the end of the last month, 31/01/2024.
    headcount = training.total_headcount(last_month_end(MEETING))
    assert f"operationele personeelssterkte van {headcount}" in text
    for code, trained in (("hk-m1", 714), ("hk-m2", 437)):
        share = f"{100 * trained / headcount:.1f}".replace(".", ",")
        assert any(
            line.startswith(code) and line.endswith(f" {trained} {share}%")
            for line in lines_of(text)
        ), (code, text)
    assert "Opgeleide medewerkers per module" in text  # the chart's caption


def test_the_id_check_section_counts_the_authorisations_since_1_july_2023(report):
    text = section(report, "Systematische identiteitscontroles", level=2)
    assert "Toelatingen van de burgemeester van 01/07/2023 tot 19/02/2024" in text
    figures = id_checks.authorisation_figures(ID_CHECKS_SINCE, MEETING)
    # Persons checked (people): over the whole months, to 31/01/2024.
    persons = id_checks.authorisation_figures(ID_CHECKS_SINCE, last_month_end(MEETING))
    rows = {}
    for line in lines_of(text):  # the table's rows come before the chart's
        rows.setdefault(line.split()[0], line.split()[1:])
    # "sinds 1 juli 2023 toegepast voor 6 acties en 8 ordediensten"
    assert rows["actie"][2] == "6" and rows["ordedienst"][2] == "8"
    for kind in ("actie", "ordedienst"):
        kind_figures = figures[kind]
        assert rows[kind] == [
            str(kind_figures.requested),
            str(kind_figures.granted),
            str(kind_figures.applied),
            str(persons[kind].persons_checked),
            str(kind_figures.evaluated),
        ]
    assert rows["Totaal"][2] == "14"
    assert "Aangevraagde toelatingen per maand" in text  # the chart's caption

"""The council dashboard: every headline figure against a hand-counted data set."""

import datetime

import pytest
from django.urls import reverse

from recommendations import services as recommendation_services
from tests.caches import forget_figures
from tests.factories import (
    ActionFactory,
    AuthorisationFactory,
    CompletionFactory,
    DecisionFactory,
    ExecutionFactory,
    ModuleFactory,
    ModulePrerequisiteFactory,
    RecommendationFactory,
    StaffMemberFactory,
    ThemeFactory,
    UnitFactory,
    UnitHeadcountFactory,
)
from tests.html import element_text, outline, page_text, section, table_after

TODAY = datetime.date.today()
# The dashboard's period: the last two months. Dates below are relative to today.
PERIOD_START = TODAY - datetime.timedelta(days=60)


def days(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    from django.utils import timezone

    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


@pytest.fixture
def data_set(db):
    """Three recommendations in two themes, four actions, two modules, three authorisations."""
    training_theme, id_theme = ThemeFactory(name="Opleiding"), ThemeFactory(name="ID-controles")
    done = RecommendationFactory(theme=training_theme, police_status="uitgevoerd")
    running = RecommendationFactory(
        theme=training_theme,
        police_status="lopend",
        independent_status="deels_uitgevoerd",
        independent_assessor="Onderzoekers",
    )
    not_started = RecommendationFactory(theme=id_theme, police_status="niet_gestart")
    ActionFactory(
        recommendations=[done],
        status="afgerond",
        progress=100,
        completed_on=days(-40),
    )
    # Overdue: due before TODAY and still open.
    ActionFactory(recommendations=[running], status="lopend", progress=40, due_date=days(-18))
    ActionFactory(
        recommendations=[running, not_started],
        status="gepland",
        progress=0,
        due_date=days(-9),
    )
    ActionFactory(
        recommendations=[not_started],
        status="lopend",
        progress=20,
        due_date=days(130),
    )

    unit = UnitFactory(name="Dienst Operationele Acties")
    UnitHeadcountFactory(unit=unit, date=datetime.date(2023, 1, 1), headcount=20)
    theory = ModuleFactory(code="m1", name="Module 1 theorie")
    vr = ModulePrerequisiteFactory(
        required=theory, module__code="m2", module__name="Module 2 VR"
    ).module
    staff = StaffMemberFactory.create_batch(10, unit=unit)
    for member in staff[:8]:
        CompletionFactory(staff=member, module=theory, completed_on=datetime.date(2023, 9, 1))
    for member in staff[:3]:
        CompletionFactory(staff=member, module=vr, completed_on=datetime.date(2023, 10, 1))

    granted = DecisionFactory(
        authorisation__kind="actie",
        authorisation__starts_at=aware(days(-30)),
        authorisation__ends_at=aware(days(-30), 18),
    )
    ExecutionFactory(decision=granted, persons_checked=3)
    AuthorisationFactory(
        kind="ordedienst",
        starts_at=aware(days(-10)),
        ends_at=aware(days(-10), 20),
    )
    AuthorisationFactory(
        kind="actie",
        starts_at=aware(days(-90)),
        ends_at=aware(days(-90), 20),
    )
    return {"themes": (training_theme, id_theme), "recommendations": (done, running, not_started)}


def dashboard(client, **params):
    query = {"start": PERIOD_START.isoformat(), "end": TODAY.isoformat(), **params}
    response = client.get(reverse("home"), query)
    assert response.status_code == 200
    return response


def read(response) -> str:
    return response.content.decode()


def test_headline_figures_match_the_hand_count(data_set, staff_client):
    page = read(dashboard(staff_client))
    header, *rows = table_after(page, "Aanbevelingen per status")
    assert header == ["Status", "Beoordeling politie", "Onafhankelijke beoordeling"]
    assert rows == [
        ["niet gestart", "1", "0"],
        ["lopend", "1", "0"],
        ["deels uitgevoerd", "0", "1"],
        ["uitgevoerd", "1", "0"],
        ["niet uitgevoerd (met motivering)", "0", "0"],
        ["Nog niet beoordeeld", "—", "2"],
    ]
    assert element_text(page, "figure-recommendations") == "3"
    assert "33% uitgevoerd volgens de politie" in section(page, "Aanbevelingen", level=3)
    assert element_text(page, "figure-overdue") == "2"
    _, *coverage = table_after(page, "Opgeleide medewerkers per module")
    assert [row[1:] for row in coverage] == [["8", "40,0%"], ["3", "15,0%"]]
    assert element_text(page, "figure-module1") == "8"
    assert "van wie 3 ook" in page_text(page)
    # The authorisation of 90 days ago is outside the period.
    assert element_text(page, "figure-authorisations") == "2"
    assert "aangevraagd; 1 toegestaan, 1 toegepast, 3 personen gecontroleerd" in page_text(page)


def theme_cards(page) -> dict[str, str]:
    """The text of each card under "Progress per theme", by theme name."""
    cards, inside = {}, False
    for part in outline(page):
        if part.level <= 2:
            inside = part.heading == "Voortgang per thema"
        elif inside and part.level == 3:
            cards[part.heading] = part.text
    return cards


def test_theme_progress_rolls_up_from_the_actions(data_set, staff_client):
    cards = theme_cards(read(dashboard(staff_client)))
    # Opleiding: recommendation "done" 100, "running" (40 + 0) / 2 = 20 -> average 60.
    assert "60%" in cards["Opleiding"] and "2 achterstallig" in cards["Opleiding"]
    # ID-controles: (0 + 20) / 2 = 10.
    assert "10%" in cards["ID-controles"]
    assert f"Eerstvolgende vervaldata: {days(130):%d/%m/%Y}" in cards["ID-controles"]


def test_the_theme_filter_narrows_every_recommendation_figure(data_set, staff_client):
    _, id_theme = data_set["themes"]
    page = read(dashboard(staff_client, theme=id_theme.pk))
    assert element_text(page, "figure-recommendations") == "1"
    assert "0% uitgevoerd volgens de politie" in section(page, "Aanbevelingen", level=3)
    assert element_text(page, "figure-overdue") == "1"  # the planned action serves both
    assert list(theme_cards(page)) == [id_theme.name]


def test_figures_about_people_are_suppressed_for_council_members_only(
    data_set, staff_client, council_client
):
    assert "3 personen gecontroleerd" in dashboard(staff_client).content.decode()
    council_page = dashboard(council_client).content.decode()
    # One sign for every hidden figure (core.disclosure.MARK).
    assert "x personen gecontroleerd" in council_page
    assert "3 personen gecontroleerd" not in council_page


def test_every_headline_figure_links_to_the_list_behind_it(data_set, staff_client):
    page = dashboard(staff_client)
    overdue_link = reverse("recommendations:action_list") + "?overdue=true&recommendations__theme="
    assert overdue_link.replace("&", "&amp;") in page.content.decode()
    listed = staff_client.get(overdue_link)
    assert listed.context["table"].paginator.count == int(
        element_text(read(page), "figure-overdue")
    )


def test_a_write_shows_on_the_next_request(data_set, staff_client, police_user):
    assert element_text(read(dashboard(staff_client)), "figure-overdue") == "2"
    overdue = data_set["recommendations"][1].actions.get(progress=40)
    recommendation_services.action_set_status(
        action=overdue, status="afgerond", expected_version=overdue.version, actor=police_user
    )
    assert element_text(read(dashboard(staff_client)), "figure-overdue") == "1"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("start", "2024-13-01", "Voer een geldige datum in."),
        ("start", "1850-01-01", "Kies een datum tussen 2000 en tien jaar vanaf nu."),
        ("end", "2000-01-01", "Het einde van de periode mag niet voor het begin liggen."),
        ("theme", "999999", "Selecteer een geldige keuze."),
    ],
)
def test_wrong_filters_give_a_dutch_error_and_the_default_figures(
    data_set, staff_client, field, value, message
):
    params = {"start": "2024-01-01", field: value}
    response = staff_client.get(reverse("home"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert element_text(read(response), "figure-recommendations") == "3"


def test_the_query_count_does_not_grow_with_the_data(
    data_set, staff_client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        forget_figures()
        with CaptureQueriesContext(connection) as queries:
            dashboard(staff_client)
        return len(queries)

    small = count_queries()
    theme = data_set["themes"][0]
    for _ in range(10):
        recommendation = RecommendationFactory(theme=theme)
        ActionFactory.create_batch(
            3, recommendations=[recommendation], due_date=datetime.date(2024, 1, 1)
        )
    StaffMemberFactory.create_batch(30)
    AuthorisationFactory.create_batch(30, starts_at=aware(days(-5)), ends_at=aware(days(-5), 20))
    assert count_queries() == small
    forget_figures()
    with django_assert_num_queries(small):
        dashboard(staff_client)


def test_cached_figures_cost_one_query_each_for_the_fingerprint(data_set, staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dashboard(staff_client)
    with CaptureQueriesContext(connection) as queries:
        dashboard(staff_client)
    # The period anchors (part of the content's key) and the content, each read from the
    # cache after one look at the data state.
    figure_queries = [q["sql"] for q in queries if "history" in q["sql"].lower()]
    assert len(figure_queries) == 2

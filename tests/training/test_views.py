import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.disclosure import publication
from tests.factories import (
    CompletionFactory,
    ModuleFactory,
    ModulePrerequisiteFactory,
    SessionFactory,
    StaffMemberFactory,
    UnitFactory,
    UnitHeadcountFactory,
)
from tests.html import labels, table_after
from training import summaries
from training.models import Completion, Module, Session, StaffMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_rows():
    """More rows than three pages hold: 500 staff in 5 units, 5,000 completions over 10
    modules (bulk, for speed). Query counts must not grow with them."""
    units = [UnitFactory() for _ in range(5)]
    for unit in units:
        UnitHeadcountFactory(unit=unit, headcount=100)
    link = ModulePrerequisiteFactory(
        required=ModuleFactory(code="m1", mandatory=True),
        module=ModuleFactory(code="m2", kind=Module.Kind.VR, mandatory=True),
    )
    modules = [link.required, link.module] + [
        ModuleFactory(code=f"m{index}", refresher_months=12 if index % 2 else None)
        for index in range(3, 11)
    ]
    StaffMember.objects.bulk_create(
        StaffMember(
            staff_number=f"Q{index:05d}", name=f"Veel Voorbeeld {index}", unit=units[index % 5]
        )
        for index in range(500)
    )
    staff_ids = list(StaffMember.objects.values_list("pk", flat=True))
    session = SessionFactory(module=link.required)
    Completion.objects.bulk_create(
        Completion(
            staff_id=staff_id,
            module=module,
            completed_on=datetime.date(2022, 1 + index % 12, 1),
            method=Completion.Method.IMPORT,
            period_number=index,
            session=session if module == link.required and number < 20 else None,
        )
        for index, module in enumerate(modules)
        for number, staff_id in enumerate(staff_ids)
    )
    summaries.refresh_all()  # as the bulk write of the services does
    return session


def test_the_coverage_page_has_a_bounded_query_count(
    council_client, many_rows, django_assert_max_num_queries
):
    # The council's publication is built once per data state in a fixed number of
    # queries (core.disclosure: each app's inputs, read once for all its pieces; the kept
    # states up to the last month end through the figure cache, which on PostgreSQL, in
    # this test's transaction, which has written, reads the history ids each time), then
    # the page keeps its own bound.
    with django_assert_max_num_queries(17):
        publication()
    # Reading the publication from the figure cache checks the data state as every cached
    # figure does (on PostgreSQL a snapshot query, and in this test's transaction, which
    # has written, the history ids again each time), and the newest completion up to the
    # day of the kept training figures. The council reads the last month end: on any day
    # but a month's last, a past date, summed from the kept changes in staff trained; on
    # the last, today's (at most 30 either way).
    with django_assert_max_num_queries(30):
        response = council_client.get(reverse("training:coverage"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<svg" in content and "<title" in content and "<table" in content
    assert "style=" not in content
    header, first, *_ = table_after(content, "Per module")
    assert header == ["Module", "Gevolgd", "Personeelsbestand", "%"]
    assert first[1:] == ["500", "500", "100,0%"]


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("training:completion_list", "?method=import&page=3"),
        ("training:completion_list", "?_export=csv"),
        ("training:session_list", ""),
        ("training:staff_list", "?page=2"),
    ],
)
def test_lists_have_a_bounded_query_count(
    staff_client, many_rows, django_assert_max_num_queries, name, query
):
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse(name) + query)
    assert response.status_code == 200


def test_session_detail_has_a_bounded_query_count(
    staff_client, many_rows, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = staff_client.get(many_rows.get_absolute_url())
    assert response.content.decode().count("Veel Voorbeeld") == 20


def test_council_members_never_see_a_staff_name(council_client, staff_client):
    session = SessionFactory(
        module=ModuleFactory(kind=Module.Kind.INTERVISION),
        supervisor=StaffMemberFactory(name="Geheim Leidinggevende"),
        unit=UnitFactory(),
    )
    session.trainers.add(StaffMemberFactory(name="Geheime Trainer"))
    CompletionFactory(
        staff=StaffMemberFactory(name="Geheime Deelnemer"), module=session.module, session=session
    )
    pages = [
        reverse("training:coverage"),
        reverse("training:session_list"),
        session.get_absolute_url(),
        reverse("training:session_list") + "?_export=csv",
    ]
    for url in pages:
        content = council_client.get(url).content.decode()
        assert "Geheim" not in content, url
    assert "Geheime Deelnemer" in staff_client.get(session.get_absolute_url()).content.decode()
    assert council_client.get(reverse("training:completion_list")).status_code == 403


@pytest.mark.parametrize("asked", ["0001-01-01", "1850-06-30", "9999-12-31", "geen datum", ""])
def test_the_coverage_page_falls_back_to_today_for_an_implausible_date(staff_client, asked):
    response = staff_client.get(reverse("training:coverage"), {"at": asked})
    assert response.status_code == 200
    assert response.context["at"] == timezone.localdate()


def test_the_coverage_page_shows_a_past_date_asked_for(staff_client):
    response = staff_client.get(reverse("training:coverage"), {"at": "2024-02-19"})
    assert response.context["at"] == datetime.date(2024, 2, 19)


def test_completion_list_filters_by_unit_and_period(staff_client):
    unit = UnitFactory(name="Dienst Filter")
    CompletionFactory(
        staff=StaffMemberFactory(unit=unit, name="Binnen Filter"),
        completed_on=datetime.date(2023, 6, 1),
    )
    CompletionFactory(
        staff=StaffMemberFactory(unit=unit, name="Buiten Periode"),
        completed_on=datetime.date(2021, 6, 1),
    )
    CompletionFactory(staff=StaffMemberFactory(name="Andere Dienst"))
    response = staff_client.get(
        reverse("training:completion_list"),
        {"unit": unit.pk, "completed_from": "2023-01-01", "completed_until": "2023-12-31"},
    )
    names = [row.record.staff.name for row in response.context["table"].rows]
    assert names == ["Binnen Filter"]


def test_the_export_escapes_formulas(staff_client):
    CompletionFactory(staff=StaffMemberFactory(name='=HYPERLINK("x")'))
    response = staff_client.get(reverse("training:completion_list") + "?_export=csv")
    assert "'=HYPERLINK" in response.content.decode()


def test_plan_a_session_with_bad_input_shows_dutch_errors(staff_client):
    response = staff_client.post(reverse("training:session_create"), {"capacity": "0"})
    form = response.context["form"]
    assert form.errors["module"] == ["Dit veld is verplicht."]
    assert form.errors["location"] == ["Dit veld is verplicht."]
    response = staff_client.post(
        reverse("training:session_create"),
        {
            "module": ModuleFactory().pk,
            "starts_at": "2024-05-14T09:00",
            "location": "Zaal 1",
            "capacity": "0",
            "status": "gepland",
        },
    )
    assert response.context["form"].non_field_errors() == ["De capaciteit is minstens één persoon."]
    assert not Session.objects.exists()


def test_plan_and_edit_a_session(staff_client, police_user):
    module = ModuleFactory()
    response = staff_client.post(
        reverse("training:session_create"),
        {
            "module": module.pk,
            "starts_at": "2024-05-14T09:00",
            "location": "Zaal 1",
            "capacity": "12",
            "status": "gepland",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert session.history.get().history_user == police_user
    response = staff_client.post(
        reverse("training:session_update", args=[session.pk]),
        {
            "module": module.pk,
            "starts_at": "2024-05-14T09:00",
            "location": "Zaal 2",
            "capacity": "12",
            "status": "gepland",
            "version": "1",
        },
    )
    session.refresh_from_db()
    assert (session.location, session.version) == ("Zaal 2", 2)


def test_a_stale_session_edit_is_refused(staff_client):
    session = SessionFactory(location="Zaal 1")
    session.version = 3
    session.save()
    response = staff_client.post(
        reverse("training:session_update", args=[session.pk]),
        {
            "module": session.module.pk,
            "starts_at": "2024-05-14T09:00",
            "location": "Zaal 9",
            "capacity": "12",
            "status": "gepland",
            "version": "1",
        },
    )
    assert "Iemand anders heeft dit record gewijzigd" in response.content.decode()
    session.refresh_from_db()
    assert session.location == "Zaal 1"


def test_record_an_intervision_by_the_supervisors_staff_number(staff_client):
    module = ModuleFactory(kind=Module.Kind.INTERVISION)
    unit = UnitFactory()
    data = {
        "module": module.pk,
        "starts_at": "2023-11-21T14:00",
        "location": "DOA",
        "unit": unit.pk,
        "status": "gegeven",
        "supervisor_number": "X-404",
    }
    response = staff_client.post(reverse("training:intervision_create"), data)
    assert response.context["form"].errors["supervisor_number"] == [
        "Onbekend personeelsnummer “X-404”."
    ]
    supervisor = StaffMemberFactory(unit=unit)
    data["supervisor_number"] = supervisor.staff_number
    staff_client.post(reverse("training:intervision_create"), data)
    assert Session.objects.get().supervisor == supervisor


def test_register_attendance_of_several_people_at_once(staff_client):
    session = SessionFactory(status=Session.Status.PLANNED)
    people = StaffMemberFactory.create_batch(3)
    url = reverse("training:session_attendance", args=[session.pk])
    response = staff_client.post(url, {"participants": [p.pk for p in people[:2]]})
    assert response.status_code == 302
    assert set(session.completions.values_list("staff", flat=True)) == {p.pk for p in people[:2]}
    # Those who attended are no longer offered.
    offered = list(staff_client.get(url).context["form"].fields["participants"].queryset)
    assert offered == [people[2]]


def test_the_attendance_list_narrows_to_one_unit_and_ignores_a_wrong_one(staff_client):
    session = SessionFactory(status=Session.Status.PLANNED)
    here, elsewhere = StaffMemberFactory(), StaffMemberFactory()
    url = reverse("training:session_attendance", args=[session.pk])

    def offered(unit):
        response = staff_client.get(url, {"unit": unit})
        assert response.status_code == 200
        return set(response.context["form"].fields["participants"].queryset)

    assert offered(here.unit.pk) == {here}
    for wrong in ("²", "99999999999999999999999", "abc", ""):
        assert offered(wrong) == {here, elsewhere}


def test_attendance_refused_for_a_future_session_changes_nothing(staff_client):
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    person = StaffMemberFactory()
    url = reverse("training:session_attendance", args=[session.pk])
    response = staff_client.post(url, {"participants": [person.pk]})
    assert "zodra de sessie plaatsvond" in response.content.decode()
    assert not Completion.objects.exists()


def test_the_staff_number_fields_are_labelled_as_the_others_are(staff_client):
    for name in ("training:completion_create", "training:intervision_create"):
        found = labels(staff_client.get(reverse(name)).text)
        numbers = [label for label in found if "ersoneelsnummer" in label]
        assert numbers and all(label[0].isupper() for label in numbers), found


def test_record_a_single_completion_with_bad_input(staff_client):
    module = ModuleFactory()
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = staff_client.post(
        reverse("training:completion_create"),
        {
            "staff_number": "NIEMAND",
            "module": module.pk,
            "completed_on": future,
            "method": "import",
        },
    )
    errors = response.context["form"].errors
    assert errors["staff_number"] == ["Onbekend personeelsnummer “NIEMAND”."]
    assert "method" in errors
    staff = StaffMemberFactory()
    response = staff_client.post(
        reverse("training:completion_create"),
        {
            "staff_number": staff.staff_number,
            "module": module.pk,
            "completed_on": future,
            "method": "online",
        },
    )
    assert response.context["form"].errors["completed_on"] == [
        "De voltooiingsdatum ligt in de toekomst."
    ]
    assert not Completion.objects.exists()


def test_record_a_single_completion_before_its_prerequisite_warns(staff_client):
    link = ModulePrerequisiteFactory()
    staff = StaffMemberFactory()
    response = staff_client.post(
        reverse("training:completion_create"),
        {
            "staff_number": staff.staff_number,
            "module": link.module.pk,
            "completed_on": "2023-05-02",
            "method": "online",
        },
        follow=True,
    )
    assert "nog niet gevolgd" in response.content.decode()
    assert Completion.objects.get().before_prerequisite


def test_attendance_with_a_participant_id_out_of_range_is_refused(staff_client):
    session = SessionFactory()
    url = reverse("training:session_attendance", args=[session.pk])
    response = staff_client.post(url, {"participants": ["9" * 30]})
    assert response.context["form"].errors["participants"] == [
        "Selecteer een geldige keuze. 999999999999999999999999999999 is geen beschikbare keuze."
    ]
    assert not Completion.objects.exists()


def test_the_cached_completion_count_follows_every_write(staff_client):
    CompletionFactory(method=Completion.Method.IMPORT)
    url = reverse("training:completion_list") + "?method=import"
    assert staff_client.get(url).context["table"].paginator.count == 1
    CompletionFactory(method=Completion.Method.IMPORT)
    assert staff_client.get(url).context["table"].paginator.count == 2
    assert staff_client.get(url + "&page=1").context["table"].paginator.count == 2


def test_the_completion_count_is_not_recounted_per_page(staff_client):
    CompletionFactory.create_batch(3, method=Completion.Method.IMPORT)
    staff_client.get(reverse("training:completion_list") + "?method=import")
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(reverse("training:completion_list") + "?method=import&page=1")
    assert response.context["table"].paginator.count == 3
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]


def test_the_cached_coverage_page_shows_a_new_unit_at_once(staff_client):
    UnitHeadcountFactory(unit=UnitFactory(name="Dienst Eerst"), headcount=10)
    first = staff_client.get(reverse("training:coverage")).content.decode()
    UnitHeadcountFactory(unit=UnitFactory(name="Dienst Later"), headcount=10)
    second = staff_client.get(reverse("training:coverage")).content.decode()
    assert "Dienst Eerst" in first and "Dienst Later" not in first
    assert "Dienst Eerst" in second and "Dienst Later" in second


def test_the_cached_coverage_page_follows_the_language(staff_client):
    ModuleFactory(mandatory=True)
    dutch = staff_client.get(reverse("training:coverage")).content.decode()
    staff_client.cookies["django_language"] = "en"
    english = staff_client.get(reverse("training:coverage")).content.decode()
    assert "verplicht" in dutch and "mandatory" in english


def test_a_new_unit_is_offered_in_the_cached_unit_filter_at_once(staff_client):
    UnitFactory(name="Dienst Eerst")
    first = staff_client.get(reverse("training:completion_list")).content.decode()
    later = UnitFactory(name="Dienst Later")
    second = staff_client.get(reverse("training:completion_list"), {"unit": later.pk})
    assert "Dienst Eerst" in first and "Dienst Later" not in first
    assert f'<option value="{later.pk}" selected>Dienst Later</option>' in second.content.decode()


def test_an_invalid_filter_counts_no_completions(staff_client):
    CompletionFactory()
    response = staff_client.get(reverse("training:completion_list"), {"module": "999999"})
    assert response.status_code == 200
    assert response.context["table"].paginator.count == 0

"""Pages of the register, through real URLs, per role."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from id_checks.models import (
    COUNT_FIELDS,
    Authorisation,
    Decision,
    Execution,
    Extension,
    Kind,
    Outcome,
    Status,
)
from tests.factories import (
    AuthorisationFactory,
    DecisionFactory,
    ExecutionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("id_checks:authorisation_list")


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def authorisation_data(**overrides):
    starts_at = timezone.now() + timedelta(days=3)
    data = {
        "reference": "TOE-2025-001",
        "kind": Kind.ACTION,
        "requesting_unit": UnitFactory().pk,
        "requesting_officer": "Hoofdinspecteur Test",
        "ordering_officer": "Commissaris Test",
        "area_name": "Stationsomgeving",
        "area_description": "Pleinen en haltes",
        "district": "Zuid",
        "starts_at": local_input(starts_at),
        "ends_at": local_input(starts_at + timedelta(hours=8)),
        "objective_grounds": "Meldingen van drugshandel",
        "necessity": "Gerichte controles volstonden niet",
        "alternatives": "Patrouilles",
        "communication_planned": "Bericht op de website",
        "explanation_to_persons": "Uitleg over de toelating",
    }
    return {**data, **overrides}


def execution_data(**overrides):
    return {
        **dict.fromkeys(COUNT_FIELDS, 0),
        "reason_not_applied": "Geen grote problemen",
        **overrides,
    }


def errors_of(response, field):
    return response.context["form"].errors[field]


# --- register ----------------------------------------------------------------------------


def test_the_register_filters_on_status_kind_district_applied_and_period(staff_client):
    past = timezone.now() - timedelta(days=30)
    executed = ExecutionFactory(
        decision__authorisation=AuthorisationFactory(
            district="Rabot", starts_at=past, ends_at=past + timedelta(hours=5)
        )
    ).decision.authorisation
    requested = AuthorisationFactory(kind=Kind.PUBLIC_ORDER, district="Zuid")

    def references(query):
        response = staff_client.get(LIST + query)
        return {row.record.reference for row in response.context["table"].rows}

    assert references(f"?status={Status.ENDED}") == {executed.reference}
    assert references(f"?status={Status.REQUESTED}") == {requested.reference}
    assert references("?kind=ordedienst") == {requested.reference}
    assert references("?district=Rabot") == {executed.reference}
    assert references("?applied=true") == {executed.reference}
    period = f"?starts_at__date__gte={(past - timedelta(days=1)).date()}"
    period += f"&starts_at__date__lte={(past + timedelta(days=1)).date()}"
    assert references(period) == {executed.reference}


def test_an_unknown_status_in_the_filter_is_refused_in_dutch(staff_client):
    response = staff_client.get(LIST + "?status=verzonnen")
    assert "Selecteer een geldige keuze" in str(response.context["filter"].form.errors["status"])


def test_the_register_has_a_bounded_number_of_queries(
    staff_client, many_authorisations, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = staff_client.get(LIST + "?status=afgelopen")
    assert response.status_code == 200
    # Decided, in the past: ended, executed or not.
    assert response.context["table"].paginator.count == 1800


def test_the_export_has_a_bounded_number_of_queries(
    staff_client, many_authorisations, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = staff_client.get(LIST + "?_export=csv")
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(response.streaming_content).decode()
                if response.streaming
                else response.content.decode()
            )
        )
    )
    assert len(rows) == 2001


def test_council_members_see_small_numbers_as_less_than_five_in_the_export(
    council_client, staff_client
):
    ExecutionFactory(persons_checked=3)
    ExecutionFactory(persons_checked=0)
    ExecutionFactory(persons_checked=12)

    def persons(client):
        content = client.get(LIST + "?_export=csv").content.decode()
        rows = list(csv.DictReader(io.StringIO(content)))
        return sorted(row["Gecontroleerde personen"] for row in rows)

    # 3 is hidden, and so is 12: with the month's total published, 12 would give the 3.
    assert persons(council_client) == ["0", "x", "x"]
    row = next(
        csv.DictReader(io.StringIO(council_client.get(LIST + "?_export=csv").content.decode()))
    )
    assert row["Begin"] == timezone.localtime(Authorisation.objects.first().starts_at).strftime(
        "%Y-%m-%d %H:%M"
    )
    assert persons(staff_client) == ["0", "12", "3"]


# --- detail ------------------------------------------------------------------------------


def test_the_detail_shows_the_timeline_and_history_in_bounded_queries(
    staff_client, django_assert_max_num_queries
):
    execution = ExecutionFactory(persons_checked=3)
    Extension.objects.create(
        authorisation=execution.decision.authorisation,
        new_ends_at=execution.decision.authorisation.ends_at + timedelta(hours=2),
        decided_on=date.today(),
        reason="Uitloop",
    )
    url = execution.decision.authorisation.get_absolute_url()
    with django_assert_max_num_queries(14):
        response = staff_client.get(url)
    content = response.content.decode()
    for heading in ("Aanvraag", "Beslissing", "Verlenging", "Uitvoering", "Evaluatie"):
        assert f"<h2>{heading}</h2>" in content
    assert "Uitloop" in content
    assert len(response.context["history"]) == 4
    assert "<dd>3</dd>" in content


def test_council_members_read_the_detail_without_edit_links_and_with_suppressed_counts(
    council_client,
):
    execution = ExecutionFactory(persons_checked=3, complaints=1)
    response = council_client.get(execution.decision.authorisation.get_absolute_url())
    content = response.content.decode()
    assert "<dd>x</dd>" in content
    assert "<dd>3</dd>" not in content
    assert "bewerken" not in content and "registreren" not in content


def test_the_signed_decision_is_served_as_a_download(staff_client):
    decision = DecisionFactory()
    decision.document.save("x.pdf", SimpleUploadedFile("x.pdf", b"%PDF-1.4 test"))
    response = staff_client.get(
        reverse("id_checks:decision_document", args=[decision.authorisation_id])
    )
    assert response["Content-Type"] == "application/pdf"
    assert f"beslissing-{decision.authorisation.reference}.pdf" in response["Content-Disposition"]


def test_no_signed_decision_gives_404(staff_client):
    decision = DecisionFactory()
    url = reverse("id_checks:decision_document", args=[decision.authorisation_id])
    assert staff_client.get(url).status_code == 404


# --- forms -------------------------------------------------------------------------------


def test_police_staff_request_an_authorisation(staff_client, police_user):
    response = staff_client.post(reverse("id_checks:authorisation_create"), authorisation_data())
    authorisation = Authorisation.objects.get(reference="TOE-2025-001")
    assert response["Location"] == authorisation.get_absolute_url()
    assert authorisation.history.get().history_user == police_user


def test_an_end_before_the_start_is_shown_on_the_field(staff_client):
    data = authorisation_data()
    data["ends_at"] = data["starts_at"]
    response = staff_client.post(reverse("id_checks:authorisation_create"), data)
    assert response.status_code == 200
    assert errors_of(response, "ends_at") == ["Het einde moet na het begin liggen."]
    assert not Authorisation.objects.exists()


def test_a_window_over_the_maximum_is_shown_on_the_field(staff_client):
    starts_at = timezone.now() + timedelta(days=1)
    data = authorisation_data(ends_at=local_input(starts_at + timedelta(days=2)))
    data["starts_at"] = local_input(starts_at)
    response = staff_client.post(reverse("id_checks:authorisation_create"), data)
    assert errors_of(response, "ends_at") == [
        "Een toelating duurt hoogstens 24 uur; registreer een verlenging met haar reden om "
        "langer te gaan."
    ]


def test_a_national_register_number_in_the_grounds_is_refused(staff_client):
    data = authorisation_data(objective_grounds="Persoon 85073003361 gezien")
    response = staff_client.post(reverse("id_checks:authorisation_create"), data)
    assert errors_of(response, "objective_grounds") == [
        "Deze tekst lijkt een rijksregisternummer te bevatten. Registreer geen "
        "persoonsgegevens van burgers: verwijder het."
    ]


def test_a_stale_edit_shows_the_other_persons_changes(staff_client):
    authorisation = AuthorisationFactory()
    url = reverse("id_checks:authorisation_update", args=[authorisation.pk])
    data = authorisation_data(
        reference=authorisation.reference,
        requesting_unit=authorisation.requesting_unit_id,
        version=1,
    )
    assert staff_client.post(url, {**data, "area_name": "Eerste"}).status_code == 302
    response = staff_client.post(url, {**data, "area_name": "Tweede"})
    assert response.status_code == 200
    changes = {change.field: change.theirs for change in response.context["conflict"].changes}
    assert changes["area_name"] == "Eerste"
    authorisation.refresh_from_db()
    assert authorisation.area_name == "Eerste"


def test_a_conditional_grant_without_conditions_is_refused(staff_client):
    authorisation = AuthorisationFactory()
    response = staff_client.post(
        reverse("id_checks:decision_edit", args=[authorisation.pk]),
        {
            "outcome": Outcome.GRANTED_WITH_CONDITIONS,
            "decided_on": "2025-01-10",
            "decided_by": "Burgemeester",
        },
    )
    assert response.context["form"].non_field_errors() == [
        "Beschrijf de voorwaarden van een voorwaardelijke toelating."
    ]
    assert not Decision.objects.exists()


def test_a_signed_decision_of_the_wrong_type_is_refused(staff_client):
    authorisation = AuthorisationFactory()
    response = staff_client.post(
        reverse("id_checks:decision_edit", args=[authorisation.pk]),
        {
            "outcome": Outcome.GRANTED,
            "decided_on": "2025-01-10",
            "decided_by": "Burgemeester",
            "document": SimpleUploadedFile("beslissing.exe", b"MZ"),
        },
    )
    assert errors_of(response, "document")[0].startswith("Dit bestandstype wordt niet aanvaard.")
    assert not Decision.objects.exists()


def test_the_decision_is_recorded_then_edited(staff_client):
    authorisation = AuthorisationFactory()
    url = reverse("id_checks:decision_edit", args=[authorisation.pk])
    data = {"outcome": Outcome.REFUSED, "decided_on": "2025-01-10", "decided_by": "Burgemeester"}
    assert staff_client.post(url, data)["Location"] == authorisation.get_absolute_url()
    assert (
        staff_client.post(url, {**data, "outcome": Outcome.GRANTED, "version": 1}).status_code
        == 302
    )
    decision = Decision.objects.get()
    assert (decision.outcome, decision.version) == (Outcome.GRANTED, 2)


def test_an_execution_under_a_refusal_is_refused(staff_client):
    decision = DecisionFactory(outcome=Outcome.REFUSED)
    response = staff_client.post(
        reverse("id_checks:execution_edit", args=[decision.authorisation_id]),
        execution_data(),
    )
    assert errors_of(response, "applied") == [
        "Een uitvoering kan alleen onder een verleende toelating worden geregistreerd."
    ]
    assert not Execution.objects.exists()


def test_an_execution_without_any_decision_is_refused(staff_client):
    authorisation = AuthorisationFactory()
    response = staff_client.post(
        reverse("id_checks:execution_edit", args=[authorisation.pk]),
        execution_data(),
    )
    assert errors_of(response, "applied") == [
        "Een uitvoering kan alleen onder een verleende toelating worden geregistreerd."
    ]


def test_negative_counts_are_refused_on_the_field(staff_client):
    decision = DecisionFactory()
    start = decision.authorisation.starts_at
    response = staff_client.post(
        reverse("id_checks:execution_edit", args=[decision.authorisation_id]),
        execution_data(
            applied="on",
            actual_starts_at=local_input(start),
            actual_ends_at=local_input(start + timedelta(hours=2)),
            persons_checked=10,
            municipal_fines=-1,
        ),
    )
    assert errors_of(response, "municipal_fines") == ["Zorg ervoor dat deze waarde minstens 0 is."]


def test_an_extension_needs_a_reason(staff_client):
    decision = DecisionFactory()
    response = staff_client.post(
        reverse("id_checks:extension_create", args=[decision.authorisation_id]),
        {
            "new_ends_at": local_input(decision.authorisation.ends_at + timedelta(hours=3)),
            "decided_on": "2025-01-10",
            "reason": "",
        },
    )
    assert errors_of(response, "reason") == ["Dit veld is verplicht."]


def test_an_evaluation_before_any_execution_is_refused(staff_client):
    decision = DecisionFactory()
    response = staff_client.post(
        reverse("id_checks:evaluation_edit", args=[decision.authorisation_id]),
        {"evaluated_on": "2025-01-10", "debrief_notes": "Goed", "effect_observed": "Rustig"},
    )
    assert errors_of(response, "evaluated_on") == [
        "Registreer eerst de uitvoering (toegepast of niet), dan pas de evaluatie."
    ]


def test_a_phone_number_in_the_debrief_is_refused(staff_client):
    execution = ExecutionFactory()
    response = staff_client.post(
        reverse("id_checks:evaluation_edit", args=[execution.decision.authorisation_id]),
        {
            "evaluated_on": "2025-01-10",
            "debrief_notes": "Getuige: 0470 12 34 56",
            "effect_observed": "Rustig",
        },
    )
    assert errors_of(response, "debrief_notes") == [
        "Deze tekst lijkt een telefoonnummer te bevatten. Registreer geen persoonsgegevens "
        "van burgers: verwijder het."
    ]


# --- summary -----------------------------------------------------------------------------


def test_a_date_in_year_one_is_refused_on_the_field(staff_client):
    decision = DecisionFactory()
    response = staff_client.post(
        reverse("id_checks:execution_edit", args=[decision.authorisation_id]),
        execution_data(
            applied="on", actual_starts_at="0001-01-01T00:00", actual_ends_at="0001-01-01T02:00"
        ),
    )
    assert errors_of(response, "actual_starts_at") == [
        "Kies een datum tussen 2000 en tien jaar vanaf nu."
    ]

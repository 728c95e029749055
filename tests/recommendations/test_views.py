import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.models import Action, DueDateChange, Evidence, ProgressUpdate, Recommendation
from tests.factories import ActionFactory, RecommendationFactory, ThemeFactory

d = datetime.date


def url(name, **kwargs):
    return reverse(f"recommendations:{name}", kwargs=kwargs)


def errors_of(response) -> dict:
    return response.context["form"].errors


def action_data(recommendation, **overrides):
    data = {
        "recommendations": [recommendation.pk],
        "title": "Nieuwe opleiding",
        "status": "lopend",
        "progress": "10",
        "due_date": "2030-06-30",
    }
    return {**data, **overrides}


def test_police_staff_create_an_action_attributed_to_them(staff_client, police_user):
    recommendation = RecommendationFactory()
    response = staff_client.post(url("action_create"), action_data(recommendation))
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    assert list(action.recommendations.all()) == [recommendation]
    assert action.history.get().history_user == police_user


def test_a_completed_action_without_100_shows_a_dutch_error_and_saves_nothing(staff_client):
    response = staff_client.post(
        url("action_create"),
        action_data(RecommendationFactory(), status="afgerond", completed_on="2024-01-01"),
    )
    assert response.status_code == 200
    assert "Een afgeronde actie heeft voortgang 100%." in errors_of(response)["__all__"]
    assert not Action.objects.exists()


def test_action_form_rejects_bad_dates_field_by_field(staff_client):
    response = staff_client.post(
        url("action_create"),
        action_data(RecommendationFactory(), start_date="2024-05-01", due_date="2024-04-01"),
    )
    assert "De einddatum kan niet vóór de startdatum liggen." in errors_of(response)["__all__"]
    response = staff_client.post(
        url("action_create"), action_data(RecommendationFactory(), due_date="31-31-2024")
    )
    assert errors_of(response)["due_date"] == ["Voer een geldige datum in."]
    response = staff_client.post(
        url("action_create"), action_data(RecommendationFactory(), progress="150")
    )
    assert "De voortgang is een percentage van 0 tot 100." in errors_of(response)["__all__"]
    assert not Action.objects.exists()


def test_edit_with_a_stale_version_shows_the_other_change(staff_client, police_user):
    action = ActionFactory(title="Oud", due_date=d(2030, 1, 1))
    recommendation = action.recommendations.get()
    data = action_data(recommendation, title="Mijn titel", version=action.version)
    del data["due_date"]
    Action.objects.filter(pk=action.pk).update(version=action.version + 1, title="Hun titel")
    response = staff_client.post(url("action_update", pk=action.pk), data)
    assert response.status_code == 200
    assert response.context["conflict"] is not None
    assert Action.objects.get().title == "Hun titel"


def test_edit_saves_with_the_current_version(staff_client):
    action = ActionFactory(due_date=d(2030, 1, 1))
    data = action_data(action.recommendations.get(), title="Nieuwe titel", version=1)
    del data["due_date"]
    response = staff_client.post(url("action_update", pk=action.pk), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.version, action.due_date) == ("Nieuwe titel", 2, d(2030, 1, 1))


def test_progress_update_form(staff_client, police_user):
    action = ActionFactory(start_date=d(2024, 1, 1))
    response = staff_client.post(
        url("progressupdate_create", pk=action.pk), {"date": "2999-01-01", "text": "Later"}
    )
    assert errors_of(response)["date"] == [
        "Een stand van zaken kan niet in de toekomst gedateerd zijn."
    ]
    response = staff_client.post(
        url("progressupdate_create", pk=action.pk), {"date": "", "text": ""}
    )
    assert errors_of(response)["text"] == ["Dit veld is verplicht."]
    assert not ProgressUpdate.objects.exists()
    response = staff_client.post(
        url("progressupdate_create", pk=action.pk), {"date": "2024-02-01", "text": "Module klaar"}
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().author == police_user


def test_due_date_change_form_needs_a_reason(staff_client):
    action = ActionFactory(due_date=d(2024, 3, 31))
    target = url("duedatechange_create", pk=action.pk)
    response = staff_client.post(target, {"new_date": "2024-06-30", "reason": " ", "version": 1})
    assert errors_of(response)["reason"] == ["Dit veld is verplicht."]
    response = staff_client.post(
        target, {"new_date": "2024-06-30", "reason": "Vertraging", "version": 1}
    )
    assert response.status_code == 302
    change = DueDateChange.objects.get()
    assert (change.old_date, change.new_date, change.reason) == (
        d(2024, 3, 31),
        d(2024, 6, 30),
        "Vertraging",
    )


def test_evidence_upload_and_permission_checked_download(staff_client, council_client):
    action = ActionFactory()
    target = url("evidence_create", pk=action.pk)
    fake = SimpleUploadedFile("verslag.pdf", b"MZ not a pdf")
    response = staff_client.post(target, {"title": "Verslag", "document": fake})
    assert errors_of(response)["document"] == [
        "De inhoud van dit bestand komt niet overeen met de extensie .pdf."
    ]
    assert not Evidence.objects.exists()
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 inhoud")
    assert staff_client.post(target, {"title": "Verslag", "document": pdf}).status_code == 302
    evidence = Evidence.objects.get()
    response = council_client.get(url("evidence_download", pk=evidence.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 inhoud"


def test_police_status_not_implemented_needs_motivation(staff_client):
    recommendation = RecommendationFactory()
    target = url("recommendation_police_status", pk=recommendation.pk)
    response = staff_client.post(target, {"police_status": "niet_uitgevoerd", "version": 1})
    assert "Geef de motivering voor “niet uitgevoerd”." in errors_of(response)["__all__"]
    response = staff_client.post(target, {"police_status": "uitgevoerd", "version": 1})
    assert response.status_code == 302
    assert Recommendation.objects.get().police_status == "uitgevoerd"


def test_independent_status_disagreement_is_visible(evaluator_client, council_client):
    recommendation = RecommendationFactory(police_status="uitgevoerd")
    response = evaluator_client.post(
        url("recommendation_independent_status", pk=recommendation.pk),
        {
            "independent_status": "lopend",
            "independent_assessor": "VUB/UGent",
            "disagreement_note": "Nog niet in de basisopleiding",
            "version": 1,
        },
    )
    assert response.status_code == 302
    page = council_client.get(url("recommendation_detail", pk=recommendation.pk)).content.decode()
    assert "De politie en de onafhankelijke beoordeling verschillen." in page
    assert "Nog niet in de basisopleiding" in page


def test_council_members_see_no_edit_links(council_client):
    action = ActionFactory()
    page = council_client.get(url("action_detail", pk=action.pk)).content.decode()
    assert url("action_update", pk=action.pk) not in page
    assert url("progressupdate_create", pk=action.pk) not in page


def test_overdue_is_shown_on_lists_and_details(council_client):
    action = ActionFactory(title="Te laat", due_date=d(2020, 1, 1))
    ActionFactory(title="Op tijd", due_date=d(2999, 1, 1))
    response = council_client.get(url("action_list"), {"overdue": "true"})
    assert [row.record.title for row in response.context["table"].page.object_list] == ["Te laat"]
    detail = council_client.get(url("action_detail", pk=action.pk)).content.decode()
    assert '<span class="overdue">achterstallig</span>' in detail


def test_recommendation_filters(council_client):
    theme = ThemeFactory(name="Identiteitscontroles")
    wanted = RecommendationFactory(code="X1", theme=theme, text="Betere communicatie")
    RecommendationFactory(code="X2", text="Iets anders")
    ActionFactory(recommendations=[wanted], due_date=d(2020, 1, 1))
    for query in ({"theme": theme.pk}, {"q": "communicatie"}, {"overdue": "true"}):
        response = council_client.get(url("recommendation_list"), query)
        assert [r.record.code for r in response.context["table"].page.object_list] == ["X1"]


def test_csv_export_of_the_filtered_table_escapes_formulae(council_client):
    ActionFactory(title='=HYPERLINK("x")', progress=30, due_date=d(2030, 1, 1))
    ActionFactory(title="Andere", status="afgerond", progress=100, completed_on=d(2024, 1, 1))
    response = council_client.get(url("action_list"), {"_export": "csv", "status": "lopend"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Titel", "Aanbevelingen", "Status", "Voortgang (%)"]
    assert len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][2:4] == ["lopend", "30"]


def test_an_impossible_key_is_a_field_error_not_a_crash(staff_client):
    data = action_data(RecommendationFactory(), owner_unit=str(2**70))
    data["recommendations"] = [str(2**70)]
    response = staff_client.post(url("action_create"), data)
    assert set(errors_of(response)) == {"recommendations", "owner_unit"}
    assert not Action.objects.exists()

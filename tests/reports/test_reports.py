"""The committee report as of a date, the changes between two dates, and frozen reports."""

import datetime
import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from core import dates
from profiling_followup import reports
from profiling_followup.models import FrozenReport
from recommendations import services
from recommendations.models import Action, Recommendation
from tests.caches import forget_figures
from tests.factories import CompletionFactory
from tests.html import page_text
from tests.reports.conftest import at

NEXT_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def only_recommendation(meeting_date):
    (snapshot,) = reports.report_themes(meeting_date)
    return snapshot


def test_the_report_for_a_past_meeting_ignores_later_changes(history):
    snapshot = only_recommendation(datetime.date(2024, 2, 19))
    assert snapshot.police_status == "lopend"
    (action,) = snapshot.actions
    assert (action.status, action.progress, action.due_date) == (
        "lopend",
        50,
        datetime.date(2024, 6, 30),
    )
    assert [update.text for update in action.updates] == ["Eerste sessies gegeven."]
    assert snapshot.progress == 50


def test_the_report_after_the_changes_shows_them(history):
    snapshot = only_recommendation(datetime.date(2024, 3, 15))
    assert snapshot.police_status == "uitgevoerd"
    (action,) = snapshot.actions
    assert (action.status, action.progress, action.due_date) == (
        "afgerond",
        100,
        datetime.date(2024, 9, 30),
    )
    assert len(action.updates) == 2


def test_the_report_page_quotes_the_recommendation_as_it_stood(history, council_client):
    page = council_client.get(reverse("committee_report"), {"date": "2024-02-19"})
    content = page.content.decode()
    assert "Veranker het opleidingstraject." in content
    assert "Eerste sessies gegeven." in content
    assert "Alle ploegen opgeleid." not in content
    assert "19/02/2024" in content


def test_a_report_before_anything_was_recorded_is_empty(history, council_client):
    page = council_client.get(reverse("committee_report"), {"date": "2023-12-31"})
    assert "Er was op deze datum nog geen aanbeveling geregistreerd." in page.content.decode()


@pytest.mark.parametrize(
    "value, message",
    [
        (NEXT_MONTH, "Een rapport toont alleen het verleden: kies vandaag of vroeger."),
        ("2024-02-30", "Voer een geldige datum in."),
        ("1900-01-01", "Kies een datum tussen 2000 en tien jaar vanaf nu."),
        ("<script>", "Voer een geldige datum in."),
    ],
)
def test_a_wrong_report_date_is_refused_in_dutch(db, council_client, value, message):
    page = council_client.get(reverse("committee_report"), {"date": value})
    assert page.status_code == 200
    assert message in page.content.decode()
    assert "commissie van" not in page_text(page.content.decode())  # no report shown


def test_changes_between_two_dates_list_what_happened_in_between(history):
    changes = reports.changes_between(
        datetime.date(2024, 2, 20), datetime.date(2024, 3, 31), AnonymousUser()
    )
    kinds = [(event.kind, event.subject) for event in changes["recommendations"]]
    assert ("due_date", "Module 2 uitrollen") in kinds
    assert ("action_completed", "Module 2 uitrollen") in kinds
    assert ("police_status", "R1") in kinds
    assert not any(kind == "action_created" for kind, _ in kinds)
    slipped = next(e for e in changes["recommendations"] if e.kind == "due_date")
    assert slipped.reason == "Trainers pas in september beschikbaar"


def test_changes_before_the_follow_up_are_empty(history):
    changes = reports.changes_between(
        datetime.date(2023, 1, 1), datetime.date(2023, 12, 31), AnonymousUser()
    )
    assert changes["recommendations"] == []


def test_the_changes_page_hides_who_changed_what_from_council_members(
    history, council_client, staff_client, police_user
):
    params = {"start": "2024-02-20", "end": "2024-03-31"}
    name = police_user.get_full_name()
    assert name in staff_client.get(reverse("report_changes"), params).content.decode()
    council_page = council_client.get(reverse("report_changes"), params).content.decode()
    assert "Trainers pas in september beschikbaar" in council_page
    assert name not in council_page


def test_changes_page_refuses_an_end_before_the_start(db, council_client):
    page = council_client.get(
        reverse("report_changes"), {"start": "2024-03-01", "end": "2024-02-01"}
    )
    assert "Het einde van de periode mag niet voor het begin liggen." in page.content.decode()
    assert page.context["changes"] is None


def test_an_administrator_freezes_a_report_once_and_it_never_changes(
    history, admin_client, police_user
):
    response = admin_client.post(reverse("frozen_report_create"), {"date": "2024-02-19"})
    assert response.status_code == 302
    frozen = FrozenReport.objects.get(meeting_date=datetime.date(2024, 2, 19))
    assert frozen.sha256 == hashlib.sha256(frozen.html.encode()).hexdigest()
    assert "Eerste sessies gegeven." in frozen.html and "Alle ploegen opgeleid." not in frozen.html
    assert frozen.history.get().history_user.username == "beheerder"

    again = admin_client.post(reverse("frozen_report_create"), {"date": "2024-02-19"})
    assert "Het rapport voor deze vergadering is al bevroren." in again.content.decode()
    assert FrozenReport.objects.count() == 1

    download = admin_client.get(reverse("frozen_report_download", args=["2024-02-19"]))
    assert download.content.decode() == frozen.html
    assert download["X-Report-SHA256"] == frozen.sha256
    assert "attachment" in download["Content-Disposition"]


def test_freezing_is_all_or_nothing(history, admin_user, monkeypatch):
    real_save = reports.record_save

    def save_then_fail(*args, **kwargs):
        real_save(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(reports, "record_save", save_then_fail)
    with pytest.raises(RuntimeError):
        reports.report_freeze(meeting_date=datetime.date(2024, 2, 19), actor=admin_user)
    assert not FrozenReport.objects.exists()
    assert not FrozenReport.history.exists()


def test_a_future_meeting_cannot_be_frozen(db, admin_client):
    response = admin_client.post(reverse("frozen_report_create"), {"date": NEXT_MONTH})
    assert (
        "Een rapport toont alleen het verleden: kies vandaag of vroeger."
        in response.content.decode()
    )
    assert not FrozenReport.objects.exists()


def test_an_unknown_frozen_report_is_a_404(db, council_client):
    assert council_client.get("/report/frozen/2024-02-30/").status_code == 404
    assert council_client.get("/report/frozen/2024-02-19/").status_code == 404


def test_the_report_shows_each_action_escaped_with_its_due_date_and_partners(
    history, police_user, council_client
):
    services.action_create(
        action=Action(
            title="<b>Vorming</b> & opvolging",
            status="lopend",
            progress=20,
            due_date=datetime.date(2024, 1, 31),
            partners="Stad & OCMW",
        ),
        recommendations=[history],
        actor=police_user,
        at=at("2024-01-10"),
    )
    content = council_client.get(reverse("committee_report"), {"date": "2024-02-19"}).content
    assert (
        "<li><strong>&lt;b&gt;Vorming&lt;/b&gt; &amp; opvolging</strong> — lopend, 20%,"
        ' vervaldatum 31/01/2024 <span class="overdue">achterstallig</span>'
        '<br><span class="muted">Partners: Stad &amp; OCMW</span></li>'
    ) in content.decode()
    assert (
        "<li><strong>Module 2 uitrollen</strong> — lopend, 50%, vervaldatum 30/06/2024"
        '<ul class="timeline"><li><time datetime="2024-02-01">01/02/2024</time>'
        " Eerste sessies gegeven.</li></ul></li>"
    ) in content.decode()


def test_the_report_query_count_does_not_grow_with_the_data(history, police_user, council_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        forget_figures()
        with CaptureQueriesContext(connection) as queries:
            page = council_client.get(reverse("committee_report"))
        assert page.status_code == 200
        return len(queries), page.content.decode().count("<li><strong>")

    small, actions = count_queries()
    for number in range(10):
        recommendation = services.recommendation_create(
            recommendation=Recommendation(
                code=f"R{number + 2}",
                theme=history.theme,
                source=history.source,
                text="Nog een aanbeveling",
            ),
            actor=police_user,
        )
        for title in ("Eerste", "Tweede", "Derde"):
            action = services.action_create(
                action=Action(title=title, status="lopend", due_date=datetime.date(2030, 1, 1)),
                recommendations=[recommendation],
                actor=police_user,
            )
            services.progress_update_create(
                action=action, on=datetime.date.today(), text="Gestart", actor=police_user
            )
    assert count_queries() == (small, actions + 30)


def test_a_completion_leaves_the_report_recommendations_rendered(
    history, council_client, staff_client, police_user, monkeypatch
):
    # The recommendations hold no figure about people: a completion changes the council's
    # publication, and so the report, but they are taken as rendered.
    forget_figures()
    url = reverse("committee_report") + "?date=2024-02-19"
    before = council_client.get(url).content.decode()
    assert "Veranker het opleidingstraject." in before
    rendered = []
    themes = reports.report_themes
    monkeypatch.setattr(reports, "report_themes", lambda day: rendered.append(day) or themes(day))
    CompletionFactory(completed_on=datetime.date(2024, 1, 10))
    after = council_client.get(url).content.decode()
    assert after != before  # the completion is in the training figures
    assert rendered == []
    assert page_text(after).count("Veranker het opleidingstraject.") == 1
    # A progress update recorded today is in today's report: rendered again, in full.
    action = Action.objects.get()
    services.progress_update_create(
        action=action, on=dates.today(), text="Tweede reeks.", actor=police_user
    )
    today = staff_client.get(reverse("committee_report")).content.decode()
    assert rendered == [dates.today()]
    assert "Tweede reeks." in page_text(today)
    assert "Tweede reeks." not in page_text(council_client.get(url).content.decode())

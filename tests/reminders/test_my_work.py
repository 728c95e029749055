""" "Mijn werk": what a police officer answers for, each line linked to its form and back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import today
from reminders.models import Profile
from tests.factories import ProgressUpdateFactory, StaffMemberFactory
from tests.html import page_text, tables
from tests.reminders.scenario import action_due_in, ended_check, led_session

pytestmark = pytest.mark.django_db

MY_WORK = reverse("reminders:my_work")
BACK = "?next=%2Fmy-work%2F"


def my_work(client) -> str:
    response = client.get(MY_WORK)
    assert response.status_code == 200
    return response.content.decode()


def rows_of(html: str, heading_start: str) -> list[list[str]]:
    """The body rows of the table in the section whose heading starts with this text."""
    position = html.index(f">{heading_start}")
    return tables(html[position:])[0][1:]


def test_my_actions_due_soon_or_overdue_link_to_their_form(staff_client, police_user):
    soon = action_due_in(20, police_user, title="Binnenkort")
    late = action_due_in(-3, police_user, title="Te laat")
    action_due_in(45, police_user, title="Later")
    action_due_in(5, None, title="Van niemand")
    html = my_work(staff_client)
    rows = rows_of(html, "Mijn acties met een einddatum")
    assert [row[0] for row in rows] == ["Te laat", "Binnenkort"]
    assert "achterstallig" in rows[0][1] and "achterstallig" not in rows[1][1]
    for action in (soon, late):
        assert f'href="/recommendations/actions/{action.pk}/edit/{BACK}"' in html


def test_my_silent_actions_link_to_a_new_progress_update(staff_client, police_user, settings):
    silent = action_due_in(200, police_user, title="Stil")
    updated = action_due_in(200, police_user, title="Bijgewerkt")
    ProgressUpdateFactory(action=updated, date=today())
    # Two days: one day back in UTC can still be the cut-off day in Brussels (late evening,
    # with summer time then and winter time now).
    long_ago = timezone.now() - datetime.timedelta(days=settings.ACTION_UPDATE_STALE_DAYS + 2)
    for action in (silent, updated):
        action.history.update(history_date=long_ago)
    html = my_work(staff_client)
    rows = rows_of(html, "Mijn acties zonder stand van zaken")
    assert rows == [["Stil", "nooit", "Nieuwe stand van zaken"]]
    assert f'href="/recommendations/actions/{silent.pk}/updates/new/{BACK}"' in html


def test_my_ended_checks_ask_for_their_execution_then_their_evaluation(staff_client, police_user):
    check = ended_check(police_user, reference="TOE-2026-007")
    html = my_work(staff_client)
    (row,) = rows_of(html, "Mijn toelatingen die wachten")
    assert row[0].startswith("TOE-2026-007") and row[2] == "de registratie van de uitvoering"
    assert f'href="/id-checks/{check.pk}/execution/{BACK}"' in html


def test_sessions_i_led_await_attendance_once_my_account_is_linked(staff_client, police_user):
    html = my_work(staff_client)
    assert "Uw account is niet gekoppeld aan een personeelslid" in page_text(html)
    session = led_session(police_user, location="Opleidingscentrum Gent")
    html = my_work(staff_client)
    (row,) = rows_of(html, "Sessies die ik leidde")
    assert row[1] == "Opleidingscentrum Gent"
    assert f'href="/training/sessions/{session.pk}/attendance/{BACK}"' in html


def test_what_others_answer_for_is_not_on_my_page(staff_client, police_user):
    from tests.conftest import make_user

    other = make_user("Politiepersoneel", "collega")
    action_due_in(-1, other, title="Van een collega")
    ended_check(other)
    html = my_work(staff_client)
    assert "Van een collega" not in html
    assert "Er wacht niets op u." in page_text(html)


def test_saving_the_form_of_a_line_returns_to_my_work(staff_client, police_user):
    action = action_due_in(200, police_user)
    url = reverse("recommendations:progressupdate_create", args=[action.pk])
    form = staff_client.get(url + BACK).content.decode()
    assert '<input type="hidden" name="next" value="/my-work/">' in form
    assert 'href="/my-work/">Annuleren' in form.replace('class="button button-secondary" ', "")
    response = staff_client.post(
        url, {"date": today().isoformat(), "text": "Eerste stap gezet", "next": "/my-work/"}
    )
    assert response.status_code == 302 and response["Location"] == MY_WORK


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_a_next_outside_this_site_is_ignored(staff_client, police_user, target):
    action = action_due_in(200, police_user)
    url = reverse("recommendations:progressupdate_create", args=[action.pk])
    response = staff_client.post(url, {"date": today().isoformat(), "text": "x", "next": target})
    assert response["Location"] == action.get_absolute_url()


def test_my_work_reads_in_a_fixed_number_of_queries(
    staff_client, police_user, django_assert_max_num_queries
):
    trainer = StaffMemberFactory()
    Profile.objects.create(user=police_user, staff_member=trainer)
    for index in range(30):
        action_due_in(index - 10, police_user)
        ended_check(police_user, days_ago=index + 1)
        led_session(police_user).trainers.add(trainer)
    Profile.objects.filter(user=police_user).update(staff_member=trainer)
    # Seven, and the session read from the database (no shared cache in the tests).
    with django_assert_max_num_queries(8):
        html = my_work(staff_client)
    assert len(rows_of(html, "Mijn acties met een einddatum")) == 30
    assert len(rows_of(html, "Mijn toelatingen die wachten")) == 30
    assert len(rows_of(html, "Sessies die ik leidde")) == 30

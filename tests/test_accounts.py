"""Login, lockout, logout, password change, 403 page, language switch, date format."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import formats, translation


@pytest.mark.django_db
def test_login_page_is_dutch_and_names_its_fields(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl-be">' in html
    assert 'for="id_username"' in html and 'for="id_password"' in html
    assert "Gebruikersnaam" in html


@pytest.mark.django_db
def test_wrong_password_gives_a_dutch_error_and_no_session(client, police_user):
    response = client.post(reverse("login"), {"username": "agent", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("user", "landing"),
    [
        ("police_user", "reminders:my_work"),
        ("council_user", "home"),
        ("admin_user", "home"),
    ],
)
def test_login_lands_police_staff_on_my_work_and_the_others_on_the_dashboard(
    client, request, user, landing
):
    username = request.getfixturevalue(user).username
    response = client.post(
        reverse("login"), {"username": username, "password": "correct-horse-battery"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("landing"), 302), (reverse(landing), 302)]


@pytest.mark.django_db
def test_the_landing_sends_anonymous_visitors_to_the_login(client):
    response = client.get(reverse("landing"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_login_still_follows_next_for_police_staff(client, police_user):
    response = client.post(
        reverse("login") + "?next=/training/",
        {"username": "agent", "password": "correct-horse-battery"},
    )
    assert response["Location"] == "/training/"


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, police_user):
    for _ in range(5):
        client.post(reverse("login"), {"username": "agent", "password": "fout"})
    response = client.post(
        reverse("login"), {"username": "agent", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_failed_login_leaves_no_password_username_or_address_in_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(
        reverse("login"),
        {"username": "agent.janssens", "password": "geheim-wachtwoord-123"},
        REMOTE_ADDR="203.0.113.7",
    )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "login failure" in logged  # the attempt itself is logged, masked
    for secret in ("geheim-wachtwoord-123", "agent.janssens", "203.0.113.7"):
        assert secret not in logged


@pytest.mark.django_db
def test_logout_is_a_post_and_ends_the_session(staff_client):
    assert staff_client.get(reverse("home")).status_code == 200
    staff_client.post(reverse("logout"))
    assert staff_client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_an_expired_session_sends_the_user_back_to_login(staff_client, settings):
    from django.contrib.sessions.models import Session
    from django.core.cache import cache
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert staff_client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    cache.clear()  # sessions are read through the cache (cached_db)
    response = staff_client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_password_change_enforces_the_password_policy(staff_client):
    response = staff_client.post(
        reverse("password_change"),
        {"old_password": "correct-horse-battery", "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in response.content.decode()


@pytest.mark.django_db
def test_the_403_page_explains_in_dutch(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("zonderrol"))
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_turns_the_interface_english(staff_client):
    response = staff_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True
    )
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Log out" in html


@pytest.mark.django_db
def test_the_language_switch_also_works_before_login(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True
    )
    assert "Username" in response.content.decode()


def test_dates_are_belgian_in_both_languages():
    day = datetime.date(2024, 2, 19)
    for language in ("nl-be", "en"):
        with translation.override(language):
            assert formats.date_format(day, "SHORT_DATE_FORMAT") == "19/02/2024"


@pytest.mark.django_db
def test_pages_carry_the_security_headers(staff_client):
    response = staff_client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_health_check_answers_without_login_and_reveals_nothing(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"

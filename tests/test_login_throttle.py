"""Login throttling behind the reverse proxy: whose address counts, per user and per address.

Through the real login view and django-axes. Behind the README's nginx, every request comes
from the proxy's address and carries `X-Forwarded-For: <what the client sent>, <client>`.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
PASSWORD = "correct-horse-battery"


def attempt(client, username, password, *, forwarded_for=None, remote=PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("landing")


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.PROXY_COUNT = 1


def test_behind_the_proxy_one_attacker_does_not_lock_out_the_real_user(behind_proxy):
    UserFactory(username="agent")
    attacker, user = Client(), Client()
    for _ in range(10):
        response = attempt(attacker, "agent", "fout", forwarded_for="198.51.100.66")
    assert response.status_code == 429  # the attacker's address is locked for this user
    assert logged_in(attempt(user, "agent", PASSWORD, forwarded_for="203.0.113.5"))


def test_a_forged_header_does_not_hide_the_attacker_behind_the_proxy(behind_proxy):
    """The client's own X-Forwarded-For ends up left of the entry nginx appends."""
    UserFactory(username="agent")
    client = Client()
    for number in range(5):
        attempt(client, "agent", "fout", forwarded_for=f"192.0.2.{number}, 198.51.100.66")
    response = attempt(client, "agent", PASSWORD, forwarded_for="192.0.2.99, 198.51.100.66")
    assert response.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in response.content.decode()


def test_spraying_many_usernames_from_one_address_gets_locked(behind_proxy):
    UserFactory(username="agent")
    client = Client()
    for number in range(19):
        response = attempt(client, f"collega{number}", "Zomer2024!", forwarded_for="198.51.100.7")
        assert response.status_code == 200, f"attempt {number + 1} is still answered"
    # The twentieth failure locks the address.
    assert (
        attempt(client, "collega19", "Zomer2024!", forwarded_for="198.51.100.7").status_code == 429
    )
    # The address is locked now, also for a username it never tried and the right password.
    assert attempt(client, "agent", PASSWORD, forwarded_for="198.51.100.7").status_code == 429
    # Others behind the same proxy are not.
    assert logged_in(attempt(Client(), "agent", PASSWORD, forwarded_for="203.0.113.5"))


def test_a_valid_login_between_sprays_does_not_reset_the_address(behind_proxy):
    UserFactory(username="insider")
    client = Client()
    for number in range(15):
        attempt(client, f"collega{number}", "Zomer2024!", forwarded_for="198.51.100.7")
    assert logged_in(attempt(Client(), "insider", PASSWORD, forwarded_for="198.51.100.7"))
    for number in range(15, 19):
        attempt(client, f"collega{number}", "Zomer2024!", forwarded_for="198.51.100.7")
    response = attempt(client, "collega19", "Zomer2024!", forwarded_for="198.51.100.7")
    assert response.status_code == 429


def test_a_successful_login_forgives_the_users_own_typos(behind_proxy):
    UserFactory(username="agent")
    client = Client()
    for _ in range(4):
        attempt(client, "agent", "fout", forwarded_for="203.0.113.5")
    assert logged_in(attempt(Client(), "agent", PASSWORD, forwarded_for="203.0.113.5"))
    for _ in range(4):
        response = attempt(client, "agent", "fout", forwarded_for="203.0.113.5")
    assert response.status_code == 200  # four new typos, not eight


def test_a_few_typos_of_one_user_do_not_lock_their_address(behind_proxy):
    UserFactory(username="agent")
    UserFactory(username="collega")
    client = Client()
    for _ in range(5):
        attempt(client, "agent", "fout", forwarded_for="203.0.113.5")
    assert attempt(client, "agent", PASSWORD, forwarded_for="203.0.113.5").status_code == 429
    # A colleague at the same address (an office behind one NAT) can still log in.
    assert logged_in(attempt(Client(), "collega", PASSWORD, forwarded_for="203.0.113.5"))


def test_without_the_proxy_setting_x_forwarded_for_is_ignored(settings):
    settings.BEHIND_TLS_PROXY = False
    UserFactory(username="agent")
    client = Client()
    for number in range(5):
        attempt(client, "agent", "fout", remote="198.51.100.66", forwarded_for=f"192.0.2.{number}")
    # A new forged address every time did not help: the connection's address is counted.
    response = attempt(client, "agent", PASSWORD, remote="198.51.100.66", forwarded_for="192.0.2.9")
    assert response.status_code == 429
    assert logged_in(attempt(Client(), "agent", PASSWORD, remote="203.0.113.5"))

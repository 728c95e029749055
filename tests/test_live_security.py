"""Promises that must hold on every worker: two gunicorn workers in production mode
(bench/servers.py), with a per-process memory cache and with Redis.

- Logout, a password change and deactivation by an administrator end the session on every
  worker: the old cookie, replayed many times, sequentially and concurrently, only ever gets
  the login page. (With sessions read through a per-process cache, requests that reached the
  other worker still got in.)
- A hostile spreadsheet and an oversized request are answered with a Dutch error; the
  worker is not killed.
"""

import http.client
import sqlite3
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import pytest
import redis

from bench.servers import Browser, gunicorn_instances, manage, server_environment
from tests.databases import IN_OTHER_PROCESSES, sqlite_database, static_root
from tests.hostile_files import xlsx_with_rows
from tests.test_two_servers import free_port, redis_answers

REDIS_URL = "redis://127.0.0.1:6379/5"
PASSWORD = "lang-genoeg-wachtwoord-1"
NEW_PASSWORD = "een-ander-lang-wachtwoord-2"
# A light page that needs a login: what a replayed cookie asks for.
PAGE = "/accounts/password/"
CACHES = ("memory", "redis")
ACCOUNTS = {
    "raad.uit": "Gemeenteraadslid",
    "raad.wachtwoord": "Gemeenteraadslid",
    "raad.gedeactiveerd": "Gemeenteraadslid",
    "politie.import": "Politiepersoneel",
    "beheer": "Beheerder",
}

pytestmark = [pytest.mark.slow, IN_OTHER_PROCESSES]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One SQLite database with every account once per cache (tests change them)."""
    path = tmp_path_factory.mktemp("live-security") / "db.sqlite3"
    url = sqlite_database(path, demo=False)
    environment = server_environment({"DATABASE_URL": url, "DJANGO_DEBUG": "true"})
    accounts = {f"{name}.{cache}": role for name, role in ACCOUNTS.items() for cache in CACHES}
    script = (
        "from accounts.services import account_provision\n"
        f"for username, role in {accounts!r}.items():\n"
        f"    account_provision(username=username, password={PASSWORD!r}, role=role,"
        " first_name='Test', last_name=username)\n"
    )
    manage("shell", "-c", script, environment=environment)
    return path


@pytest.fixture(scope="module", params=CACHES)
def server(request, database):
    """(base URL, cache name): one gunicorn instance with two workers."""
    cache = request.param
    if cache == "redis":
        if not redis_answers():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        redis.Redis.from_url(REDIS_URL).flushdb()
    environment = server_environment(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "REDIS_URL": REDIS_URL if cache == "redis" else "",
            "DJANGO_STATIC_ROOT": static_root(),
        }
    )
    port = free_port()
    with gunicorn_instances([port], workers=2, environment=environment, collect_static=False):
        yield f"http://127.0.0.1:{port}", cache


def fetch(base_url: str, cookie: str, path: str = PAGE) -> tuple[int, str]:
    """One request with `cookie`, without following redirects: (status, Location)."""
    address = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    with closing(connection):
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")


def many(base_url: str, cookie: str, *, sequential: int, concurrent: int) -> list:
    """The answers to `sequential` requests one after another, then `concurrent` at once
    (so both workers answer some)."""
    answers = [fetch(base_url, cookie) for _ in range(sequential)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers += list(pool.map(lambda _: fetch(base_url, cookie), range(concurrent)))
    return answers


def logged_in_everywhere(base_url: str, browser: Browser) -> str:
    """Uses the session on both workers; returns its cookie."""
    cookie = browser.cookie_header()
    answers = many(base_url, cookie, sequential=6, concurrent=10)
    assert {status for status, _ in answers} == {200}
    return cookie


def assert_refused_everywhere(base_url: str, cookie: str) -> None:
    answers = many(base_url, cookie, sequential=16, concurrent=32)
    let_in = [answer for answer in answers if answer[0] != 302]
    assert not let_in, f"{len(let_in)} of {len(answers)} requests still got in"
    assert all(location.startswith("/accounts/login/") for _, location in answers)


def test_logout_ends_the_session_on_every_worker(server):
    base_url, cache = server
    council = Browser(base_url).log_in(f"raad.uit.{cache}", PASSWORD)
    cookie = logged_in_everywhere(base_url, council)
    council.post("/accounts/logout/", {}, form_page=PAGE)
    assert_refused_everywhere(base_url, cookie)


def test_a_password_change_ends_the_other_sessions_on_every_worker(server):
    base_url, cache = server
    username = f"raad.wachtwoord.{cache}"
    laptop, stolen = Browser(base_url).log_in(username, PASSWORD), Browser(base_url)
    stolen.log_in(username, PASSWORD)
    laptop_before = logged_in_everywhere(base_url, laptop)
    stolen_cookie = logged_in_everywhere(base_url, stolen)
    status, _ = laptop.post(
        PAGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert status == 200
    assert_refused_everywhere(base_url, stolen_cookie)
    assert_refused_everywhere(base_url, laptop_before)
    # The session that changed the password goes on, under its new key.
    assert fetch(base_url, laptop.cookie_header())[0] == 200


def user_id(database, username: str) -> int:
    with closing(sqlite3.connect(database)) as connection:
        query = "SELECT id FROM auth_user WHERE username = ?"
        return connection.execute(query, (username,)).fetchone()[0]


def test_deactivation_in_the_admin_ends_the_session_on_every_worker(server, database):
    base_url, cache = server
    username = f"raad.gedeactiveerd.{cache}"
    cookie = logged_in_everywhere(base_url, Browser(base_url).log_in(username, PASSWORD))
    administrator = Browser(base_url).log_in(f"beheer.{cache}", PASSWORD)
    status, page = administrator.post(
        "/admin/auth/user/",
        {"action": "deactivate", "_selected_action": user_id(database, username)},
    )
    assert status == 200 and "errornote" not in page
    assert_refused_everywhere(base_url, cookie)
    refused = Browser(base_url)
    refused.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert "sessionid" not in refused.cookies()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """The reported attack: about 540 KB that unpack to a sheet of a million rows (139 MB)."""
    return xlsx_with_rows(1_000_000, dimension="A1:C1000001")


def test_a_zip_bomb_gets_a_dutch_error_and_the_worker_keeps_serving(server, zip_bomb):
    base_url, cache = server
    police = Browser(base_url).log_in(f"politie.import.{cache}", PASSWORD)
    started = time.monotonic()
    status, page = police.upload("/training/completions/import/", "file", "export.xlsx", zip_bomb)
    assert time.monotonic() - started < 10
    assert status == 200
    assert "pakt uit tot meer dan 20 MB" in page
    # Nothing waits in the session: the preview has nothing to repeat.
    status, page = police.get("/training/completions/import/preview/")
    assert status == 200 and "Er wacht geen bestand om geïmporteerd te worden." in page
    assert fetch(base_url, police.cookie_header(), "/health/")[0] == 200


def test_a_request_over_the_limit_is_refused_before_its_body_is_sent(server):
    base_url, cache = server
    police = Browser(base_url).log_in(f"politie.import.{cache}", PASSWORD)
    address = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    with closing(connection):
        connection.putrequest("POST", "/training/completions/import/")
        connection.putheader("Cookie", police.cookie_header())
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(500 * 1000 * 1000))
        connection.endheaders(b"--x\r\n" + b"0" * 100_000)
        # 500 MB announced, 100 kB sent: the answer comes without waiting for the rest.
        response = connection.getresponse()
        assert response.status == 413
        assert "groter dan de 10 MB" in response.read().decode()
    assert fetch(base_url, police.cookie_header(), "/health/")[0] == 200

"""The organisation's sign-in across two app servers (real gunicorn processes in production
mode, one SQLite database): the login starts on one and the provider's answer comes back
through the other, as behind a load balancer. The state, nonce and PKCE verifier live in
the session, so this is where a per-process session cache would show."""

import uuid

import pytest
import redis
import requests

from bench.servers import LoopbackCookiePolicy, gunicorn_instances, server_environment
from tests.accounts.provider import authorize, free_port
from tests.databases import IN_OTHER_PROCESSES, sqlite_database, static_root
from tests.test_two_servers import redis_answers

pytestmark = [pytest.mark.slow, IN_OTHER_PROCESSES]
# A Redis database of its own: tests/test_two_servers.py flushes number 9.
REDIS_TEST_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture(scope="module", params=["memory", "redis"])
def servers(request, tmp_path_factory, oidc_provider):
    if request.param == "redis":
        if not redis_answers():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    folder = tmp_path_factory.mktemp("oidc-two-servers")
    environment = server_environment(
        {
            "DATABASE_URL": sqlite_database(folder / "db.sqlite3", demo=False),
            "DJANGO_STATIC_ROOT": static_root(),
            "REDIS_URL": REDIS_TEST_URL if request.param == "redis" else "",
            **oidc_provider.environment(),
        }
    )
    ports = [free_port(), free_port()]
    with gunicorn_instances(ports, environment=environment, collect_static=False):
        yield request.param, [f"127.0.0.1:{port}" for port in ports]


class Browser(requests.Session):
    """Cookies for 127.0.0.1 whatever the port, as for one public host name; `via` sends a
    request to one server with the public Host header, as a load balancer does."""

    def __init__(self, public: str):
        super().__init__()
        self.public = public
        self.cookies.set_policy(LoopbackCookiePolicy())

    def via(self, server: str, path: str):
        # Production cookies are Secure; requests would leave them out on plain http.
        cookie = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)
        return self.get(
            f"http://{server}{path}",
            headers={"Host": self.public, "Cookie": cookie},
            allow_redirects=False,
        )


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def person(provider) -> str:
    sub = f"two-servers-{uuid.uuid4()}"
    provider.set_user(sub, given_name="Els", family_name="Claes", groups=["politie-gent"])
    return sub


def test_a_login_started_on_one_server_finishes_on_the_other(servers, oidc_provider):
    _, (server_a, server_b) = servers
    browser = Browser(public=server_a)
    start = browser.via(server_a, "/accounts/organisation/login/")
    answer = authorize(start.headers["Location"], person(oidc_provider))
    signed_in = browser.via(server_b, path_of(answer))
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/start/"
    for server in (server_a, server_b):
        page = browser.via(server, "/")
        assert page.status_code == 200 and "Els Claes" in page.text


def test_a_second_login_attempt_on_the_other_server_is_not_lost(servers, oidc_provider):
    """The first attempt leaves the session in server A's cache; the second one adds its
    state through server B; the answer to the second comes back through A."""
    _, (server_a, server_b) = servers
    browser = Browser(public=server_a)
    browser.via(server_a, "/accounts/organisation/login/")
    second = browser.via(server_b, "/accounts/organisation/login/")
    answer = authorize(second.headers["Location"], person(oidc_provider))
    signed_in = browser.via(server_a, path_of(answer))
    assert signed_in.headers["Location"] == "/start/"

"""Two app servers on one database: a write through one is seen through the other at once.

Real gunicorn processes in production mode (bench/servers.py), each with its own memory
cache, or both on the Redis server when one answers at REDIS_TEST_URL; on SQLite, and on
PostgreSQL when DATABASE_URL points at it (as in CI), where the fingerprint of the data is
kept per database snapshot. A council member
reads the dashboard through server B (its figures get cached there), a police officer
changes a recommendation's status through server A, and B's next dashboard must show it:
a per-process cache that is not invalidated would show the old figure.
"""

import re
import socket

import pytest
import redis

from bench.servers import Browser, gunicorn_instances, server_environment
from tests.databases import IN_OTHER_PROCESSES, demo_database, free_port, query, static_root

REDIS_TEST_URL = "redis://127.0.0.1:6379/9"

pytestmark = [pytest.mark.slow, IN_OTHER_PROCESSES]


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    return demo_database(request, tmp_path_factory, request.param, "two_servers")


def first_unimplemented_recommendation(url: str) -> tuple[int, int]:
    return query(
        url,
        "SELECT id, version FROM recommendations_recommendation "
        "WHERE police_status != 'uitgevoerd' ORDER BY id LIMIT 1",
    )[0]


def implemented_count(page: str) -> int:
    match = re.search(r'\?police_status=uitgevoerd&amp;theme=">(\d+)</a>', page)
    assert match, "the dashboard shows the police's count of implemented recommendations"
    return int(match.group(1))


@pytest.mark.parametrize("cache", ["memory", "redis"])
def test_a_write_through_one_server_is_seen_through_the_other(database_url, cache):
    if cache == "redis":
        if not redis_answers():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        # The other database's run left figures under the same fingerprints (same demo data).
        redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    environment = server_environment(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_TEST_URL if cache == "redis" else "",
            "DJANGO_STATIC_ROOT": static_root(),
        }
    )
    ports = [free_port(), free_port()]
    pk, version = first_unimplemented_recommendation(database_url)
    with gunicorn_instances(ports, environment=environment, collect_static=False):
        server_a, server_b = (f"http://127.0.0.1:{port}" for port in ports)
        council = Browser(server_b).log_in("raadslid", "demo-raadslid-2024")
        status, page = council.get("/")
        assert status == 200
        before = implemented_count(page)
        assert implemented_count(council.get("/")[1]) == before  # now served from B's cache

        police = Browser(server_a).log_in("politie", "demo-politie-2024")
        status, _ = police.post(
            f"/recommendations/{pk}/police-status/",
            {"police_status": "uitgevoerd", "police_motivation": "", "version": version},
        )
        assert status == 200

        assert implemented_count(council.get("/")[1]) == before + 1

"""send_reminders as cron runs it: real processes on one database (a SQLite file, and
PostgreSQL when DATABASE_URL points at it), with the demo data, against a real SMTP
server. Two runs at once send each reminder once; a run that cannot reach the server, or
dies in the middle of sending, loses nothing."""

import re
import signal
import subprocess
import sys

import pytest

from bench.servers import BASE_DIR, server_environment
from tests.databases import IN_OTHER_PROCESSES, demo_database, free_port, query

pytestmark = [pytest.mark.slow, IN_OTHER_PROCESSES]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    return demo_database(request, tmp_path_factory, request.param, "reminders")


@pytest.fixture
def demo_url(database_url):
    """The demo database, as if no reminder had ever been sent."""
    query(database_url, "DELETE FROM reminders_delivery")
    return database_url


def start(url: str, port: int) -> subprocess.Popen:
    environment = server_environment(
        {
            "DATABASE_URL": url,
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(port),
            "DJANGO_EMAIL_USE_TLS": "false",
        }
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders"],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=180)
    return process.returncode, out, err


def rows(url: str, status: str) -> int:
    """How many e-mails have `status` in the database."""
    counts = dict(query(url, "SELECT status, COUNT(*) FROM reminders_delivery GROUP BY status"))
    return counts.get(status, 0)


def message_ids(inbox) -> list[str]:
    return [message["Message-ID"] for message in inbox.messages]


def test_two_runs_at_the_same_time_send_each_reminder_once(demo_url, smtp_server):
    smtp_server.delay = 0.5  # each message takes a while: the runs overlap
    runs = [start(demo_url, smtp_server.port) for _ in range(2)]
    results = [finish(process) for process in runs]
    assert [code for code, _out, _err in results] == [0, 0], results
    sent_by_run = [int(re.search(r"(\d+) sent,", out).group(1)) for _code, out, _err in results]
    sent = rows(demo_url, "sent")
    assert sent > 0 and rows(demo_url, "pending") == 0
    assert sum(sent_by_run) == sent == len(smtp_server.messages), sent_by_run
    assert len(set(message_ids(smtp_server))) == len(smtp_server.messages)


def test_an_unreachable_server_fails_the_run_and_the_next_run_sends_everything(
    demo_url, smtp_server
):
    code, _out, err = finish(start(demo_url, free_port()))
    assert code == 75
    assert "could not be reached" in err and "wait for the next run" in err
    waiting = rows(demo_url, "pending")
    assert waiting > 0 and rows(demo_url, "sent") == 0

    code, _out, _err = finish(start(demo_url, smtp_server.port))
    assert code == 0
    assert rows(demo_url, "sent") == waiting == len(smtp_server.messages)


def test_a_run_killed_while_sending_loses_nothing_and_sends_nothing_twice(demo_url, smtp_server):
    smtp_server.released.clear()  # the server holds the first message at MAIL FROM
    doomed = start(demo_url, smtp_server.port)
    assert smtp_server.holding.wait(timeout=120), "the run never reached the mail server"
    doomed.send_signal(signal.SIGKILL)
    doomed.communicate(timeout=30)
    smtp_server.released.set()
    assert smtp_server.messages == []
    assert rows(demo_url, "sent") == 0 and rows(demo_url, "pending") > 0

    code, _out, _err = finish(start(demo_url, smtp_server.port))
    assert code == 0
    assert rows(demo_url, "pending") == 0
    assert rows(demo_url, "sent") == len(smtp_server.messages)
    assert len(set(message_ids(smtp_server))) == len(smtp_server.messages)

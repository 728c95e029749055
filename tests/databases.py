"""Real databases for tests that run the app in other processes (app servers, commands):
a SQLite file, or a PostgreSQL database of their own when DATABASE_URL points at a server
(as in CI). Migrated, with the demo data loaded or not: copies of templates that one process
of the test run builds once for all of them.
"""

import fcntl
import os
import shutil
import socket
import sqlite3
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg2
import pytest

from bench.servers import manage, server_environment

# The environment variable that names the test run, so that its xdist workers share templates.
RUN_VARIABLE = "PF_TEST_RUN"
# The tests that run the app in other processes share one xdist worker (./test.sh runs
# --dist loadgroup): it builds the templates while the other worker goes on with its own
# tests, and their waits on servers and subprocesses overlap that worker's work.
IN_OTHER_PROCESSES = pytest.mark.xdist_group("other-processes")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_on_postgresql(url: str, *statements: str) -> None:
    with closing(psycopg2.connect(url)) as connection:
        connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def query(url: str, sql: str) -> list[tuple]:
    """The rows of one statement (no parameters) on the database at `url`, committed; an
    empty list for a statement that returns none."""
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
            rows = connection.execute(sql).fetchall()
            connection.commit()
            return rows
    with closing(psycopg2.connect(url)) as connection, connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall() if cursor.description else []
        connection.commit()
        return rows


# The template databases, built once per test run and shared by its xdist workers (a lock
# file tells the second worker to wait for the first): {(engine, with the demo?): URL}.
# Migrating takes about 7 s in a subprocess, loading the demo 5 s more; a copy, under one.
_templates: dict[tuple[str, bool], str] = {}


def _server_url(name: str) -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"


def _run() -> str:
    """This test run's id, set by the controlling process (tests/conftest.py)."""
    return os.environ[RUN_VARIABLE]


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"pf_templates_{_run()}"
    folder.mkdir(exist_ok=True)
    return folder


def _template_name(engine: str, demo: bool) -> str:
    return f"pf_template_{'demo' if demo else 'empty'}_{engine}_{_run()}"


@contextmanager
def _built_once(name: str):
    """Yields whether `name` was built already; the caller builds it if not. One process at
    a time: the other waits on the lock until the first has built it."""
    with open(_folder() / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = _folder() / f"{name}.done"
        yield done.exists()
        done.touch()


def _template(engine: str, demo: bool) -> str:
    """A migrated template database; with the demo data, a copy of the migrated one."""
    key = (engine, demo)
    if key not in _templates:
        source = _template(engine, False) if demo else None
        name = _template_name(engine, demo)
        path = _folder() / f"{name}.sqlite3"
        url = f"sqlite:///{path}" if engine == "sqlite" else _server_url(name)
        with _built_once(name) as built:
            if not built:
                if engine == "sqlite" and source:
                    shutil.copyfile(source.removeprefix("sqlite:///"), path)
                elif engine == "postgresql":
                    drop_postgresql_database(name)
                    template = f" TEMPLATE {_template_name(engine, False)}" if source else ""
                    run_on_postgresql(_server_url("postgres"), f"CREATE DATABASE {name}{template}")
                command = ["load_demo"] if demo else ["migrate", "--no-input"]
                environment = server_environment({"DATABASE_URL": url, "DJANGO_DEBUG": "true"})
                manage(*command, environment=environment)
        _templates[key] = url
    return _templates[key]


def static_root() -> str:
    """A folder with the static files collected, as production serves them: collected once
    per test run (3 s), for every app server the tests start."""
    folder = _folder() / "static"
    with _built_once("static") as built:
        if not built:
            environment = server_environment({"DJANGO_STATIC_ROOT": str(folder)})
            manage("collectstatic", "--noinput", "-v0", environment=environment)
    return str(folder)


def remove_templates() -> None:
    """Drop this run's templates: called once, by the process that controls the run."""
    for demo in (True, False):
        name = _template_name("postgresql", demo)
        if (_folder() / f"{name}.done").exists():
            drop_postgresql_database(name)
    shutil.rmtree(_folder(), ignore_errors=True)


def sqlite_database(path: Path, *, demo: bool) -> str:
    """The URL of a new SQLite file at `path`: migrated, with the demo data if `demo`."""
    shutil.copyfile(_template("sqlite", demo).removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


def postgresql_database(name: str, *, demo: bool) -> str:
    """The URL of a new PostgreSQL database `name` on DATABASE_URL's server: migrated, with
    the demo data if `demo`. The caller drops it."""
    template = _template("postgresql", demo).rsplit("/", 1)[1]
    drop_postgresql_database(name)
    run_on_postgresql(_server_url("postgres"), f"CREATE DATABASE {name} TEMPLATE {template}")
    return _server_url(name)


def drop_postgresql_database(name: str) -> None:
    """Drop database `name` on DATABASE_URL's server, if it is there, connections and all."""
    run_on_postgresql(_server_url("postgres"), f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def demo_database(request, tmp_path_factory, engine: str, label: str) -> str:
    """The URL of a new database on `engine` ("sqlite" or "postgresql") with the demo data;
    a PostgreSQL one is dropped when `request`'s scope ends. Skips PostgreSQL when
    DATABASE_URL does not point at a server."""
    if engine == "sqlite":
        return sqlite_database(tmp_path_factory.mktemp(label) / "db.sqlite3", demo=True)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("PostgreSQL is tested when DATABASE_URL points at it")
    name = f"{label}_{os.getpid()}"
    url = postgresql_database(name, demo=True)
    request.addfinalizer(lambda: drop_postgresql_database(name))
    return url

"""Real databases for tests that run the app in other processes (app servers, commands):
a SQLite file, or a PostgreSQL database of their own when DATABASE_URL points at a server
(as in CI). Migrated, with the demo data loaded or not: copies of templates that each test
process builds once.
"""

import atexit
import os
import shutil
import socket
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest

from bench.servers import manage, server_environment


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


# This process's template databases, built once: {(engine, with the demo?): URL}. Migrating
# and loading the demo take about 20 s in a subprocess; a copy takes well under one.
_templates: dict[tuple[str, bool], str] = {}


def _server_url(name: str) -> str:
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"


def _template(engine: str, demo: bool) -> str:
    key = (engine, demo)
    if key not in _templates:
        label = f"pf_template_{'demo' if demo else 'empty'}_{os.getpid()}"
        if engine == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix=label))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            url = f"sqlite:///{folder / 'db.sqlite3'}"
        else:
            drop_postgresql_database(label)
            run_on_postgresql(_server_url("postgres"), f"CREATE DATABASE {label}")
            atexit.register(drop_postgresql_database, label)
            url = _server_url(label)
        environment = server_environment({"DATABASE_URL": url, "DJANGO_DEBUG": "true"})
        manage("migrate", "--no-input", environment=environment)
        if demo:
            manage("load_demo", environment=environment)
        _templates[key] = url
    return _templates[key]


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

"""Real databases for tests that run the app in other processes (app servers, commands):
a SQLite file, or a PostgreSQL database of their own when DATABASE_URL points at a server
(as in CI). Migrated, with the demo data loaded.
"""

import os
import socket
import sqlite3
from contextlib import closing

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


def demo_database(request, tmp_path_factory, engine: str, label: str) -> str:
    """The URL of a new database on `engine` ("sqlite" or "postgresql") with the demo data;
    a PostgreSQL one is dropped when `request`'s scope ends. Skips PostgreSQL when
    DATABASE_URL does not point at a server."""
    if engine == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp(label) / 'db.sqlite3'}"
    else:
        server = os.environ.get("DATABASE_URL", "")
        if not server.startswith("postgres"):
            pytest.skip("PostgreSQL is tested when DATABASE_URL points at it")
        name = f"{label}_{os.getpid()}"
        admin_url = server.rsplit("/", 1)[0] + "/postgres"
        run_on_postgresql(admin_url, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        url = server.rsplit("/", 1)[0] + f"/{name}"
        request.addfinalizer(
            lambda: run_on_postgresql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        )
    environment = server_environment({"DATABASE_URL": url, "DJANGO_DEBUG": "true"})
    manage("migrate", "--no-input", environment=environment)
    manage("load_demo", environment=environment)
    return url

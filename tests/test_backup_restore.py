"""The documented backup and restore (README, "Backups") loses no record and no history.

Runs the real commands in subprocesses against real database files/servers: back up a
migrated database with the demo data (tests/databases.py), restore into an empty database,
and compare the row count of every model, history tables included.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from tests.databases import IN_OTHER_PROCESSES, postgresql_database, sqlite_database

pytestmark = IN_OTHER_PROCESSES
ROOT = Path(settings.BASE_DIR)

COUNT_EVERY_MODEL = (
    "import json; from django.apps import apps; "
    "print(json.dumps({m._meta.label: m._base_manager.count() for m in apps.get_models()}))"
)


def manage(database_url, *args, stdout=None):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "profiling_followup.settings",
        "DJANGO_DEBUG": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=stdout or subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return result.stdout


def counts(database_url) -> dict:
    return json.loads(manage(database_url, "shell", "--no-imports", "-c", COUNT_EVERY_MODEL))


def assert_same_records(source_url, restored_url):
    before, after = counts(source_url), counts(restored_url)
    assert after == before
    history = {label: n for label, n in before.items() if ".Historical" in label}
    # The demo leaves history behind: an empty comparison would prove nothing.
    assert sum(history.values()) > 0
    assert before["recommendations.Recommendation"] > 0


@pytest.mark.slow
def test_sqlite_dumpdata_and_loaddata_restore_everything(tmp_path):
    # The demo as `migrate` and `load_demo` leave it, and a freshly migrated empty database.
    source = sqlite_database(tmp_path / "source.sqlite3", demo=True)
    restored = sqlite_database(tmp_path / "restored.sqlite3", demo=False)
    backup = tmp_path / "backup.json"
    with backup.open("w") as out:
        manage(
            source,
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            "--exclude=contenttypes",
            "--exclude=auth.permission",
            stdout=out,
        )
    manage(restored, "restore_backup", str(backup))
    assert_same_records(source, restored)


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.mark.slow
@pytest.mark.skipif(not postgres_url(), reason="PostgreSQL backups need DATABASE_URL=postgres://")
def test_postgres_pg_dump_and_pg_restore_restore_everything(tmp_path):
    import psycopg2

    server = urlsplit(postgres_url())
    names = [f"backup_test_{uuid.uuid4().hex[:8]}_{side}" for side in ("source", "restored")]
    restored = urlunsplit(server._replace(path=f"/{names[1]}"))
    admin = psycopg2.connect(urlunsplit(server._replace(path="/postgres")))
    admin.autocommit = True
    try:
        # The demo as `migrate` and `load_demo` leave it; pg_restore fills an empty database.
        source = postgresql_database(names[0], demo=True)
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{names[1]}"')
        backup = tmp_path / "tracker.dump"
        subprocess.run(
            [shutil.which("pg_dump"), "--format=custom", f"--file={backup}", source], check=True
        )
        subprocess.run(
            [shutil.which("pg_restore"), "--no-owner", f"--dbname={restored}", str(backup)],
            check=True,
        )
        assert_same_records(source, restored)
    finally:
        with admin.cursor() as cursor:
            for name in names:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db
def test_a_restore_into_a_database_with_records_is_refused(tmp_path):
    from django.core.management import CommandError, call_command

    from tests.factories import UnitFactory

    UnitFactory()
    with pytest.raises(CommandError, match="restore into an empty one"):
        call_command("restore_backup", str(tmp_path / "backup.json"))

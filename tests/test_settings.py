"""Production mode refuses unsafe configuration and passes `check --deploy` cleanly."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SAFE_KEY = "k" * 20 + "-production-test-key-0123456789abcdefghij"


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update({"DJANGO_SETTINGS_MODULE": "profiling_followup.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_without_secret_key_refuses_to_start():
    result = run_manage("check", DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="tracker.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_mode_with_a_short_secret_key_refuses_to_start():
    result = run_manage(
        "check",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="short",
        DJANGO_ALLOWED_HOSTS="tracker.example",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_mode_without_allowed_hosts_refuses_to_start():
    result = run_manage("check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY=SAFE_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_mode_with_wildcard_host_refuses_to_start():
    result = run_manage(
        "check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY=SAFE_KEY, DJANGO_ALLOWED_HOSTS="*"
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_check_deploy_without_any_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=SAFE_KEY,
        DJANGO_ALLOWED_HOSTS="tracker.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_data_is_refused_in_production_mode():
    result = run_manage(
        "load_demo",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=SAFE_KEY,
        DJANGO_ALLOWED_HOSTS="tracker.example",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "refused in production mode" in result.stderr


def test_without_environment_the_app_runs_locally_on_sqlite_in_debug_mode():
    environment_without_database = {"DATABASE_URL": ""}
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, settings.LANGUAGE_CODE)",
        **environment_without_database,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "nl-be"]


def test_the_local_sqlite_setup_passes_check_without_any_warning():
    """What a new user runs first (./run.sh) says nothing alarming."""
    result = run_manage("check", "--database", "default", DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout

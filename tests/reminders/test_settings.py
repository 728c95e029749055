"""E-mail configured from the environment: SMTP with a host, the console in debug mode,
and off (the application runs, the command says so) in production without one."""

from tests.test_settings import SAFE_KEY, run_manage

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": SAFE_KEY,
    "DJANGO_ALLOWED_HOSTS": "opvolging.example.org",
}
SHOW = (
    "from django.conf import settings as s; print(s.EMAIL_BACKEND.rsplit('.', 2)[1], "
    "s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, "
    "s.SITE_URL, s.REMINDERS_ENABLED)"
)


def shown(result) -> list[str]:
    """The values SHOW printed (the shell may print a line of its own first)."""
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_every_smtp_setting_comes_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        SHOW,
        **PRODUCTION,
        DJANGO_EMAIL_HOST="smtp.example.org",
        DJANGO_EMAIL_PORT="2525",
        DJANGO_EMAIL_HOST_USER="opvolging",
        DJANGO_EMAIL_HOST_PASSWORD="geheim-smtp-wachtwoord",
        DJANGO_EMAIL_USE_TLS="false",
        DJANGO_DEFAULT_FROM_EMAIL="opvolging@example.org",
    )
    assert shown(result) == [
        "smtp",
        "smtp.example.org",
        "2525",
        "opvolging",
        "False",
        "opvolging@example.org",
        "https://opvolging.example.org",
        "True",
    ]


def test_debug_mode_without_a_host_prints_e_mails_on_the_console():
    values = shown(run_manage("shell", "-c", SHOW))
    assert values[0] == "console" and values[-1] == "True"


def test_production_without_a_host_runs_and_the_command_says_reminders_are_off(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert run_manage("check", **PRODUCTION, **database).returncode == 0
    result = run_manage("send_reminders", **PRODUCTION, **database)
    assert result.returncode == 0, result.stderr
    assert "Reminders are off: DJANGO_EMAIL_HOST is not set." in result.stdout

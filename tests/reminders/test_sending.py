"""send_reminders against a real SMTP server on loopback: each reminder once, in the
recipient's language, as plain text and HTML; nothing lost when the server is away."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.dates import today
from recommendations import services as recommendation_services
from reminders.models import Delivery, Kind, Status
from reminders.plan import due_reminders
from tests.databases import free_port
from tests.factories import ActionFactory
from tests.reminders.scenario import action_due_in, council_member, ended_check, person

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def every_kind():
    """One reminder of each kind: Dutch for the officer, English for the council member."""
    agent, lead = person("agent"), person("leiding")
    assigned = recommendation_services.action_create(
        action=ActionFactory.build(
            title="Intervisie in elke ploeg", responsible=agent, due_date=None
        ),
        recommendations=[ActionFactory().recommendations.first()],
        actor=lead,
    )
    records = {
        "assigned": assigned,
        "due_14": action_due_in(14, agent, title="Vormingsdag voorbereiden"),
        "due_1": action_due_in(1, agent, title="Verslag aan de commissie"),
        "overdue": action_due_in(-10, agent, title="Leerplatform vullen"),
        "check": ended_check(agent, reference="TOE-2026-100"),
    }
    council_member("raadslid", language="en")
    return records


def kinds_pending() -> list[str]:
    return list(Delivery.objects.filter(status=Status.PENDING).values_list("kind", flat=True))


def kinds_sent() -> list[str]:
    return sorted(Delivery.objects.filter(status=Status.SENT).values_list("kind", flat=True))


def test_each_kind_is_sent_over_smtp_in_the_recipients_language(smtp_settings, every_kind):
    output = run()
    inbox = smtp_settings
    subjects = sorted(message["Subject"] for message in inbox.to("agent@example.org"))
    assert any(s.startswith("U bent verantwoordelijk voor: Intervisie") for s in subjects)
    assert any(s.startswith("Vervalt binnen 14 dagen") for s in subjects)
    assert any("Verslag aan de commissie" in s and s.startswith("Vervalt op") for s in subjects)
    assert any(s.startswith("Evaluatie te doen tegen") for s in subjects)
    assert any(s.startswith("Achterstallig:") for s in subjects)
    (digest,) = inbox.to("raadslid@example.org")
    assert digest["Subject"].startswith("What changed from")
    for message in inbox.messages:
        assert message.is_multipart()
        assert inbox.text(message).startswith(("Goeddag,", "Hello,"))
        assert "<html" in inbox.html(message)
        assert re.fullmatch(r"<reminder-\d+@localhost>", message["Message-ID"])
    assert len(inbox.messages) == Delivery.objects.filter(status=Status.SENT).count()
    assert set(kinds_sent()) == set(Kind.values)
    assert f"{len(inbox.messages)} sent" in output


def test_each_line_links_to_the_form_that_settles_it(smtp_settings, every_kind):
    run()
    (digest,) = [
        m for m in smtp_settings.to("agent@example.org") if "Achterstallig" in m["Subject"]
    ]
    overdue = every_kind["overdue"]
    form = f"https://opvolging.example.org/recommendations/actions/{overdue.pk}/edit/"
    assert f"{form}?next=%2Fmy-work%2F" in smtp_settings.text(digest)
    assert f'href="{form}?next=%2Fmy-work%2F"' in smtp_settings.html(digest)


def test_a_second_run_sends_nothing_again(smtp_settings, every_kind):
    run()
    first = len(smtp_settings.messages)
    output = run()
    assert len(smtp_settings.messages) == first
    assert "0 sent" in output


def test_an_unreachable_server_loses_nothing_and_the_run_fails(settings, smtp_settings, every_kind):
    reachable = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()
    with pytest.raises(CommandError) as refused:
        run()
    assert refused.value.returncode == 75
    waiting = Delivery.objects.filter(status=Status.PENDING).count()
    assert waiting == len(due_reminders(timezone.now())) and set(kinds_pending()) == set(Kind)
    assert f"127.0.0.1:{settings.EMAIL_PORT} could not be reached" in str(refused.value)
    assert f"{waiting} e-mail(s) wait for the next run" in str(refused.value)
    assert smtp_settings.messages == []

    settings.EMAIL_PORT = reachable
    run()
    assert len(smtp_settings.messages) == waiting
    assert not Delivery.objects.exclude(status=Status.SENT).exists()


def test_a_server_that_goes_away_mid_run_leaves_the_rest_pending(smtp_settings, every_kind):
    smtp_settings.refused.add("raadslid@example.org")
    run()
    refused = Delivery.objects.get(address="raadslid@example.org")
    assert refused.status == Status.REFUSED and "550" in refused.last_error
    assert smtp_settings.to("raadslid@example.org") == []
    sent_to_agent = Delivery.objects.filter(address="agent@example.org", status=Status.SENT)
    assert len(smtp_settings.to("agent@example.org")) == sent_to_agent.count() > 0


def test_a_reminder_that_no_longer_applies_is_not_sent(settings, smtp_settings, every_kind):
    reachable = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()
    with pytest.raises(CommandError):
        run()
    done = every_kind["due_1"]
    recommendation_services.action_set_status(
        action=done, status="afgerond", expected_version=done.version, actor=done.responsible
    )
    settings.EMAIL_PORT = reachable
    output = run()
    skipped = Delivery.objects.get(kind=Kind.DUE_IN_1_DAY, subject_id=done.pk)
    assert skipped.status == Status.SKIPPED
    assert not [m for m in smtp_settings.messages if "Verslag aan de commissie" in m["Subject"]]
    assert "no longer needed" in output


def test_dry_run_lists_what_would_be_sent_and_writes_nothing(smtp_settings, every_kind):
    output = run("--dry-run")
    assert Delivery.objects.count() == 0 and smtp_settings.messages == []
    lines = [line for line in output.splitlines() if line.startswith("would send:")]
    assert len(lines) == len(due_reminders(timezone.now()))
    assert any("agent@example.org: Achterstallig:" in line for line in lines)
    assert any("raadslid@example.org: What changed from" in line for line in lines)


def test_without_a_mail_host_reminders_are_off_and_the_command_says_so(settings, every_kind):
    settings.REMINDERS_ENABLED = False
    assert "Reminders are off" in run()
    assert Delivery.objects.count() == 0


def test_the_sent_e_mails_are_kept_with_their_text(smtp_settings, every_kind):
    run()
    delivery = Delivery.objects.get(kind=Kind.OVERDUE_DIGEST)
    assert delivery.address == "agent@example.org"
    assert delivery.sent_at is not None and delivery.occasion <= today()
    assert "Leerplatform vullen" in delivery.body
    assert delivery.subject_line.startswith("Achterstallig:")

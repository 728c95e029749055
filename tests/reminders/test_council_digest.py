"""The council's monthly digest: what changed, without staff names, small numbers
suppressed exactly as on the changes page it links to."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.dates import add_months, first_of_month, today
from core.disclosure import MARK
from recommendations import services as recommendation_services
from reminders.digest import digest_period
from reminders.models import Delivery, Kind, Status
from tests.factories import (
    ActionFactory,
    CompletionFactory,
    ModuleFactory,
    RecommendationFactory,
    SourceReportFactory,
    StaffMemberFactory,
    ThemeFactory,
    UnitFactory,
)
from tests.html import page_text
from tests.reminders.scenario import council_member, person

pytestmark = pytest.mark.django_db

LAST_MONTH = add_months(today(), -1)


def during_last_month(day: int = 10) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(LAST_MONTH.replace(day=day), datetime.time(10))
    )


@pytest.fixture
def last_month():
    """A month of work by named colleagues: 3 completions of one module, 7 of another, an
    action created and a recommendation's status changed by a named officer."""
    officer = person("hoofdinspecteur")
    small, large = ModuleFactory(name="Module klein"), ModuleFactory(name="Module groot")
    # One unit, as a zone's shift would be: ten units of one person each would make every
    # per-unit figure small, and the totals with them (core.suppression).
    unit = UnitFactory()
    staff = [StaffMemberFactory(name=f"Collega Naamvan{index}", unit=unit) for index in range(10)]
    for member in staff[:3]:
        CompletionFactory(staff=member, module=small, completed_on=LAST_MONTH.replace(day=5))
    for member in staff[3:]:
        CompletionFactory(staff=member, module=large, completed_on=LAST_MONTH.replace(day=6))
    recommendation = recommendation_services.recommendation_create(
        recommendation=RecommendationFactory.build(
            code="5.1", theme=ThemeFactory(), source=SourceReportFactory()
        ),
        actor=officer,
        at=during_last_month(1),
    )
    recommendation_services.action_create(
        action=ActionFactory.build(title="Debriefing na elke controle"),
        recommendations=[recommendation],
        actor=officer,
        at=during_last_month(),
    )
    recommendation_services.recommendation_set_police_status(
        recommendation=recommendation,
        status="lopend",
        motivation="",
        expected_version=recommendation.version,
        actor=officer,
        at=during_last_month(12),
    )
    return {"officer": officer, "staff": staff}


def digest_for(address: str, inbox):
    (message,) = inbox.to(address)
    return message, inbox.text(message), inbox.html(message)


def test_the_digest_says_what_changed_without_names_and_with_small_numbers_suppressed(
    smtp_settings, last_month, council_client
):
    council_member("raadslid")
    call_command("send_reminders")
    message, text, html = digest_for("raadslid@example.org", smtp_settings)
    for body in (text, html):
        assert "Debriefing na elke controle" in body and "5.1" in body
        assert re.search(rf"Module klein: (<strong>)?{MARK}\b", body)
        assert re.search(r"Module groot: (<strong>)?7", body)
        assert "Module klein: 3" not in body and "<strong>3</strong>" not in body
        officer = last_month["officer"]
        for name in (officer.username, officer.get_full_name(), officer.last_name):
            assert name not in body
        for member in last_month["staff"]:
            assert member.name not in body and "Naamvan" not in body

    # The page the digest links to shows the council member the same suppressed figure.
    start, end = first_of_month(LAST_MONTH), first_of_month(today()) - datetime.timedelta(days=1)
    link = f"https://opvolging.example.org/report/changes/?start={start}&end={end}"
    assert link in text
    page = page_text(
        council_client.get(link.removeprefix("https://opvolging.example.org")).content.decode()
    )
    assert f"Module klein: {MARK}" in page and "Module groot: 7" in page


def test_a_council_member_who_is_also_an_administrator_sees_what_the_pages_show_them(
    smtp_settings, last_month
):
    from django.contrib.auth.models import Group

    from core.roles import ADMINISTRATOR

    both = council_member("raad_en_beheer")
    both.groups.add(Group.objects.get(name=ADMINISTRATOR))
    call_command("send_reminders")
    _message, text, _html = digest_for("raad_en_beheer@example.org", smtp_settings)
    assert "Module klein: 3" in text


def test_each_digest_covers_the_time_since_the_last_one(smtp_settings):
    member = council_member("raadslid")
    this_month = first_of_month(today())
    first = Delivery(kind=Kind.COUNCIL_DIGEST, recipient=member, occasion=this_month)
    assert digest_period(first) == (
        add_months(this_month, -1),
        this_month - datetime.timedelta(days=1),
    )
    Delivery.objects.create(
        kind=Kind.COUNCIL_DIGEST,
        recipient=member,
        occasion=add_months(this_month, -3),
        status=Status.SENT,
        sent_at=timezone.now(),
        address=member.email,
    )
    assert digest_period(first)[0] == add_months(this_month, -3)


def test_police_staff_never_get_the_council_digest(smtp_settings, last_month):
    person("agent")
    call_command("send_reminders")
    assert not Delivery.objects.filter(kind=Kind.COUNCIL_DIGEST).exists()

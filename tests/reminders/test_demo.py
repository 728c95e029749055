"""The demo accounts answer for the seed's actions and evaluations, with addresses at
example.org, and the overdue ones make reminders."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from id_checks.models import Authorisation
from recommendations.models import Action
from reminders.models import Kind
from reminders.plan import due_reminders
from tests.conftest import logged_in
from tests.html import page_text

pytestmark = pytest.mark.usefixtures("demo_data")


@pytest.fixture
def demo(db, django_user_model):
    """The demo's accounts by username (the demo data is loaded once for the module)."""
    return {user.username: user for user in django_user_model.objects.all()}


def test_the_demo_users_answer_for_every_action_and_evaluation(demo):
    assert {user.email for user in demo.values()} == {
        "politie@example.org",
        "raadslid@example.org",
        "beheerder@example.org",
        "beoordelaar@example.org",
    }
    assert set(Action.objects.values_list("responsible__username", flat=True)) == {
        "politie",
        "beheerder",
    }
    assert set(
        Authorisation.objects.values_list("evaluation_responsible__username", flat=True)
    ) == {"politie", "beheerder"}


def test_the_demo_police_user_lands_on_mijn_werk_with_the_overdue_work(demo, client):
    response = client.post(
        reverse("login"), {"username": "politie", "password": "demo-politie-2024"}, follow=True
    )
    text = page_text(response.content.decode())
    assert response.redirect_chain[-1][0] == reverse("reminders:my_work")
    assert "Mijn werk" in text and "Eigen online module op ons leerplatform" in text
    assert "TOE-2024-001" in text and "De-escalerend communiceren" in text


def test_the_dry_run_lists_the_reminders_of_the_demo(demo):
    output = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=output)
    lines = [line for line in output.getvalue().splitlines() if line.startswith("would send")]
    planned = due_reminders(timezone.now())
    assert len(lines) == len(planned) > 0
    digests = {item.recipient_id for item in planned if item.kind == Kind.OVERDUE_DIGEST}
    assert digests == {demo["politie"].pk, demo["beheerder"].pk}
    assert any("politie@example.org: Achterstallig" in line for line in lines)
    assert any("beheerder@example.org: Overdue:" in line for line in lines)
    assert any("raadslid@example.org: Wat veranderde" in line for line in lines)


def test_demo_data_loaded_before_responsible_persons_existed_get_them(demo):
    Action.objects.update(responsible=None)
    Authorisation.objects.update(evaluation_responsible=None)
    call_command("load_demo", stdout=io.StringIO())
    assert not Action.objects.filter(responsible=None).exists()
    assert not Authorisation.objects.filter(evaluation_responsible=None).exists()
    assert logged_in(demo["politie"]).get(reverse("reminders:my_work")).status_code == 200

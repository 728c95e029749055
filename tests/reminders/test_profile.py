"""Each user chooses their reminders and the language of their e-mails."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from reminders import services
from reminders.models import Profile
from tests.conftest import logged_in, make_user
from tests.html import page_text

pytestmark = pytest.mark.django_db

PROFILE = reverse("reminders:profile")
WORK_CHOICES = {
    "assignment_notices",
    "due_date_reminders",
    "overdue_digest",
    "evaluation_reminders",
}


def fields_shown(client) -> set[str]:
    return set(client.get(PROFILE).context["form"].fields) - {"version"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (POLICE_STAFF, {"language", *WORK_CHOICES}),
        (ADMINISTRATOR, {"language", *WORK_CHOICES}),
        (COUNCIL_MEMBER, {"language", "council_digest"}),
        (None, {"language"}),
    ],
)
def test_each_role_chooses_the_reminders_it_can_get(role, expected):
    assert fields_shown(logged_in(make_user(role, "iemand"))) == expected


def test_the_first_save_makes_the_profile_with_its_history(staff_client, police_user):
    response = staff_client.post(
        PROFILE, {"language": "en", "assignment_notices": "on", "overdue_digest": "on"}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=police_user)
    assert (profile.language, profile.assignment_notices, profile.due_date_reminders) == (
        "en",
        True,
        False,
    )
    (entry,) = profile.history.all()
    assert entry.history_user == police_user
    assert "Uw voorkeuren werden bewaard." in page_text(staff_client.get(PROFILE).content.decode())


def test_an_unknown_language_is_refused_in_dutch(staff_client, police_user):
    response = staff_client.post(PROFILE, {"language": "fr"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"] == [
        "Selecteer een geldige keuze. fr is geen beschikbare keuze."
    ]
    assert not Profile.objects.filter(user=police_user).exists()


def test_a_stale_version_is_refused_with_what_changed(staff_client, police_user):
    staff_client.post(PROFILE, {"language": "nl-be"})
    profile = Profile.objects.get(user=police_user)
    services.profile_update(profile=profile, expected_version=1, actor=police_user)
    response = staff_client.post(PROFILE, {"language": "en", "version": 1})
    assert response.status_code == 200
    assert "Iemand anders heeft dit record gewijzigd" in page_text(response.content.decode())
    assert Profile.objects.get(user=police_user).language == "nl-be"


def test_only_council_members_can_ask_for_the_council_digest(police_user):
    with pytest.raises(ValidationError) as refused:
        services.profile_create(profile=Profile(user=police_user, council_digest=True), actor=None)
    assert refused.value.message_dict["council_digest"] == [
        "Alleen gemeenteraadsleden kunnen het maandelijkse overzicht ontvangen."
    ]


def test_the_page_shows_where_e_mails_go(staff_client, police_user):
    police_user.email = "agent@example.org"
    police_user.save()
    assert "E-mails gaan naar: agent@example.org" in page_text(
        staff_client.get(PROFILE).content.decode()
    )

"""Administrators link accounts to staff records and read what was sent; nobody edits that."""

import pytest
from django.utils import timezone

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF, expected_permissions
from reminders.models import Delivery, Kind, Profile, Status
from tests.factories import StaffMemberFactory
from tests.reminders.scenario import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    recipient = person("agent")
    return Delivery.objects.create(
        kind=Kind.OVERDUE_DIGEST,
        recipient=recipient,
        occasion=timezone.localdate(),
        status=Status.SENT,
        sent_at=timezone.now(),
        address=recipient.email,
        subject_line="Achterstallig: 2 taken wachten op u",
        body="Deze taken zijn achterstallig",
    )


def test_administrators_read_what_was_sent_to_whom_and_when(admin_client, sent):
    listing = admin_client.get("/admin/reminders/delivery/").content.decode()
    assert "agent@example.org" in listing and "wekelijks overzicht" in listing
    detail = admin_client.get(f"/admin/reminders/delivery/{sent.pk}/change/").content.decode()
    assert "Deze taken zijn achterstallig" in detail and 'name="_save"' not in detail


def test_nobody_adds_changes_or_deletes_a_sent_e_mail(admin_client, sent):
    assert admin_client.get("/admin/reminders/delivery/add/").status_code == 403
    response = admin_client.post(f"/admin/reminders/delivery/{sent.pk}/change/", {"status": "x"})
    assert response.status_code == 403
    assert admin_client.post(f"/admin/reminders/delivery/{sent.pk}/delete/").status_code == 403
    sent.refresh_from_db()
    assert sent.status == Status.SENT


def test_an_administrator_links_an_account_to_its_staff_record(admin_client, admin_user):
    agent = person("agent")
    member = StaffMemberFactory(name="Testcollega Trainer")
    response = admin_client.post(
        "/admin/reminders/profile/add/",
        {"user": agent.pk, "language": "nl-be", "staff_member": member.pk},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=agent)
    assert profile.staff_member == member
    assert profile.history.get().history_user == admin_user


def test_only_administrators_hold_permissions_on_profiles_and_e_mails():
    for role in (POLICE_STAFF, COUNCIL_MEMBER):
        for model in ("profile", "delivery", "historicalprofile"):
            assert expected_permissions(role, "reminders", model) == set()
    assert expected_permissions(ADMINISTRATOR, "reminders", "delivery") == {"view_delivery"}
    assert expected_permissions(ADMINISTRATOR, "reminders", "profile") == {
        "view_profile",
        "add_profile",
        "change_profile",
        "delete_profile",
    }

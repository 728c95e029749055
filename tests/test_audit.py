"""The audit trail records changes made anywhere: services, requests, shell, commands."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from simple_history.manager import HistoryManager

from core.history import record_save
from recommendations.models import ProgressUpdate, Recommendation
from tests.factories import ActionFactory, RecommendationFactory


@pytest.mark.django_db
def test_a_change_outside_any_request_is_recorded_with_old_and_new_values(police_user):
    recommendation = RecommendationFactory(text="Oude tekst")
    recommendation.text = "Nieuwe tekst"
    record_save(recommendation, actor=police_user, reason="correctie")

    latest, previous = recommendation.history.order_by("-history_id")[:2]
    assert latest.history_user == police_user
    assert latest.history_change_reason == "correctie"
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("text", "Oude tekst", "Nieuwe tekst")
    ]


@pytest.mark.django_db
def test_a_plain_shell_save_is_recorded_too():
    recommendation = RecommendationFactory()
    recommendation.text = "Via de shell"
    recommendation.save()
    assert recommendation.history.count() == 2
    assert recommendation.history.first().text == "Via de shell"


@pytest.mark.django_db
def test_the_demo_command_is_attributed_to_the_demo_police_account():
    call_command("load_demo", stdout=io.StringIO())
    for model in apps.get_models():
        if isinstance(getattr(model, "history", None), HistoryManager):
            authors = set(model.history.values_list("history_user__username", flat=True))
            if model._meta.label == "auth.User":
                # The command provisions the accounts before any demo user exists.
                assert authors == {None}
                continue
            assert authors in (set(), {"politie"}), model._meta.label
    assert Recommendation.history.exists()


@pytest.mark.django_db
def test_admin_changes_are_recorded_with_the_administrator(admin_client, admin_user):
    recommendation = RecommendationFactory(text="Voor admin")
    response = admin_client.post(
        f"/admin/recommendations/recommendation/{recommendation.pk}/change/",
        {
            "code": recommendation.code,
            "theme": recommendation.theme_id,
            "text": "Na admin",
            "source": recommendation.source_id,
            "police_status": recommendation.police_status,
            "version": recommendation.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = recommendation.history.first()
    assert latest.text == "Na admin"
    assert latest.history_user == admin_user
    history_page = admin_client.get(
        f"/admin/recommendations/recommendation/{recommendation.pk}/history/"
    )
    assert history_page.status_code == 200
    assert "beheerder" in history_page.content.decode()


@pytest.mark.django_db
def test_a_form_write_records_its_author(staff_client, police_user):
    action = ActionFactory(start_date=datetime.date(2024, 1, 1))
    response = staff_client.post(
        reverse("recommendations:progressupdate_create", args=[action.pk]),
        {"date": "2024-02-12", "text": "Eerste sessies gegeven."},
    )
    assert response.status_code == 302
    entry = ProgressUpdate.objects.get(action=action).history.get()
    assert (entry.history_type, entry.history_user) == ("+", police_user)

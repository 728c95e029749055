"""Exactly one history entry per logical change, naming its author, on every write path:
police forms, Django admin (add, change with many-to-many values, inlines, delete, bulk
actions, restoring an old version), the import and the demo command."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from recommendations.models import Action, ProgressUpdate, Recommendation, Theme
from tests.factories import (
    ActionFactory,
    FrameworkStepFactory,
    ModuleFactory,
    RecommendationFactory,
    SessionFactory,
    SourceReportFactory,
    StaffMemberFactory,
    ThemeFactory,
    TrainerQualificationFactory,
)
from tests.html import form_data
from training import imports
from training.models import Completion, Module, Session

pytestmark = pytest.mark.django_db


def entries(record):
    """The record's history, oldest first, as (type, author's username)."""
    return [
        (entry.history_type, entry.history_user.username if entry.history_user else None)
        for entry in record.history.order_by("history_date", "history_id")
    ]


def admin_form(client, url: str, form_id: str) -> dict:
    return form_data(client.get(url).content.decode(), form_id)


# --- police forms ----------------------------------------------------------------------


def test_a_session_planned_with_trainers_is_one_entry(staff_client, police_user):
    trainers = [TrainerQualificationFactory().trainer for _ in range(2)]
    module = ModuleFactory()
    response = staff_client.post(
        reverse("training:session_create"),
        {
            "module": module.pk,
            "starts_at": "2024-03-04T09:00",
            "location": "Opleidingscentrum",
            "trainers": [trainer.pk for trainer in trainers],
            "status": Session.Status.PLANNED,
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert entries(session) == [("+", police_user.username)]
    recorded = session.history.get()
    assert {row.staffmember_id for row in recorded.trainers.all()} == {t.pk for t in trainers}


def test_an_action_edited_with_other_recommendations_is_one_entry(staff_client, police_user):
    action = ActionFactory()
    before = len(entries(action))
    other = RecommendationFactory()
    response = staff_client.post(
        reverse("recommendations:action_update", args=[action.pk]),
        {
            "recommendations": [other.pk],
            "title": "Nieuwe titel",
            "status": "lopend",
            "progress": 10,
            "version": action.version,
        },
    )
    assert response.status_code == 302
    assert entries(action)[before:] == [("~", police_user.username)]
    latest = action.history.order_by("-history_date").first()
    assert [row.recommendation_id for row in latest.recommendations.all()] == [other.pk]


# --- Django admin ------------------------------------------------------------------------


def test_admin_add_with_many_to_many_values_is_one_entry(admin_client, admin_user):
    steps = [FrameworkStepFactory(), FrameworkStepFactory()]
    url = reverse("admin:recommendations_recommendation_add")
    data = admin_form(admin_client, url, "recommendation_form")
    data |= {
        "code": ["Z1"],
        "source": [SourceReportFactory().pk],
        "theme": [ThemeFactory().pk],
        "text": ["Een aanbeveling"],
        "steps": [step.pk for step in steps],
    }
    assert admin_client.post(url, data).status_code == 302
    recommendation = Recommendation.objects.get(code="Z1")
    assert entries(recommendation) == [("+", admin_user.username)]
    assert recommendation.history.get().steps.count() == 2


@pytest.mark.parametrize(
    ("model", "m2m", "make_values"),
    [
        (Module, "steps", lambda: [FrameworkStepFactory().pk]),
        (Session, "trainers", lambda: [StaffMemberFactory().pk]),
    ],
)
def test_admin_change_of_many_to_many_values_is_one_entry(
    model, m2m, make_values, admin_client, admin_user
):
    record = ModuleFactory() if model is Module else SessionFactory()
    before = len(entries(record))
    url = reverse(f"admin:training_{model._meta.model_name}_change", args=[record.pk])
    data = admin_form(admin_client, url, f"{model._meta.model_name}_form")
    data[m2m] = make_values()
    assert admin_client.post(url, data).status_code == 302
    assert entries(record)[before:] == [("~", admin_user.username)]


def test_admin_inlines_write_one_entry_each(admin_client, admin_user):
    action = ActionFactory(start_date=datetime.date(2024, 1, 1))
    kept = ProgressUpdate.objects.create(action=action, date=datetime.date(2024, 1, 5), text="a")
    url = reverse("admin:recommendations_action_change", args=[action.pk])
    data = admin_form(admin_client, url, "action_form")
    data |= {
        "updates-TOTAL_FORMS": ["2"],
        "updates-0-DELETE": ["on"],
        "updates-1-date": ["10/01/2024"],
        "updates-1-text": ["Via het beheer toegevoegd"],
    }
    assert admin_client.post(url, data).status_code == 302
    added = ProgressUpdate.objects.get(text="Via het beheer toegevoegd")
    assert entries(added) == [("+", admin_user.username)]
    assert added.author == admin_user
    deleted = ProgressUpdate.history.filter(id=kept.pk).order_by("history_date")
    assert [(e.history_type, e.history_user) for e in deleted][-1] == ("-", admin_user)


def test_admin_bulk_delete_writes_a_last_entry_per_record(admin_client, admin_user):
    themes = [ThemeFactory(), ThemeFactory()]
    response = admin_client.post(
        reverse("admin:recommendations_theme_changelist"),
        {"action": "delete_selected", "_selected_action": [t.pk for t in themes], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Theme.objects.exists()
    for theme in themes:
        last = Theme.history.filter(id=theme.pk).order_by("-history_date").first()
        assert (last.history_type, last.history_user) == ("-", admin_user)


def test_restoring_an_old_version_in_the_admin_is_one_entry(admin_client, admin_user):
    action = ActionFactory(title="Eerste titel")
    first = action.history.order_by("history_date").first()
    action.title = "Tweede titel"
    action.version += 1
    action.save()
    before = len(entries(action))
    url = reverse("admin:recommendations_action_simple_history", args=[action.pk, first.history_id])
    data = admin_form(admin_client, url, "historicalaction_form")
    assert data["version"] == [str(action.version)]  # the current one, not the old one
    assert admin_client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.title == "Eerste titel"
    assert entries(action)[before:] == [("~", admin_user.username)]


# --- import and command ------------------------------------------------------------------


def test_an_import_writes_one_entry_per_completion_by_the_importer(police_user, tmp_path):
    module = ModuleFactory(code="hk-m1")
    staff = [StaffMemberFactory() for _ in range(3)]
    path = Path(tmp_path) / "export.csv"
    path.write_text(
        "personeelsnummer;module;datum\n"
        + "".join(f"{member.staff_number};{module.code};2024-01-15\n" for member in staff)
    )
    assert imports.confirm(path, actor=police_user) == 3
    for completion in Completion.objects.all():
        assert entries(completion) == [("+", police_user.username)]


def test_the_demo_writes_one_entry_per_record_and_event():
    call_command("load_demo", stdout=io.StringIO())
    for model in (Recommendation, Action, Session, Module):
        moments = list(model.history.values_list("id", "history_date"))
        assert moments, model
        assert len(moments) == len(set(moments)), f"{model.__name__}: two entries at one moment"

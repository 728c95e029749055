"""Records shared by the report tests: a recommendation followed up around a meeting."""

import datetime

import pytest
from django.utils import timezone

from recommendations import services
from recommendations.models import Action, Recommendation
from tests.factories import SourceReportFactory, ThemeFactory


def at(day: str, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day),
        datetime.time(hour),
        tzinfo=timezone.get_current_timezone(),
    )


@pytest.fixture
def history(db, police_user):
    """A recommendation followed up before the meeting of 19/02/2024, and changed after it."""
    recommendation = services.recommendation_create(
        recommendation=Recommendation(
            code="R1",
            theme=ThemeFactory(name="Inbedding"),
            source=SourceReportFactory(),
            text="Veranker het opleidingstraject.",
            police_status="lopend",
        ),
        actor=police_user,
        at=at("2024-01-05"),
    )
    action = services.action_create(
        action=Action(
            title="Module 2 uitrollen",
            status="lopend",
            progress=50,
            start_date=datetime.date(2024, 1, 5),
            due_date=datetime.date(2024, 6, 30),
        ),
        recommendations=[recommendation],
        actor=police_user,
        at=at("2024-01-05"),
    )
    services.progress_update_create(
        action=action,
        on=datetime.date(2024, 2, 1),
        text="Eerste sessies gegeven.",
        actor=police_user,
        at=at("2024-02-01"),
    )
    changes_after_the_meeting(recommendation, action, police_user)
    return recommendation


def changes_after_the_meeting(recommendation, action, police_user) -> None:
    """A due date slips, the action completes, the status moves on."""
    services.action_change_due_date(
        action=action,
        new_date=datetime.date(2024, 9, 30),
        reason="Trainers pas in september beschikbaar",
        expected_version=action.version,
        actor=police_user,
        at=at("2024-03-01"),
    )
    action.refresh_from_db()
    action.status, action.progress, action.completed_on = (
        "afgerond",
        100,
        datetime.date(2024, 3, 10),
    )
    services.action_update(
        action=action, expected_version=action.version, actor=police_user, at=at("2024-03-10")
    )
    recommendation.refresh_from_db()
    services.recommendation_set_police_status(
        recommendation=recommendation,
        status="uitgevoerd",
        motivation="",
        expected_version=recommendation.version,
        actor=police_user,
        at=at("2024-03-10"),
    )
    services.progress_update_create(
        action=action,
        on=datetime.date(2024, 3, 10),
        text="Alle ploegen opgeleid.",
        actor=police_user,
        at=at("2024-03-10"),
    )

"""change_history and recommendations_as_of read the history tables, written at the dates
the services were given (`at`), as the demo data does for the events of 2023-2024."""

import datetime

import pytest

from recommendations import history, services
from recommendations.models import Action, Recommendation
from tests.factories import SourceReportFactory, ThemeFactory

d = datetime.date


def moment(day: int, month: int = 1) -> datetime.datetime:
    return datetime.datetime(2024, month, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def story(police_user):
    """Day 1 recommendation; day 2 action (due 31/01); day 3 update; day 4 police status
    lopend; day 5 due date moved; day 6 action completed."""
    recommendation = services.recommendation_create(
        recommendation=Recommendation(
            code="R1", source=SourceReportFactory(), theme=ThemeFactory(), text="Doe iets"
        ),
        actor=police_user,
        at=moment(1),
    )
    action = services.action_create(
        action=Action(title="Module", status="lopend", due_date=d(2024, 1, 31)),
        recommendations=[recommendation],
        actor=police_user,
        at=moment(2),
    )
    services.progress_update_create(
        action=action, on=d(2024, 1, 3), text="Eerste versie", actor=police_user, at=moment(3)
    )
    services.recommendation_set_police_status(
        recommendation=recommendation,
        status="lopend",
        motivation="",
        expected_version=recommendation.version,
        actor=police_user,
        at=moment(4),
    )
    services.action_change_due_date(
        action=action,
        new_date=d(2024, 3, 31),
        reason="Platform niet klaar",
        expected_version=action.version,
        actor=police_user,
        at=moment(5),
    )
    action.status, action.progress, action.completed_on = "afgerond", 100, d(2024, 1, 6)
    services.action_update(
        action=action, expected_version=action.version, actor=police_user, at=moment(6)
    )
    return recommendation, action


def test_change_history_lists_the_events_in_order(story, police_user):
    events = history.change_history(moment(1), moment(6))
    assert [(e.at.day, e.kind) for e in events] == [
        (2, "action_created"),
        (4, "police_status"),
        (5, "due_date"),
        (6, "action_completed"),
    ]
    due = events[2]
    assert (due.subject, due.reason) == ("Module", "Platform niet klaar")
    assert due.detail == "Einddatum 31/01/2024 → 31/03/2024"
    assert events[1].detail == "Status volgens de politie: niet gestart → lopend"
    assert events[0].actor == police_user.get_full_name()


def test_change_history_respects_its_window(story, django_assert_num_queries):
    with django_assert_num_queries(3):
        events = history.change_history(moment(3), moment(5))
    assert [e.kind for e in events] == ["police_status", "due_date"]


def test_recommendations_as_of_gives_the_state_at_that_moment(story, django_assert_num_queries):
    with django_assert_num_queries(6):
        (before,) = history.recommendations_as_of(moment(3, 1) + datetime.timedelta(hours=1))
    assert before.police_status == "niet_gestart"
    (action,) = before.actions
    assert (action.status, action.progress, action.due_date) == ("lopend", 0, d(2024, 1, 31))
    assert [u.text for u in action.updates] == ["Eerste versie"]
    assert before.progress == 0

    (after,) = history.recommendations_as_of(moment(7))
    assert after.police_status == "lopend"
    (action,) = after.actions
    assert (action.status, action.due_date, action.overdue) == ("afgerond", d(2024, 3, 31), False)
    assert after.progress == 100


def test_recommendations_as_of_name_their_theme_as_it_stood(story, admin_user):
    from core.history import record_save

    theme = story[0].theme
    theme.name = "Inbedding van het opleidingstraject"
    record_save(theme, actor=admin_user, at=moment(2))
    theme.name = "Inbedding (hernoemd)"
    record_save(theme, actor=admin_user, at=moment(5))
    assert history.recommendations_as_of(moment(3))[0].theme == (
        "Inbedding van het opleidingstraject"
    )
    assert history.recommendations_as_of(moment(7))[0].theme == "Inbedding (hernoemd)"


def test_nothing_existed_before_the_first_event(story):
    assert history.recommendations_as_of(moment(1) - datetime.timedelta(days=1)) == []


def test_history_as_of_returns_each_record_once(story):
    assert Action.history.as_of(moment(7)).count() == 1
    assert Recommendation.history.as_of(moment(7)).count() == 1
    (action,) = Action.history.as_of(moment(2) + datetime.timedelta(hours=1))
    assert action.status == "lopend"


def test_an_action_moved_to_another_recommendation_stays_under_the_old_one_before(
    story, police_user
):
    """The links of an action are read from its history entry as of the moment."""
    first, action = story
    second = services.recommendation_create(
        recommendation=Recommendation(
            code="R2", source=first.source, theme=first.theme, text="Doe nog iets"
        ),
        actor=police_user,
        at=moment(7),
    )
    action.refresh_from_db()
    services.action_update(
        action=action,
        recommendations=[second],
        expected_version=action.version,
        actor=police_user,
        at=moment(8),
    )

    def titles(at):
        return {s.code: [a.title for a in s.actions] for s in history.recommendations_as_of(at)}

    assert titles(moment(7, 1) + datetime.timedelta(hours=1)) == {"R1": ["Module"], "R2": []}
    assert titles(moment(9)) == {"R1": [], "R2": ["Module"]}

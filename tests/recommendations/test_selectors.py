import datetime

import pytest

from recommendations import selectors
from tests.recommendations.conftest import TODAY

d = datetime.date


def test_counts_by_police_status_include_every_status_with_zeros(figures_data):
    assert selectors.recommendation_counts_by_police_status() == {
        "niet_gestart": 0,
        "lopend": 1,
        "deels_uitgevoerd": 0,
        "uitgevoerd": 1,
        "niet_uitgevoerd": 1,
    }


def test_counts_by_independent_status_count_the_unassessed_under_empty_key(figures_data):
    assert selectors.recommendation_counts_by_independent_status() == {
        "": 1,
        "niet_gestart": 0,
        "lopend": 0,
        "deels_uitgevoerd": 1,
        "uitgevoerd": 0,
        "niet_uitgevoerd": 1,
    }


def test_implemented_share_is_the_share_the_police_call_implemented(figures_data):
    assert selectors.implemented_share() == pytest.approx(1 / 3)


@pytest.mark.django_db
def test_implemented_share_without_recommendations_is_none():
    assert selectors.implemented_share() is None


def test_only_open_actions_past_their_due_date_are_overdue(figures_data):
    # a2 (lopend, due 01/02) only: a1 is completed, a3 cancelled, a4 and a6 not yet due.
    assert selectors.overdue_action_count(TODAY) == 1
    assert selectors.overdue_action_count(d(2024, 2, 1)) == 0
    flags = {a.title: a.is_overdue for a in selectors.action_list(TODAY)}
    assert flags == {
        figures_data["actions"]["a1"].title: False,
        figures_data["actions"]["a2"].title: True,
        figures_data["actions"]["a3"].title: False,
        figures_data["actions"]["a4"].title: False,
        figures_data["actions"]["a6"].title: False,
    }


def test_recommendation_roll_up_averages_its_actions_without_the_cancelled(figures_data):
    rows = {r.code: r for r in selectors.recommendation_list(TODAY)}
    # R1: (100 + 50) / 2; R2: (50 + 0 + 20) / 3, a3 cancelled; R3 has no actions.
    assert rows["R1"].progress == pytest.approx(75)
    assert rows["R2"].progress == pytest.approx(70 / 3)
    assert rows["R3"].progress is None
    assert [rows[c].action_count for c in ("R1", "R2", "R3")] == [2, 4, 0]
    assert [rows[c].overdue_count for c in ("R1", "R2", "R3")] == [1, 1, 0]


def test_theme_progress_per_theme(figures_data):
    first, second = figures_data["themes"]
    result = selectors.theme_progress(TODAY)
    assert [row["theme"] for row in result] == [first, second]
    row = result[0]
    # Average of the roll-ups 75 and 70/3; a2 serves R1 and R2 but counts once.
    assert row["progress"] == pytest.approx((75 + 70 / 3) / 2)
    assert row["action_counts"] == {
        "gepland": 1,
        "lopend": 1,
        "on_hold": 1,
        "afgerond": 1,
        "geannuleerd": 1,
    }
    assert row["action_count"] == 5
    assert row["overdue_count"] == 1
    assert row["next_due_dates"] == [d(2024, 3, 31), d(2024, 5, 1)]
    assert result[1]["progress"] is None
    assert result[1]["action_count"] == 0
    assert result[1]["next_due_dates"] == []


def test_theme_progress_for_one_theme(figures_data):
    second = figures_data["themes"][1]
    assert [row["theme"] for row in selectors.theme_progress(TODAY, theme=second)] == [second]


def test_actions_completed_per_month_includes_empty_months(figures_data):
    assert selectors.actions_completed_per_month(d(2023, 12, 5), d(2024, 2, 29)) == [
        (d(2023, 12, 1), 0),
        (d(2024, 1, 1), 1),
        (d(2024, 2, 1), 0),
    ]


def test_dashboard_figures_take_a_constant_number_of_queries(
    figures_data, django_assert_num_queries
):
    with django_assert_num_queries(4):
        selectors.theme_progress(TODAY)
    with django_assert_num_queries(1):
        selectors.recommendation_counts_by_police_status()
    with django_assert_num_queries(1):
        selectors.actions_completed_per_month(d(2023, 1, 1), d(2024, 12, 31))

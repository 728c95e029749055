"""List and detail pages take a bounded number of queries with 500 recommendations and
2,000 actions (bulk-created: only the counts matter here)."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import Action, ProgressUpdate, Recommendation
from tests.factories import SourceReportFactory, ThemeFactory

ActionLink = Action.recommendations.through


@pytest.fixture
def many(db):
    themes = [ThemeFactory() for _ in range(5)]
    source = SourceReportFactory()
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(code=f"Q{i:03d}", theme=themes[i % 5], source=source, text=f"Tekst {i}")
        for i in range(500)
    )
    statuses = ["gepland", "lopend", "on_hold", "geannuleerd"]
    actions = Action.objects.bulk_create(
        Action(
            title=f"Actie {i}",
            status=statuses[i % 4],
            progress=i % 90,
            due_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 700),
        )
        for i in range(2000)
    )
    ActionLink.objects.bulk_create(
        ActionLink(action=action, recommendation=recommendations[i % 500])
        for i, action in enumerate(actions)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=actions[i % 4], date=datetime.date(2024, 1, 1), text=f"Stap {i}")
        for i in range(40)
    )
    return recommendations, actions


@pytest.mark.parametrize("query", ["", "?overdue=true&q=Actie", "?sort=-progress", "?_export=csv"])
def test_recommendation_list(many, council_client, django_assert_max_num_queries, query):
    # 13 with the session read from the database (no per-process session cache, SECURITY.md).
    with django_assert_max_num_queries(13):
        response = council_client.get(reverse("recommendations:recommendation_list") + query)
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["", "?overdue=true", "?sort=-due_date", "?_export=xlsx"])
def test_action_list(many, council_client, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(12):
        response = council_client.get(reverse("recommendations:action_list") + query)
    assert response.status_code == 200


def test_recommendation_detail(many, council_client, django_assert_max_num_queries):
    recommendation = many[0][0]
    with django_assert_max_num_queries(16):
        response = council_client.get(recommendation.get_absolute_url())
    assert len(response.context["actions"]) == 4


def test_action_detail(many, council_client, django_assert_max_num_queries):
    action = many[1][0]
    with django_assert_max_num_queries(16):
        response = council_client.get(action.get_absolute_url())
    assert len(response.context["action"].updates.all()) == 10

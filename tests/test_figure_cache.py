import pytest
from django.db import connection

from core.figure_cache import cached_figures, data_fingerprint
from tests.factories import RecommendationFactory


@pytest.mark.django_db
def test_the_fingerprint_changes_with_every_recorded_write(police_user):
    before = data_fingerprint()
    recommendation = RecommendationFactory()
    after_create = data_fingerprint()
    recommendation.text = "gewijzigd"
    recommendation.save()
    assert len({before, after_create, data_fingerprint()}) == 3


@pytest.mark.django_db
def test_figures_are_computed_once_per_data_state(django_assert_num_queries):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached_figures("test", compute) == 1
    with django_assert_num_queries(1):  # only the fingerprint
        assert cached_figures("test", compute) == 1
    RecommendationFactory()
    assert cached_figures("test", compute) == 2
    assert cached_figures("test", compute, "other-filter") == 3


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the snapshot memo is PostgreSQL's"
)


@postgresql_only
@pytest.mark.django_db
def test_while_the_snapshot_is_unchanged_one_cheap_query_answers(django_assert_num_queries):
    first = data_fingerprint()
    with django_assert_num_queries(1) as queries:
        assert data_fingerprint() == first
    assert "MAX(history_id)" not in queries.captured_queries[0]["sql"]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_committed_write_changes_the_snapshot_and_so_the_fingerprint():
    before = data_fingerprint()
    assert data_fingerprint() == before  # now memoised
    RecommendationFactory()  # autocommit: committed at once
    assert data_fingerprint() != before

import pytest

from profiling_followup.figure_cache import cached_figures, data_fingerprint
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

import pytest

from core.concurrency import StaleVersionError, save_versioned
from recommendations.models import Recommendation
from tests.factories import RecommendationFactory, UserFactory


@pytest.mark.django_db
def test_a_save_with_the_current_version_goes_through_and_bumps_it(police_user):
    recommendation = RecommendationFactory()
    recommendation.text = "Bijgewerkt"
    save_versioned(recommendation, expected_version=1, actor=police_user)
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.version) == ("Bijgewerkt", 2)


@pytest.mark.django_db
def test_a_stale_save_is_refused_and_names_the_other_change(police_user):
    recommendation = RecommendationFactory(text="Origineel")
    other_user = UserFactory(username="collega", first_name="Ann", last_name="Collega")

    # Both load version 1; the colleague saves first.
    theirs = Recommendation.objects.get(pk=recommendation.pk)
    theirs.text = "Tekst van de collega"
    save_versioned(theirs, expected_version=1, actor=other_user)

    mine = Recommendation.objects.get(pk=recommendation.pk)
    mine.text = "Mijn tekst"
    with pytest.raises(StaleVersionError) as refused:
        save_versioned(mine, expected_version=1, actor=police_user)

    error = refused.value
    assert error.changed_by == other_user
    assert [(c.field, c.theirs) for c in error.changes] == [("text", "Tekst van de collega")]
    assert "collega" in error.message()
    recommendation.refresh_from_db()
    assert recommendation.text == "Tekst van de collega"
    assert recommendation.version == 2


@pytest.mark.django_db
def test_the_refusal_message_is_dutch_by_default(police_user):
    recommendation = RecommendationFactory()
    save_versioned(recommendation, expected_version=1, actor=police_user)
    with pytest.raises(StaleVersionError) as refused:
        save_versioned(recommendation, expected_version=1, actor=police_user)
    assert "Iemand anders heeft dit record gewijzigd" in refused.value.message()

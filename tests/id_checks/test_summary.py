"""The monthly summary of ID checks: figures per kind and month, the period it reads."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AuthorisationFactory, ExecutionFactory

pytestmark = pytest.mark.django_db


def test_the_summary_shows_figures_per_kind_and_month_suppressed_for_council(
    council_client, staff_client
):
    start = timezone.make_aware(timezone.datetime(2023, 9, 22, 18))
    ExecutionFactory(
        decision__authorisation=AuthorisationFactory(
            starts_at=start, ends_at=start + timedelta(hours=8)
        ),
        persons_checked=3,
    )
    url = reverse("id_checks:summary") + "?start=2023-07-01&end=2023-12-31"
    council = council_client.get(url)
    totals = {label: figures for label, figures, _persons in council.context["totals"]}
    assert totals["actie"].applied == 1
    assert len(council.context["months"]) == 12
    assert '<td class="number">x</td>' in council.content.decode()
    assert '<td class="number">3</td>' in staff_client.get(url).content.decode()


def test_the_summary_has_a_bounded_number_of_queries(
    staff_client, many_authorisations, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("id_checks:summary"))
    assert sum(f.requested for _label, f, _persons in response.context["totals"][:2]) == 2000


@pytest.mark.parametrize(
    "query", ["?start=0001-01-01&end=9999-12-31", "?start=2024-02-31", "?end=x"]
)
def test_the_summary_ignores_unreadable_or_implausible_dates(staff_client, query):
    response = staff_client.get(reverse("id_checks:summary") + query)
    assert response.status_code == 200
    assert response.context["end"] == timezone.localdate()

"""The demo data reproduce chapter 5 of the committee bundle of 19/02/2024."""

from datetime import date

import pytest

from id_checks.models import Authorisation, Kind, Status
from id_checks.selectors import authorisation_detail, authorisation_figures

pytestmark = pytest.mark.usefixtures("demo_data")


def test_since_1_july_2023_applied_for_6_actions_and_8_public_order_services(db):
    figures = authorisation_figures(date(2023, 7, 1), date(2024, 2, 19))
    assert (figures["actie"].granted, figures["actie"].applied) == (6, 6)
    assert (figures["ordedienst"].granted, figures["ordedienst"].applied) == (8, 8)


def test_during_an_action_zuid_about_50_persons_are_checked(db):
    zuid = authorisation_detail().get(kind=Kind.ACTION, district="Zuid")
    assert zuid.decision.execution.persons_checked == 50


def test_blaarmeersen_three_warm_weekends_in_june_authorised_but_not_applied(db):
    weekends = list(authorisation_detail().filter(area_name__icontains="Blaarmeersen"))
    assert len(weekends) == 3
    for weekend in weekends:
        assert weekend.starts_at.month == 6 and weekend.starts_at.weekday() == 5
        assert weekend.decision.grants
        assert "voorbereid" in weekend.communication_planned
        assert "geen grote problemen" in weekend.decision.execution.reason_not_applied
        assert weekend.status == weekend.status_code == Status.NOT_APPLIED
        # Saturday and Sunday: beyond 24 hours through a recorded extension.
        assert weekend.effective_ends_at.weekday() == 6
    june = authorisation_figures(date(2023, 6, 1), date(2023, 6, 30))["ordedienst"]
    assert (june.granted, june.applied, june.persons_checked) == (3, 0, 0)


def test_the_history_is_dated_at_the_events(db):
    zuid = Authorisation.objects.get(district="Zuid")
    created = zuid.history.earliest("history_date")
    assert created.history_date == zuid.created_at
    assert created.history_user.username == "politie"
    execution = zuid.decision.execution
    assert execution.history.get().history_date.date() == date(2023, 9, 23)

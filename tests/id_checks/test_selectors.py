"""Derived status (SQL and Python agree on every path) and the figures for the dashboard."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from id_checks.models import Kind, Outcome, Status
from id_checks.selectors import (
    Figures,
    authorisation_detail,
    authorisation_figures,
    authorisation_figures_by_month,
    authorisations_between,
    with_status,
)
from tests.factories import (
    AuthorisationFactory,
    DecisionFactory,
    EvaluationFactory,
    ExecutionFactory,
    ExtensionFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PAST = NOW - timedelta(days=10)


def past_authorisation(**kwargs):
    return AuthorisationFactory(starts_at=PAST, ends_at=PAST + timedelta(hours=8), **kwargs)


def running_authorisation():
    return AuthorisationFactory(
        starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(hours=2)
    )


def build_every_path():
    """One authorisation per status, keyed by the status it must have."""
    extended = DecisionFactory(
        authorisation=AuthorisationFactory(
            starts_at=NOW - timedelta(hours=20), ends_at=NOW - timedelta(hours=1)
        )
    ).authorisation
    ExtensionFactory(authorisation=extended, new_ends_at=NOW + timedelta(hours=3))
    ended_early = DecisionFactory(authorisation=running_authorisation())
    ExecutionFactory(
        decision=ended_early,
        actual_starts_at=NOW - timedelta(minutes=50),
        actual_ends_at=NOW - timedelta(minutes=10),
    )
    return {
        "requested": (AuthorisationFactory(), Status.REQUESTED),
        "refused": (
            DecisionFactory(
                outcome=Outcome.REFUSED, authorisation=past_authorisation()
            ).authorisation,
            Status.REFUSED,
        ),
        "granted in future": (DecisionFactory().authorisation, Status.GRANTED),
        "conditional in future": (
            DecisionFactory(
                outcome=Outcome.GRANTED_WITH_CONDITIONS, conditions="Enkel met bodycam"
            ).authorisation,
            Status.GRANTED,
        ),
        "running": (
            DecisionFactory(authorisation=running_authorisation()).authorisation,
            Status.RUNNING,
        ),
        "running by extension": (extended, Status.RUNNING),
        "ended without execution": (
            DecisionFactory(authorisation=past_authorisation()).authorisation,
            Status.ENDED,
        ),
        "ended early": (ended_early.authorisation, Status.ENDED),
        "applied and ended": (
            ExecutionFactory(decision__authorisation=past_authorisation()).decision.authorisation,
            Status.ENDED,
        ),
        "not applied": (
            ExecutionFactory(
                decision__authorisation=past_authorisation(),
                applied=False,
                reason_not_applied="geen grote problemen",
                persons_checked=0,
                actual_starts_at=None,
                actual_ends_at=None,
            ).decision.authorisation,
            Status.NOT_APPLIED,
        ),
        "evaluated": (
            EvaluationFactory(
                execution__decision__authorisation=past_authorisation()
            ).execution.decision.authorisation,
            Status.EVALUATED,
        ),
    }


def test_sql_and_python_status_agree_on_every_path():
    paths = build_every_path()
    loaded = {a.pk: a for a in authorisation_detail()}
    for name, (authorisation, expected) in paths.items():
        row = loaded[authorisation.pk]
        assert row.status_code == expected, f"SQL: {name}"
        assert row.status == expected, f"Python: {name}"
    assert {status for _, status in paths.values()} == set(Status)


def test_filtering_on_the_status_uses_the_sql_expression():
    paths = build_every_path()
    running = set(with_status().filter(status_code=Status.RUNNING).values_list("pk", flat=True))
    assert running == {paths["running"][0].pk, paths["running by extension"][0].pk}


def local(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def authorisation_at(when, kind=Kind.ACTION, *, persons=0, applied=True, evaluated=False):
    authorisation = AuthorisationFactory(
        kind=kind, starts_at=when, ends_at=when + timedelta(hours=6)
    )
    decision = DecisionFactory(authorisation=authorisation)
    if applied is None:
        return authorisation
    execution = ExecutionFactory(
        decision=decision,
        applied=applied,
        persons_checked=persons,
        reason_not_applied="" if applied else "geen grote problemen",
        actual_starts_at=when if applied else None,
        actual_ends_at=when + timedelta(hours=2) if applied else None,
    )
    if evaluated:
        EvaluationFactory(execution=execution)
    return authorisation


def test_authorisation_figures_per_kind_and_total(django_assert_num_queries):
    authorisation_at(local(2023, 9, 1), persons=50, evaluated=True)
    authorisation_at(local(2023, 9, 8), persons=10)
    authorisation_at(local(2023, 10, 1), Kind.PUBLIC_ORDER, applied=False)
    authorisation_at(local(2023, 10, 2), Kind.PUBLIC_ORDER, applied=None)
    AuthorisationFactory(
        kind=Kind.PUBLIC_ORDER, starts_at=local(2023, 10, 3), ends_at=local(2023, 10, 3, 18)
    )
    authorisation_at(local(2023, 6, 30), persons=99)  # before the period
    with django_assert_num_queries(1):
        figures = authorisation_figures(date(2023, 7, 1), date(2023, 12, 31))
    assert figures["actie"] == Figures(
        requested=2, granted=2, applied=2, persons_checked=60, evaluated=1
    )
    assert figures["ordedienst"] == Figures(
        requested=3, granted=2, applied=0, persons_checked=0, evaluated=0
    )
    assert figures["total"] == Figures(
        requested=5, granted=4, applied=2, persons_checked=60, evaluated=1
    )
    assert figures["total"].share_evaluated == 0.25
    assert Figures().share_evaluated is None


def test_the_period_includes_its_last_day_in_local_time():
    authorisation_at(local(2023, 12, 31, 23), persons=3)
    assert authorisation_figures(date(2023, 12, 1), date(2023, 12, 31))["total"].requested == 1
    assert authorisation_figures(date(2024, 1, 1), date(2024, 1, 31))["total"].requested == 0


def test_figures_by_month_include_months_without_authorisations(django_assert_num_queries):
    authorisation_at(local(2023, 7, 20), Kind.PUBLIC_ORDER, persons=7)
    authorisation_at(local(2023, 9, 1), persons=50)
    with django_assert_num_queries(1):
        rows = authorisation_figures_by_month(date(2023, 7, 1), date(2023, 9, 30))
    assert [(month, kind) for month, kind, _ in rows] == [
        (date(2023, 7, 1), "actie"),
        (date(2023, 7, 1), "ordedienst"),
        (date(2023, 8, 1), "actie"),
        (date(2023, 8, 1), "ordedienst"),
        (date(2023, 9, 1), "actie"),
        (date(2023, 9, 1), "ordedienst"),
    ]
    by_key = {(month, kind): figures for month, kind, figures in rows}
    assert by_key[(date(2023, 7, 1), "ordedienst")].persons_checked == 7
    assert by_key[(date(2023, 8, 1), "actie")] == Figures()
    assert by_key[(date(2023, 9, 1), "actie")].applied == 1


def test_authorisations_between_lists_new_requests_and_decisions(django_assert_num_queries):
    old = AuthorisationFactory(created_at=local(2023, 11, 1))
    DecisionFactory(authorisation=old, decided_on=date(2024, 1, 10))
    new = AuthorisationFactory(created_at=local(2024, 1, 15))
    changed = authorisations_between(date(2024, 1, 1), date(2024, 1, 31))
    with django_assert_num_queries(2):
        requested = [a.reference for a in changed["requested"]]
        decided = [d.authorisation.reference for d in changed["decided"]]
    assert requested == [new.reference]
    assert decided == [old.reference]

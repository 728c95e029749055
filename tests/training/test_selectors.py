"""Coverage figures against hand-computed expectations."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CompletionFactory,
    ModuleFactory,
    ModulePrerequisiteFactory,
    StaffMemberFactory,
    UnitFactory,
    UnitHeadcountFactory,
)
from training import selectors
from training.models import Completion, Module

pytestmark = pytest.mark.django_db

AT = datetime.date(2024, 2, 19)


@pytest.fixture
def world():
    """Two units (headcount 10 and 5), module 1 -> module 2, an online module with refresher.

    North: a, b, c did module 1; a, b also module 2.  South: d did module 1 and module 2;
    e did only module 2 (before module 1, flagged). f (inactive) did module 1.
    """
    link = ModulePrerequisiteFactory(
        required=ModuleFactory(code="m1", kind=Module.Kind.THEORY),
        module=ModuleFactory(code="m2", kind=Module.Kind.VR),
    )
    m1, m2 = link.required, link.module
    online = ModuleFactory(code="online", kind=Module.Kind.ONLINE, refresher_months=12)
    north, south = UnitFactory(name="Noord"), UnitFactory(name="Zuid")
    UnitHeadcountFactory(unit=north, date=datetime.date(2022, 1, 1), headcount=8)
    UnitHeadcountFactory(unit=north, date=datetime.date(2023, 1, 1), headcount=10)
    UnitHeadcountFactory(unit=north, date=datetime.date(2025, 1, 1), headcount=99)
    UnitHeadcountFactory(unit=south, date=datetime.date(2023, 1, 1), headcount=5)
    a, b, c = StaffMemberFactory.create_batch(3, unit=north)
    d, e = StaffMemberFactory.create_batch(2, unit=south)
    f = StaffMemberFactory(unit=south, active=False)
    on = datetime.date
    for staff, day in (
        (a, on(2023, 1, 10)),
        (b, on(2023, 2, 3)),
        (c, on(2023, 2, 20)),
        (d, on(2023, 12, 1)),
        (f, on(2023, 1, 1)),
    ):
        CompletionFactory(staff=staff, module=m1, completed_on=day)
    for staff, day in (
        (a, on(2023, 3, 1)),
        (b, on(2024, 1, 15)),
        (d, on(2023, 12, 2)),
        (e, on(2023, 2, 1)),
    ):
        CompletionFactory(staff=staff, module=m2, completed_on=day)
    # Online: a's expired (2022-11), b's expires within 90 days, c's is recent.
    CompletionFactory(staff=a, module=online, completed_on=on(2022, 11, 1))
    CompletionFactory(staff=b, module=online, completed_on=on(2023, 4, 1))
    CompletionFactory(staff=c, module=online, completed_on=on(2024, 1, 5))
    return {"m1": m1, "m2": m2, "online": online, "north": north, "south": south}


def test_total_headcount_takes_each_units_latest_figure_on_the_date(world):
    assert selectors.total_headcount(AT) == 15
    assert selectors.total_headcount(datetime.date(2022, 6, 1)) == 8
    assert selectors.total_headcount(datetime.date(2021, 1, 1)) == 0


def test_coverage_by_module_counts_active_staff_and_valid_completions(
    world, django_assert_num_queries
):
    # Three, and one for whether anything was completed after AT (a refresher module).
    with django_assert_num_queries(4):
        rows = selectors.coverage_by_module(AT)
    figures = {
        row["module"].code: (row["completed"], row["headcount"], row["percent"]) for row in rows
    }
    assert figures == {"m1": (4, 15, 26.7), "m2": (4, 15, 26.7), "online": (2, 15, 13.3)}


def test_coverage_counts_a_person_once_and_ignores_later_completions(world):
    """c renewed the online module within its validity (two valid completions), and d did
    it only after the date: online coverage stays at b and c, in total and per unit."""
    c = world["m1"].completions.get(completed_on=datetime.date(2023, 2, 20)).staff
    d = world["m1"].completions.get(completed_on=datetime.date(2023, 12, 1)).staff
    CompletionFactory(staff=c, module=world["online"], completed_on=datetime.date(2023, 3, 1))
    CompletionFactory(staff=d, module=world["online"], completed_on=datetime.date(2024, 2, 20))
    by_module = {row["module"].code: row["completed"] for row in selectors.coverage_by_module(AT)}
    assert by_module["online"] == 2
    by_unit = {
        row["unit"].name: row["modules"][0]["completed"]
        for row in selectors.coverage_by_unit(AT, [world["online"]])
    }
    assert by_unit == {"Noord": 2, "Zuid": 0}


def test_coverage_by_unit(world, django_assert_num_queries):
    with django_assert_num_queries(3):
        rows = selectors.coverage_by_unit(AT, [world["m1"], world["m2"]])
    table = {
        row["unit"].name: (
            row["headcount"],
            [(c["completed"], c["percent"]) for c in row["modules"]],
        )
        for row in rows
    }
    assert table == {"Noord": (10, [(3, 30.0), (2, 20.0)]), "Zuid": (5, [(1, 20.0), (2, 40.0)])}


def test_prerequisite_coverage_module1_only_and_both(world, django_assert_num_queries):
    with django_assert_num_queries(3):
        figures = selectors.prerequisite_coverage(AT)
    assert (figures["module1_total"], figures["module1_only"], figures["module1_and_2"]) == (
        4,
        1,
        3,
    )
    assert figures["module1"] == world["m1"]
    before = selectors.prerequisite_coverage(datetime.date(2023, 6, 30))
    assert (before["module1_total"], before["module1_only"], before["module1_and_2"]) == (3, 2, 1)


def kept_count_reads(queries) -> int:
    return sum("training_coveragecount" in query["sql"] for query in queries)


def test_coverage_trend_is_cumulative_per_month(world):
    newcomers = StaffMemberFactory.create_batch(2)  # a change of staff computes them again
    with CaptureQueriesContext(connection) as queries:
        trend = selectors.coverage_trend(datetime.date(2023, 3, 15), 3)
    # The kept counts of the months before March, then of March up to the 15th.
    assert kept_count_reads(queries) == 2
    m1 = next(row for row in trend if row["module"].code == "m1")
    assert m1["series"] == [
        (datetime.date(2023, 1, 1), 1),
        (datetime.date(2023, 2, 1), 3),
        (datetime.date(2023, 3, 1), 3),
    ]
    m2 = next(row for row in trend if row["module"].code == "m2")
    assert [count for _, count in m2["series"]] == [0, 1, 2]
    # Those before March are kept: read again, then again after a completion dated in
    # March, only March's are read; a completion dated before March reads both again.
    for person, day, reads in [
        (newcomers[0], datetime.date(2023, 3, 2), 1),
        (newcomers[1], datetime.date(2023, 2, 2), 2),
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert selectors.coverage_trend(datetime.date(2023, 3, 15), 3) == trend
        assert kept_count_reads(queries) == 1
        CompletionFactory(staff=person, module=world["m2"], completed_on=day)
        with CaptureQueriesContext(connection) as queries:
            counts = selectors.coverage_trend(datetime.date(2023, 3, 15), 3)
        assert kept_count_reads(queries) == reads
        m2 = next(row for row in counts if row["module"].code == "m2")
        trend = counts
    assert [count for _, count in m2["series"]] == [0, 2, 4]


def test_coverage_trend_counts_a_person_once_from_their_first_completion(world):
    online = world["online"]
    renewer = Completion.objects.get(module=online, completed_on__year=2022).staff
    # a renews online in the window: still one person, counted from 2022 (before it).
    CompletionFactory(staff=renewer, module=online, completed_on=datetime.date(2023, 11, 2))
    trend = selectors.coverage_trend(datetime.date(2024, 1, 31), 3)
    series = next(row["series"] for row in trend if row["module"] == online)
    assert series == [
        (datetime.date(2023, 11, 1), 2),  # a (2022) and b (April 2023)
        (datetime.date(2023, 12, 1), 2),
        (datetime.date(2024, 1, 1), 3),  # c, on 5 January
    ]


def test_refreshers_due_splits_overdue_and_due_soon(world, django_assert_num_queries):
    # Two, and one for whether anything was completed after AT.
    with django_assert_num_queries(3):
        (row,) = selectors.refreshers_due(AT)
    assert (row["module"], row["overdue"], row["due_soon"]) == (world["online"], 1, 1)


def test_completions_between_counts_per_module(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = selectors.completions_between(datetime.date(2023, 12, 1), datetime.date(2024, 1, 31))
    assert {row["module"].code: row["count"] for row in rows} == {"m1": 1, "m2": 2, "online": 1}

"""The council's publication counts staff trained at every month end in one pass over the
completions (training/publication.py); the pages count them with the selectors. Hypothesis
draws staff in units (one no longer listed, one person no longer active), a module without
refresher, a VR module that requires it and a module with a six-monthly refresher
completed on any day: every state the publication holds equals what the selectors count on
that month end (per unit, at the last two month ends: the council gets no more)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import dates, disclosure, figure_cache
from tests.caches import forget_figures
from tests.factories import (
    CompletionFactory,
    ModuleFactory,
    ModulePrerequisiteFactory,
    StaffMemberFactory,
    UnitFactory,
    UnitHeadcountFactory,
)
from training import publication, selectors, services, summaries
from training.disclosure import (
    ALL,
    prerequisite_key,
    refresher_key,
    trained_key,
    unit_state_months,
)
from training.models import Completion, Module
from training.selectors import coverage

pytestmark = pytest.mark.django_db

FIRST = datetime.date(2022, 1, 1)
TODAY = datetime.date(2023, 3, 15)
REFRESHER_MONTHS = 6  # more than the 90 days of "due soon", so both counts vary
PERIODS = 3  # refresher periods from FIRST to TODAY
ONE_DAY = datetime.timedelta(days=1)

day = st.integers(0, (TODAY - FIRST).days - 1)
person = st.fixed_dictionaries(
    {
        "unit": st.integers(0, 2),
        "active": st.booleans(),
        "theory": st.one_of(st.none(), day),
        "vr": st.one_of(st.none(), day),
        # At most one completion per refresher period (a database constraint).
        "refresher": st.lists(
            st.tuples(st.integers(0, PERIODS - 1), st.integers(0, 183)),
            unique_by=lambda pair: pair[0],
            max_size=4,
        ),
    }
)


def make(people):
    theory = ModuleFactory(code="p-1", mandatory=True)
    vr = ModuleFactory(code="p-2", kind=Module.Kind.VR, mandatory=True)
    ModulePrerequisiteFactory(module=vr, required=theory)
    refresher = ModuleFactory(code="p-3", refresher_months=REFRESHER_MONTHS)
    units = [UnitFactory(name=f"Eenheid {index}") for index in range(3)]
    units[2].active = False
    units[2].save()
    for index, unit in enumerate(units):
        UnitHeadcountFactory(unit=unit, date=FIRST, headcount=10 + index)
        UnitHeadcountFactory(unit=unit, date=datetime.date(2022, 7, 10), headcount=6 + index)
    for drawn in people:
        staff = StaffMemberFactory(unit=units[drawn["unit"]], active=drawn["active"])
        for module, offset in ((theory, drawn["theory"]), (vr, drawn["vr"])):
            if offset is not None:
                CompletionFactory(
                    staff=staff, module=module, completed_on=FIRST + datetime.timedelta(offset)
                )
        for period, offset in drawn["refresher"]:
            start = dates.add_months(FIRST, REFRESHER_MONTHS * period)
            on = start + datetime.timedelta(offset)
            on = min(on, dates.add_months(start, REFRESHER_MONTHS) - ONE_DAY)
            CompletionFactory(staff=staff, module=refresher, completed_on=min(on, TODAY))
    summaries.refresh_all()
    return units


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(people=st.lists(person, max_size=12))
def test_every_month_end_state_equals_what_the_selectors_count(people, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    # At a past month end the selectors read the same kept changes: count the completions.
    monkeypatch.setattr(coverage, "_at_past_month_end", lambda at: False)
    with transaction.atomic():
        forget_figures()  # history ids rolled back with an earlier example come again
        units = make(people)
        cells = publication.model(TODAY).cells
        modules = selectors.modules()
        mandatory = [module for module in modules if module.mandatory]
        end = dates.last_of_month(FIRST)
        checked = 0
        while end <= dates.last_month_end(TODAY):
            month = f"{end:%Y-%m}"
            if ("training", "headcount", month, ALL) not in cells:
                assert not any(row["completed"] for row in selectors.coverage_by_module(end))
                end = dates.last_of_month(end + ONE_DAY)
                continue
            checked += 1
            assert cells[("training", "headcount", month, ALL)].value == (
                selectors.total_headcount(end)
            )
            for row in selectors.coverage_by_module(end):
                assert cells[trained_key(month, row["module"].pk)].value == row["completed"]
            per_unit = selectors.coverage_by_unit(end, mandatory)
            for row in per_unit if month in unit_state_months(TODAY) else []:
                assert (
                    cells[("training", "headcount", month, row["unit"].pk)].value
                    == (row["headcount"])
                )
                for cell in row["modules"]:
                    key = trained_key(month, cell["module"].pk, row["unit"].pk)
                    assert cells[key].value == cell["completed"], (key, end)
            pair = selectors.prerequisite_coverage(end)
            assert cells[prerequisite_key(month, "module1_and_2")].value == pair["module1_and_2"]
            assert cells[prerequisite_key(month, "module1_only")].value == pair["module1_only"]
            for row in selectors.refreshers_due(end):
                for which in ("overdue", "due_soon"):
                    key = refresher_key(month, row["module"].pk, which)
                    assert cells[key].value == row[which], (key, end)
            end = dates.last_of_month(end + ONE_DAY)
        # Some month end was checked when a completion is dated by the last one.
        last = dates.last_month_end(TODAY)
        assert checked or not Completion.objects.filter(completed_on__lte=last).exists()
        trained = [key for key in cells if key[:2] == ("training", "trained")]
        per_unit = {key[2:] for key in trained if key[4] != ALL}
        # Per unit only the last two month ends, and only for units still listed.
        assert {month for month, _module, _unit in per_unit} <= {"2023-01", "2023-02"}
        assert units[2].pk not in {unit for _month, _module, unit in per_unit}
        transaction.set_rollback(True)


@pytest.fixture
def built(monkeypatch) -> list:
    """The pieces the publication builds and protects, in order."""
    pieces = []
    build = disclosure._publish_piece
    monkeypatch.setattr(
        disclosure, "_publish_piece", lambda piece: pieces.append(piece) or build(piece)
    )
    return pieces


def test_a_completion_publishes_its_module_again_and_looks_up_the_others(
    police_user, built, monkeypatch
):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    units = make([{"unit": 0, "active": True, "theory": 10, "vr": 40, "refresher": [(0, 5)]}])
    other = ModuleFactory(code="p-4")
    disclosure.publication(TODAY)
    training_pieces = len(publication.pieces(TODAY))
    # Module 1 and 2 as one piece, the refresher module, the new one, the feedback.
    assert training_pieces == 4
    assert len(built) == training_pieces + 1  # and the ID checks' one
    built.clear()
    services.completion_record(
        staff=StaffMemberFactory(unit=units[0]),
        module=other,
        completed_on=datetime.date(2022, 2, 15),  # within the months already published
        method="online",
        actor=police_user,
    )
    kept = disclosure.publication(TODAY)
    assert len(built) == 1
    assert built[0].build().cells[trained_key("2022-02", other.pk)].value == 1
    forget_figures()
    assert kept == disclosure.publication(TODAY)


def test_pieces_are_found_in_this_process_or_the_shared_cache_or_published_again(
    built, monkeypatch
):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    make([{"unit": 0, "active": True, "theory": 10, "vr": 40, "refresher": [(0, 5)]}])
    published = disclosure.publication(TODAY)
    everything = len(built)
    # Another worker: the pieces are in the shared cache, not in its memory.
    figure_cache._held.clear()
    assert disclosure.publication(TODAY) == published
    # The shared cache emptied (a restart of Redis): this process still holds the pieces
    # and builds only the one without a digest (the ID checks').
    cache.clear()
    assert disclosure.publication(TODAY) == published
    assert [piece.digest for piece in built[everything:]] == [None]
    everything += 1
    # Lost everywhere while their keys are still kept: the app is published again.
    training_pieces = publication.pieces(TODAY)
    figure_cache._held.clear()
    cache.delete_many([disclosure._pieces_cache().prefix + each.digest for each in training_pieces])
    assert disclosure.publication(TODAY) == published
    assert len(built) == everything + len(training_pieces)

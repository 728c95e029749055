"""The figures kept up to date by the writes equal a full recomputation, whatever the writes.

Random sequences of writes go through every path a completion or a staff member is written
by: the police form's service, admin corrections and deletes, the import, a restore of an
old version from the history, staff moved to another unit or set inactive, and the rules
changed (a module's refresher, module 2's prerequisite). After each sequence the per-person
summary equals one derived from the completions, the kept counts per day and unit equal a
count over the people, the kept changes in staff trained and completions per month equal
a rebuild from every completion, and every coverage
figure (read through the summary) equals an independent count over the completions, on
today and on a past date.
"""

import datetime
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.models import Max, Min
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.dates import add_months, months_before, today
from core.disclosure import app_model, publication, publishing_apps
from core.suppression import protect
from tests.caches import forget_figures
from tests.factories import (
    ModuleFactory,
    ModulePrerequisiteFactory,
    StaffMemberFactory,
    UnitFactory,
    UnitHeadcountFactory,
)
from training import imports, selectors, services, summaries
from training.models import (
    Completion,
    CompletionCount,
    CoverageCount,
    Module,
    ModulePrerequisite,
    StaffMember,
    StaffModuleSummary,
    TrainedStateChange,
    UnitCoverageCount,
)

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=datetime.date(2022, 1, 1), max_value=datetime.date(2024, 12, 31))
PAST = datetime.date(2023, 6, 30)


def make_world():
    link = ModulePrerequisiteFactory(
        required=ModuleFactory(code="m1", kind=Module.Kind.THEORY),
        module=ModuleFactory(code="m2", kind=Module.Kind.VR),
    )
    online = ModuleFactory(code="online", kind=Module.Kind.ONLINE, refresher_months=12)
    units = [UnitFactory(), UnitFactory()]
    for unit in units:
        UnitHeadcountFactory(unit=unit, date=datetime.date(2021, 1, 1), headcount=10)
    staff = [StaffMemberFactory(unit=units[index % 2]) for index in range(6)]
    return {"modules": [link.required, link.module, online], "units": units, "staff": staff}


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["record", "correct", "delete", "import", "restore", "move", "leave", "rules", "link"]
        ),
        st.integers(0, 5),  # staff member
        st.integers(0, 2),  # module
        DAYS,
    ),
    min_size=1,
    max_size=12,
)


def apply(operation, world, actor, tmp_path):
    kind, person, module, day = operation
    staff, module = world["staff"][person], world["modules"][module]
    # Corrections, deletes and restores take any completion there is.
    recorded = list(Completion.objects.order_by("pk"))
    existing = recorded[person % len(recorded)] if recorded else None
    try:
        if kind == "record":
            services.completion_record(
                staff=staff, module=module, completed_on=day, method="online", actor=actor
            )
        elif kind == "correct" and existing:
            existing.completed_on, existing.module = day, module
            services.completion_update(completion=existing, actor=actor)
        elif kind == "delete" and existing:
            services.completion_delete(completion=existing, actor=actor)
        elif kind == "import":
            # One to four people: for more than half of the staff the import counts
            # everyone again rather than these people before and after.
            people = [world["staff"][(person + k) % 6] for k in range(1 + person % 4)]
            rows = "".join(f"{member.staff_number};{module.code};{day}\n" for member in people)
            path = Path(tmp_path) / "export.csv"
            path.write_text(f"personeelsnummer;module;datum\n{rows}")
            imports.confirm(path, actor=actor)
        elif kind == "restore" and existing:
            # The admin's "revert" saves the fields of an old version through the service.
            oldest = existing.history.order_by("history_date").first()
            existing.completed_on, existing.module_id = oldest.completed_on, oldest.module_id
            services.completion_update(completion=existing, actor=actor)
        elif kind == "move":
            staff.unit = world["units"][(world["units"].index(staff.unit) + 1) % 2]
            services.staff_member_save(staff_member=staff, actor=actor)
        elif kind == "leave":
            staff.active = not staff.active
            services.staff_member_save(staff_member=staff, actor=actor)
        elif kind == "rules":
            # An administrator changes how long a module's completions stay valid.
            module = Module.objects.get(pk=module.pk)
            module.refresher_months = {0: 12, 12: 6}.get(module.refresher_months, 0)
            services.module_update(module=module, expected_version=module.version, actor=actor)
        elif kind == "link":
            # Module 2 stops (or starts again) requiring module 1.
            link = ModulePrerequisite.objects.first()
            if link:
                services.reference_delete(record=link, actor=actor)
            else:
                first, second = world["modules"][:2]
                record = ModulePrerequisite(required=first, module=second)
                services.reference_save(record=record, actor=actor)
    except Exception as error:  # a refused write (same period twice, a future date) is fine
        from django.core.exceptions import ValidationError
        from django.db import IntegrityError

        if not isinstance(error, ValidationError | IntegrityError):
            raise


def kept_for_the_publication() -> tuple[set, set]:
    changes = TrainedStateChange.objects.values_list(
        "kind", "unit", "module", "month_end", "people"
    )
    counts = CompletionCount.objects.values_list("module_id", "month_end", "completions")
    return set(changes), set(counts)


def summary_rows() -> set[tuple]:
    return set(
        StaffModuleSummary.objects.values_list(
            "staff_id", "module_id", "unit_id", "active", "first_completed_on", "last_completed_on"
        )
    )


def derived_rows() -> set[tuple]:
    rows = (
        Completion.objects.values("staff_id", "module_id", "staff__unit_id", "staff__active")
        .annotate(first=Min("completed_on"), last=Max("completed_on"))
        .values_list("staff_id", "module_id", "staff__unit_id", "staff__active", "first", "last")
    )
    return set(rows)


def kept_counts() -> tuple[set, set]:
    days = set(CoverageCount.objects.values_list("module_id", "kind", "day", "people"))
    units = set(UnitCoverageCount.objects.values_list("module_id", "unit_id", "people"))
    return days, units


def recounted() -> tuple[set, set]:
    """The counts per module and day, and per module and unit, counted over the people."""
    days, units = Counter(), Counter()
    for module, unit, active, first, last in (row[1:] for row in derived_rows()):
        if active:
            days[(module, "first", first)] += 1
            days[(module, "last", last)] += 1
            units[(module, unit)] += 1
    return {(*key, n) for key, n in days.items()}, {(*key, n) for key, n in units.items()}


def valid(completion, module, at) -> bool:
    if completion.completed_on > at:
        return False
    cut = months_before(at, module.refresher_months) if module.refresher_months else None
    return cut is None or completion.completed_on > cut


def counted(at):
    """The coverage figures counted by hand over the completions (the oracle)."""
    completions = list(Completion.objects.select_related("staff", "module"))
    active = [c for c in completions if c.staff.active]
    modules = selectors.modules()
    by_module = {
        m.pk: {c.staff_id for c in active if c.module_id == m.pk and valid(c, m, at)}
        for m in modules
    }
    by_unit = {
        (m.pk, unit): {
            c.staff_id
            for c in active
            if c.module_id == m.pk and c.staff.unit_id == unit and valid(c, m, at)
        }
        for m in modules
        for unit in StaffMember.objects.values_list("unit_id", flat=True).distinct()
    }
    firsts = {}
    for c in active:
        if c.completed_on <= at:
            key = (c.staff_id, c.module_id)
            firsts[key] = min(firsts.get(key, c.completed_on), c.completed_on)
    lasts = {}
    for c in active:
        if c.completed_on <= at:
            key = (c.staff_id, c.module_id)
            lasts[key] = max(lasts.get(key, c.completed_on), c.completed_on)
    return modules, by_module, by_unit, firsts, lasts


def assert_figures_equal_a_recount(at):
    modules, by_module, by_unit, firsts, lasts = counted(at)
    assert {row["module"].pk: row["completed"] for row in selectors.coverage_by_module(at)} == {
        pk: len(people) for pk, people in by_module.items()
    }
    units = selectors.coverage_by_unit(at, modules)
    for row in units:
        for cell in row["modules"]:
            assert cell["completed"] == len(by_unit.get((cell["module"].pk, row["unit"].pk), ()))
    first, second = selectors.prerequisite_pair()
    if first is not None:
        both = by_module[first.pk] & by_module[second.pk]
        assert selectors.prerequisite_coverage(at) | {"module1": None, "module2": None} == {
            "module1": None,
            "module2": None,
            "module1_total": len(by_module[first.pk]),
            "module1_only": len(by_module[first.pk] - both),
            "module1_and_2": len(both),
        }
    for row in selectors.coverage_trend(at, 6):
        for month, total in row["series"]:
            stop = add_months(month, 1)
            expected = sum(
                1 for (_, m), day in firsts.items() if m == row["module"].pk and day < stop
            )
            assert total == expected, (row["module"].code, month)
    for row in selectors.refreshers_due(at):
        module = row["module"]
        cut = months_before(at, module.refresher_months)
        soon = months_before(at + datetime.timedelta(days=90), module.refresher_months)
        mine = [day for (_, m), day in lasts.items() if m == module.pk]
        assert row["overdue"] == sum(day <= cut for day in mine)
        assert row["due_soon"] == sum(cut < day <= soon for day in mine)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_kept_figures_equal_a_full_recount_after_any_writes(operations, police_user, tmp_path):
    with transaction.atomic():
        forget_figures()  # history ids rolled back with an earlier example come again
        world = make_world()
        for operation in operations:
            apply(operation, world, police_user, tmp_path)
            # The trend keeps the months before a date through later completions (the
            # figure cache): read after every write, it must still equal a recount.
            for at in (today(), PAST):
                selectors.coverage_trend(at, 6)
        assert summary_rows() == derived_rows()
        assert kept_counts() == recounted()
        kept = kept_for_the_publication()
        summaries.refresh_states()
        assert kept == kept_for_the_publication()
        for at in (today(), PAST):
            assert_figures_equal_a_recount(at)
        transaction.set_rollback(True)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_the_publication_kept_piece_by_piece_equals_one_from_nothing(
    operations, police_user, tmp_path
):
    # Read after every write, the council's publication looks up the pieces it published
    # before (core.disclosure); it must equal one computed with nothing kept, and the whole
    # model of each app protected at once.
    with transaction.atomic():
        forget_figures()
        world = make_world()
        publication(today())
        for operation in operations:
            apply(operation, world, police_user, tmp_path)
            kept = publication(today())
        forget_figures()
        assert kept == publication(today())
        whole = frozenset().union(
            *(protect(app_model(config, today())) for config in publishing_apps())
        )
        assert kept.hidden == whole
        transaction.set_rollback(True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_two_writes_for_one_person_at_once_are_counted_one_after_the_other(
    police_user, monkeypatch
):
    # The second write starts while the first is between reading the person's completions
    # and committing: without the lock on the staff row it would count its change from
    # the same "before" and the kept changes would drift from a rebuild.
    world = make_world()
    staff, online = world["staff"][0], world["modules"][2]
    first_inside, errors = threading.Event(), []
    save = services.record_save

    def slow_save(record, **kwargs):
        if threading.current_thread().name == "first":
            first_inside.set()
            time.sleep(0.5)
        return save(record, **kwargs)

    monkeypatch.setattr(services, "record_save", slow_save)

    def record(day):
        try:
            services.completion_record(
                staff=staff, module=online, completed_on=day, method="online", actor=police_user
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=record, args=(datetime.date(2023, 1, 10),), name="first")
    first.start()
    assert first_inside.wait(5)
    second = threading.Thread(target=record, args=(datetime.date(2024, 3, 10),), name="second")
    second.start()
    first.join(10)
    second.join(10)
    assert errors == []
    assert Completion.objects.filter(staff=staff, module=online).count() == 2
    kept = kept_for_the_publication()
    summaries.refresh_states()
    assert kept == kept_for_the_publication()

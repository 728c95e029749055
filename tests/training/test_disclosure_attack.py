"""Staff trained cannot be recovered by differencing (issue 14, item 3), tried by attack.

Hypothesis makes completions of one module by staff of two units over a few months. A
council member reads the coverage page for every month end (per unit, all units, against
each unit's headcount), through the function the page uses (`shown_coverage_page`; a real
request below proves the page shows it), and the completions per month, quarter and year
and every range of months ("what changed"). The attacker knows each unit's monthly
newcomers are counts (at least 0), that the trained never outnumber the headcount, and the
published numbers; it narrows every hidden count of 1 to 4 by integer programming and may
not pin any. The audit checks the simple rule as well: no sum of the publication holds
exactly one hidden cell next to a hidden small count.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import dates, suppression
from core.disclosure import MARK, Figures, council_model, publication
from tests.attacker import Attack
from tests.caches import forget_figures
from tests.factories import (
    CompletionFactory,
    ModuleFactory,
    StaffMemberFactory,
    UnitFactory,
    UnitHeadcountFactory,
)
from tests.html import table_after
from training import selectors
from training.disclosure import completions_key, shown_coverage_page
from training.views import CoverageView

pytestmark = pytest.mark.django_db

MONTHS = [datetime.date(2023, month, 1) for month in range(1, 7)]
TODAY = datetime.date(2023, 7, 15)
HEADCOUNT = 12

# Per unit: the month index in which each of its trained staff completed the module.
completions = st.lists(
    st.lists(st.integers(0, len(MONTHS) - 1), max_size=HEADCOUNT), min_size=2, max_size=2
)


def make(per_unit):
    module = ModuleFactory(code="hk-m1", name="Module 1", mandatory=True)
    units = []
    for index, months in enumerate(per_unit):
        unit = UnitFactory(name=f"Dienst {index}")
        UnitHeadcountFactory(unit=unit, date=datetime.date(2022, 1, 1), headcount=HEADCOUNT)
        for month in months:
            CompletionFactory(
                staff=StaffMemberFactory(unit=unit),
                module=module,
                completed_on=MONTHS[month] + datetime.timedelta(days=4),
            )
        units.append(unit)
    return module, units


def read_everything(module, units, shown, attack, hidden):
    """Every month end's coverage page, as equations over (unit, month) newcomers."""

    def newcomers(unit_ids, last):
        return {(u, m): 1 for u in unit_ids for m in range(last + 1)}

    unit_ids = [unit.pk for unit in units]
    for u in unit_ids:
        for m in range(len(MONTHS)):
            attack.atom((u, m))
        # The trained never outnumber the headcount (known to anyone reading the table).
        attack.at_least({(u, m): -1 for m in range(len(MONTHS))}, -HEADCOUNT)
    for last, month in enumerate(MONTHS):
        at = dates.last_of_month(month)
        data = shown_coverage_page(shown, at, CoverageView.figures(at), 24)
        counted = [
            (data["by_module"][0]["shown"], data["by_module"][0]["completed"], unit_ids, "all")
        ]
        counted += [
            (
                row["modules"][0]["shown"],
                row["modules"][0]["completed"],
                [row["unit"].pk],
                row["unit"].name,
            )
            for row in data["by_unit"]
        ]
        for value, true, members, name in counted:
            terms = newcomers(members, last)
            if value == MARK:
                attack.at_least(terms, 1)
                hidden.append((terms, true, f"{name} at {at}"))
            else:
                assert value == true
                attack.published(terms, value)
    # Completions per fixed period and per range of months (what changed).
    for first in range(len(MONTHS)):
        for last in range(first, len(MONTHS)):
            start, end = MONTHS[first], dates.last_of_month(MONTHS[last])
            rows = selectors.completions_between(start, end)
            value = shown.total(
                [completions_key(part, module.pk) for part in shown.parts(start, end)],
                rows[0]["count"],
            )
            terms = {(u, m): 1 for u in unit_ids for m in range(first, last + 1)}
            if value == MARK:
                attack.at_least(terms, 1)
                hidden.append((terms, rows[0]["count"], f"completions {start}–{end}"))
            else:
                attack.published(terms, value)


def audit(today):
    """The simple rule: no sum of the whole model holds a small hidden count and only one
    hidden cell of what is published (app by app, part by part, through the cache)."""
    model = council_model(today)
    hidden = publication(today).hidden
    unknown = {
        key
        for key, cell in model.cells.items()
        if key in hidden or not (cell.shown or (cell.residual and cell.value == 0))
    }
    for total, parts in model.relations:
        cells = [total, *parts]
        small = [key for key in cells if key in unknown and model.cells[key].sensitive]
        assert not small or len([key for key in cells if key in unknown]) >= 2, (total, small)


@pytest.mark.parametrize("group_limit", [suppression.GROUP_LIMIT, 0], ids=["whole", "around"])
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(per_unit=completions)
def test_no_differencing_recovers_a_hidden_count_of_staff(per_unit, group_limit, monkeypatch):
    # "around": every group is audited as a large one is, cell by cell with its neighbours.
    monkeypatch.setattr(suppression, "GROUP_LIMIT", group_limit)
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    with transaction.atomic():
        forget_figures()
        module, units = make(per_unit)
        shown = Figures(AnonymousUser(), TODAY)
        attack, hidden = Attack(), []
        read_everything(module, units, shown, attack, hidden)
        for terms, true, name in hidden:
            if 0 < true < 5:
                least, greatest = attack.interval(terms)
                assert least <= true <= greatest
                assert greatest - least >= 1, f"{name} ({true}) pinned"
        audit(TODAY)
        transaction.set_rollback(True)


def test_the_coverage_page_shows_what_the_attacker_read(council_client, staff_client, monkeypatch):
    # Per unit, the council gets the last two month ends: January and February 2023.
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2023, 3, 10))
    make([[0, 0, 1], [0, 1, 1, 1, 1, 2, 3]])
    state = datetime.date(2023, 1, 31)  # the last month end before 20/02/2023
    data = shown_coverage_page(Figures(AnonymousUser()), state, CoverageView.figures(state), 24)
    # Unit 0 had 2 trained, unit 1 had 1: both hidden (and the total of 3).
    assert [row["modules"][0]["shown"] for row in data["by_unit"]] == [MARK, MARK]
    page = council_client.get(reverse("training:coverage"), {"at": "2023-02-20"})
    rows = table_after(page.content.decode(), "Per dienst")[1:]
    assert [row[2] for row in rows] == [MARK, MARK]
    # Police staff read the day they asked for, exactly: 3 and 5 of 12.
    police = staff_client.get(reverse("training:coverage"), {"at": "2023-02-20"})
    rows = table_after(police.content.decode(), "Per dienst")[1:]
    assert [row[2] for row in rows] == ["3 (25,0%)", "5 (41,7%)"]


def test_per_unit_the_council_gets_the_last_two_month_ends_only(
    council_client, staff_client, monkeypatch
):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2023, 3, 10))
    make([[0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 1]])
    older = council_client.get(reverse("training:coverage"), {"at": "2023-01-15"})
    content = older.content.decode()
    assert "enkel voor het einde van de laatste twee kalendermaanden" in content
    assert "Dienst 0" not in content
    latest = council_client.get(reverse("training:coverage"), {"at": "2023-03-10"})
    rows = table_after(latest.content.decode(), "Per dienst")[1:]
    assert [row[0] for row in rows] == ["Dienst 0", "Dienst 1"]
    # Police staff keep every date, per unit.
    police = staff_client.get(reverse("training:coverage"), {"at": "2023-01-15"})
    rows = table_after(police.content.decode(), "Per dienst")[1:]
    assert [row[2] for row in rows] == ["5 (41,7%)", "7 (58,3%)"]

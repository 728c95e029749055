"""Persons checked cannot be recovered by differencing (issue 14, item 3), tried by attack.

Hypothesis makes authorisations with small counts of persons checked over half a year and
both kinds. A council member then requests everything the interface allows, through the
functions the pages use (a few real HTTP requests below prove the pages use them): every
authorisation in the register (and its export), the summary for every calendar month,
quarter and year and for every range of dates starting on the 1st or the 15th of a month
and ending on the 14th or the last day (snapped by the council's rules), per kind and in
total, and the open-data year. Each published number is an equation over the
authorisations (the register shows each one's month and kind); hidden ones are at least 1.
An integer-programming attacker (tests/attacker.py) then narrows every hidden figure: none
may come down to a single value. Every count from 1 to 4 must be hidden (primary).
"""

import csv
import datetime
import io

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import dates
from core.disclosure import MARK, Figures
from id_checks import selectors
from id_checks.disclosure import TOTAL, execution_key, persons_key, persons_over
from id_checks.models import Kind
from tests.attacker import Attack
from tests.caches import forget_figures
from tests.factories import AuthorisationFactory, ExecutionFactory

pytestmark = pytest.mark.django_db

FIRST_MONTH = datetime.date(2023, 7, 1)
MONTHS = [dates.add_months(FIRST_MONTH, offset) for offset in range(6)]

authorisations = st.lists(
    st.tuples(
        st.integers(0, len(MONTHS) - 1),
        st.sampled_from(Kind.values),
        st.integers(0, 8),
    ),
    min_size=1,
    max_size=9,
)


def make(specs) -> dict:
    """{authorisation id: (month, kind, persons checked)}."""
    made = {}
    for month_index, kind, persons in specs:
        start = timezone.make_aware(
            datetime.datetime.combine(
                MONTHS[month_index] + datetime.timedelta(days=9), datetime.time(10)
            )
        )
        execution = ExecutionFactory(
            decision__authorisation=AuthorisationFactory(
                kind=kind, starts_at=start, ends_at=start + datetime.timedelta(hours=6)
            ),
            persons_checked=persons,
        )
        made[execution.decision.authorisation_id] = (MONTHS[month_index], kind, persons)
    return made


def requested_ranges():
    """Every range the summary's date fields allow here, by their first and last day."""
    for first in MONTHS:
        for last in MONTHS:
            if last < first:
                continue
            for start in (first, first.replace(day=15)):
                for end in (dates.last_of_month(last), last.replace(day=14)):
                    if start <= end:
                        yield start, end


def attack(made: dict, viewer) -> tuple[Attack, list]:
    """Everything the council obtains, as equations; and the hidden figures to narrow."""
    shown = Figures(viewer)
    attack, hidden = Attack(), []
    for pk, (_month, _kind, persons) in made.items():
        value = shown.figure(execution_key(pk, "persons_checked"), persons)
        attack.atom(pk, least=1 if value == MARK else 0)
        if value == MARK:
            hidden.append(({pk: 1}, persons, f"authorisation {pk}"))
        else:
            attack.published({pk: 1}, value)

    def members(start, end, kind):
        return {
            pk: 1
            for pk, (month, of_kind, _) in made.items()
            if start <= month <= end and kind in (TOTAL, of_kind)
        }

    figures_asked = set()
    for start, end in requested_ranges():
        # As the summary page (and the dashboard, the report) does it.
        start, end = shown.period(start, end)
        figures = selectors.authorisation_figures(start, end)
        for kind in (*Kind.values, TOTAL):
            value = persons_over(shown, start, end, kind, figures[kind].persons_checked)
            figures_asked.add((start, end, kind, value, figures[kind].persons_checked))
    # Every month, quarter and year on its own (the summary's rows, open data's year).
    for key, first, last, _parent in dates.periods_between(MONTHS[0], MONTHS[-1]):
        figures = selectors.authorisation_figures(first, last)
        for kind in (*Kind.values, TOTAL):
            value = shown.figure(persons_key(key, kind), figures[kind].persons_checked)
            figures_asked.add((first, last, kind, value, figures[kind].persons_checked))
    for start, end, kind, value, true in figures_asked:
        terms = members(start, end, kind)
        if value == MARK:
            attack.at_least(terms, 1)
            hidden.append((terms, true, f"{kind} {start}–{end}"))
        else:
            assert value == true
            attack.published(terms, value)
    return attack, hidden


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(specs=authorisations)
def test_no_differencing_recovers_a_hidden_count(council_user, specs):
    with transaction.atomic():
        forget_figures()
        made = make(specs)
        attacker, hidden = attack(made, council_user)
        for terms, true, name in hidden:
            if not 0 < true < 5:
                continue  # a hidden count of 5 or more may be computed: it names nobody
            least, greatest = attacker.interval(terms)
            assert least <= true <= greatest
            published = [equation for equation in attacker.equalities if equation[0]]
            assert greatest - least >= 1, f"{name} ({true}) pinned by {published}"
        # Primary: every small count asked is hidden.
        small = [name for terms, true, name in hidden if 0 < true < 5]
        shown = Figures(council_user)
        for pk, (_, _, persons) in made.items():
            if 0 < persons < 5:
                assert shown.figure(execution_key(pk, "persons_checked"), persons) == MARK
        assert small or not any(0 < p < 5 for *_, p in made.values())
        transaction.set_rollback(True)


def test_the_pages_publish_what_the_attacker_read(council_client, council_user, staff_client):
    """The summary page, the register's export and the brief's example (1 Feb-31 Mar minus
    1 Feb-29 Feb) through real requests: the council gets what the functions give."""
    made = make([(1, "actie", 3), (2, "actie", 9), (2, "ordedienst", 7), (4, "actie", 12)])
    shown = Figures(council_user)
    # The register's CSV holds the functions' values.
    rows = csv.DictReader(
        io.StringIO(
            council_client.get(
                reverse("id_checks:authorisation_list") + "?_export=csv"
            ).content.decode()
        )
    )
    exported = sorted(row["Gecontroleerde personen"] for row in rows)
    expected = sorted(
        str(shown.figure(execution_key(pk, "persons_checked"), persons))
        for pk, (_, _, persons) in made.items()
    )
    assert exported == expected and "3" not in exported
    # Differencing two ranges that differ by a month: the month is hidden in both or one.
    august = reverse("id_checks:summary") + "?start=2023-08-01&end=2023-08-31"
    both = reverse("id_checks:summary") + "?start=2023-08-01&end=2023-09-30"
    partial = reverse("id_checks:summary") + "?start=2023-08-01&end=2023-09-17"

    def total_persons(url):
        totals = council_client.get(url).context["totals"]
        return [persons for _label, _figures, persons in totals]

    assert total_persons(august) == [MARK, 0, MARK]
    assert total_persons(partial) == total_persons(august)  # whole months only
    whole = total_persons(both)
    assert MARK in whole  # else 1 Aug-30 Sep minus August would give the hidden 3
    # Police staff read the exact figure for the dates they ask.
    police = staff_client.get(partial).context["totals"]
    assert [persons for *_, persons in police] == [12, 7, 19]

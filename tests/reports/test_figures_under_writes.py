"""Figures that stay cached while people write elsewhere, and never go stale.

A write recomputes only the figures that read what it wrote: a progress update leaves the
dashboard's figures and a past meeting's report as they are; a completion recomputes the
training figures and nothing else; a record dated before a meeting changes its report, and
for those who read exact figures a completion dated after it leaves it as it is.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import dates
from profiling_followup import reports
from recommendations import services as recommendation_services
from tests.factories import CompletionFactory, ModuleFactory, StaffMemberFactory
from tests.html import element_text, page_text, table_after, tables
from tests.reports.conftest import at
from training import services as training_services

pytestmark = pytest.mark.django_db
MEETING = "2024-02-19"


def queries_of(client, url) -> tuple[int, str]:
    """How many queries a page reads besides the data fingerprints (which SQLite reads for
    every cached figure, PostgreSQL once per snapshot), and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    fingerprints = ("MAX(history_id)", "pg_current_snapshot()")
    reads = [query for query in queries if not any(part in query["sql"] for part in fingerprints)]
    return len(reads), response.content.decode()


def progress_update(police_user, day=None, moment=None):
    from recommendations.models import Action

    return recommendation_services.progress_update_create(
        action=Action.objects.get(),
        on=day or datetime.date.today(),
        text="Nieuwe stand",
        actor=police_user,
        at=moment,
    )


def test_a_progress_update_recomputes_no_dashboard_figure(history, staff_client, police_user):
    cold, page = queries_of(staff_client, reverse("home"))
    warm, _ = queries_of(staff_client, reverse("home"))
    progress_update(police_user)
    after, again = queries_of(staff_client, reverse("home"))
    # Only the period anchors are read again (six dates, one of them a progress update's):
    # they did not move, so the page is not even drawn again.
    assert after - warm == 6 < 20 < cold - warm
    assert element_text(again, "main") == element_text(page, "main")


def test_a_write_that_moves_the_period_anchors_draws_the_dashboard_again(
    history, council_client, admin_user
):
    # A frozen report is read by no figure, only by the period presets ("since the last
    # meeting", then the default one): the content's key holds them.
    before = element_text(council_client.get(reverse("home")).content.decode(), "period-shown")
    reports.report_freeze(meeting_date=datetime.date(2024, 2, 19), actor=admin_user)
    after = element_text(council_client.get(reverse("home")).content.decode(), "period-shown")
    assert "Sinds de laatste vergadering" not in before
    assert "Sinds de laatste vergadering (19/02/2024)" in after


def test_a_completion_recomputes_the_training_figures_at_once(db, staff_client):
    module = ModuleFactory(code="m1", name="Module 1")
    url = reverse("training:coverage")
    assert table_after(staff_client.get(url).content.decode(), "Per module")[1][1] == "0"
    CompletionFactory(module=module, completed_on=datetime.date(2024, 1, 5))
    assert table_after(staff_client.get(url).content.decode(), "Per module")[1][1] == "1"


def test_the_report_of_a_past_meeting_stays_cached_through_todays_writes(
    history, council_client, police_user
):
    url = reverse("committee_report") + f"?date={MEETING}"
    queries_of(council_client, url)
    cached, page = queries_of(council_client, url)
    progress_update(police_user)  # recorded today, after the meeting
    after, again = queries_of(council_client, url)
    assert page_text(again) == page_text(page)
    assert after == cached  # nothing recomputed


def test_a_record_dated_before_the_meeting_changes_its_report(history, council_client, police_user):
    url = reverse("committee_report") + f"?date={MEETING}"
    before = page_text(council_client.get(url).content.decode())
    progress_update(police_user, datetime.date(2024, 2, 10), at("2024-02-10"))
    after = page_text(council_client.get(url).content.decode())
    assert "Nieuwe stand" not in before
    assert "Nieuwe stand" in after


def test_the_police_report_of_a_past_meeting_counts_completions_dated_up_to_it(
    history, staff_client
):
    module = ModuleFactory(code="m1", name="Module 1")
    staff = StaffMemberFactory.create_batch(2)
    url = reverse("committee_report") + f"?date={MEETING}"

    def trained(page: str) -> str:
        return tables(page[page.index('id="report-training"') :])[0][1][1]

    queries_of(staff_client, url)
    cached, page = queries_of(staff_client, url)
    CompletionFactory(staff=staff[0], module=module, completed_on=datetime.date.today())
    after, again = queries_of(staff_client, url)
    assert page_text(again) == page_text(page)
    assert after == cached  # recorded and dated after the meeting: nothing recomputed
    assert trained(again) == "0"
    CompletionFactory(staff=staff[1], module=module, completed_on=datetime.date(2024, 2, 1))
    _count, dated_back = queries_of(staff_client, url)
    assert trained(dated_back) == "1"  # dated before it: counted


def test_a_completion_after_the_councils_month_end_leaves_its_training_figures_cached(
    council_client, police_user, monkeypatch
):
    from profiling_followup import dashboard

    today = datetime.date(2024, 3, 15)
    monkeypatch.setattr(dates, "today", lambda: today)
    computed = []
    compute = dashboard._training_figures
    monkeypatch.setattr(
        dashboard,
        "_training_figures",
        lambda filters: computed.append(filters.state_date) or compute(filters),
    )
    module = ModuleFactory(code="m1", name="Module 1")
    staff = StaffMemberFactory.create_batch(3)

    def complete(person, day):
        training_services.completion_record(
            staff=person, module=module, completed_on=day, method="online", actor=police_user
        )
        assert council_client.get(reverse("home")).status_code == 200

    month_end = datetime.date(2024, 2, 29)  # the state the council reads
    complete(staff[0], today)  # the first request computes them
    assert computed == [month_end]
    complete(staff[1], today)  # dated after that month end: they are kept
    assert computed == [month_end]
    complete(staff[2], month_end)  # dated by it: computed again
    assert computed == [month_end, month_end]

import datetime
import itertools
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import figure_cache
from core.figure_cache import (
    NamedCache,
    _computed_once,
    cached_figures,
    cached_html,
    code_version,
    data_fingerprint,
)
from core.history import record_save
from recommendations import services as recommendation_services
from recommendations.models import Action
from tests.factories import (
    ActionFactory,
    CompletionFactory,
    ModuleFactory,
    RecommendationFactory,
    StaffMemberFactory,
)
from training import services as training_services
from training.models import Completion, StaffMember


def counter():
    """A figure's compute function that returns how many times it has been called."""
    return itertools.count(1).__next__


@pytest.mark.django_db
def test_the_fingerprint_changes_with_every_recorded_write(police_user):
    before = data_fingerprint()
    recommendation = RecommendationFactory()
    after_create = data_fingerprint()
    recommendation.text = "gewijzigd"
    recommendation.save()
    assert len({before, after_create, data_fingerprint()}) == 3


@pytest.mark.django_db
def test_figures_are_computed_once_per_data_state(django_assert_num_queries):
    compute = counter()

    assert cached_figures("test", compute) == 1
    with django_assert_num_queries(1):  # only the fingerprint
        assert cached_figures("test", compute) == 1
    RecommendationFactory()
    assert cached_figures("test", compute) == 2
    assert cached_figures("test", compute, "other-filter") == 3


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the snapshot memo is PostgreSQL's"
)


@postgresql_only
@pytest.mark.django_db
def test_while_the_snapshot_is_unchanged_one_cheap_query_answers(django_assert_num_queries):
    first = data_fingerprint()
    with django_assert_num_queries(1) as queries:
        assert data_fingerprint() == first
    assert "MAX(history_id)" not in queries.captured_queries[0]["sql"]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_committed_write_changes_the_snapshot_and_so_the_fingerprint():
    before = data_fingerprint()
    assert data_fingerprint() == before  # now memoised
    RecommendationFactory()  # autocommit: committed at once
    assert data_fingerprint() != before


@pytest.mark.django_db
def test_a_figure_is_kept_through_writes_to_tables_it_does_not_read(police_user):
    compute = counter()

    reads = (Completion, StaffMember)
    assert cached_figures("coverage", compute, reads=reads) == 1
    recommendation_services.progress_update_create(
        action=ActionFactory(), on=datetime.date(2024, 1, 5), text="Stand", actor=police_user
    )
    assert cached_figures("coverage", compute, reads=reads) == 1  # not recomputed
    CompletionFactory()
    assert cached_figures("coverage", compute, reads=reads) == 2


@pytest.mark.django_db
def test_a_figure_as_of_a_past_moment_is_kept_through_later_writes_only(police_user):
    compute = counter()

    past = timezone.now() - datetime.timedelta(days=30)
    action = ActionFactory()
    assert cached_figures("report", compute, reads=(Action,), as_of=past) == 1
    action.title = "Later gewijzigd"
    action.save()  # recorded now, after `past`
    assert cached_figures("report", compute, reads=(Action,), as_of=past) == 1
    # A record of a past event (the demo's, an import's) changes what stood then.
    record_save(ActionFactory.build(), actor=police_user, at=past - datetime.timedelta(days=1))
    assert cached_figures("report", compute, reads=(Action,), as_of=past) == 2


@pytest.mark.django_db
def test_the_history_up_to_a_moment_is_read_again_only_after_a_write():
    past = timezone.now() - datetime.timedelta(days=30)
    ActionFactory()

    def as_of_reads():
        with CaptureQueriesContext(connection) as queries:
            data_fingerprint((Action,), as_of=past)
        return sum("history_date <=" in query["sql"] for query in queries)

    assert as_of_reads() == 1
    assert as_of_reads() == 0  # nothing written since
    CompletionFactory()  # a write to any table: it might be dated before the moment
    assert as_of_reads() == 1


@pytest.mark.django_db
def test_a_figure_on_a_day_is_kept_through_records_dated_later_only(police_user):
    compute = counter()

    day, one_day = datetime.date(2024, 2, 19), datetime.timedelta(days=1)
    dated = {Completion: ("completed_on", day)}

    def figure():
        return cached_figures("report", compute, reads=(Completion, StaffMember), dated=dated)

    staff, other, module = StaffMemberFactory(), StaffMemberFactory(), ModuleFactory()
    assert figure() == 1
    later = CompletionFactory(staff=staff, module=module, completed_on=day + one_day)
    assert figure() == 1  # dated after the day: not recomputed
    CompletionFactory(staff=other, module=module, completed_on=day)
    assert figure() == 2  # dated on the day (recorded today): counted
    # A change may move a record across the day, a deletion takes one away: both count.
    training_services.completion_update(
        completion=Completion.objects.get(pk=later.pk), actor=police_user
    )
    assert figure() == 3
    training_services.completion_delete(completion=later, actor=police_user)
    assert figure() == 4
    staff.name = "Andere naam"
    record_save(staff, actor=police_user)
    assert figure() == 5  # the other tables it reads count whatever the date


@pytest.mark.django_db
def test_one_process_computes_while_the_others_wait_for_its_result():
    started, results = threading.Event(), []

    def slow():
        started.set()
        time.sleep(0.3)
        return "figure"

    def fast():
        results.append("computed twice")
        return "other"

    worker = threading.Thread(target=lambda: results.append(_computed_once("k", slow)))
    worker.start()
    started.wait(2)
    assert _computed_once("k", fast) == "figure"  # waited for the first one
    worker.join()
    assert results == ["figure"]


def test_a_new_release_never_reads_the_figures_of_the_last_one(tmp_path, settings):
    (tmp_path / "app").mkdir()
    template = tmp_path / "app" / "page.html"
    template.write_text("<p>{{ figure }}</p>")
    settings.BASE_DIR = tmp_path
    code_version.cache_clear()
    try:
        before = code_version()
        template.write_text("<p>{{ figure|figure:viewer }}</p>")
        code_version.cache_clear()
        assert code_version() != before
    finally:
        code_version.cache_clear()


def test_a_named_cache_holds_the_values_it_used_last_in_this_process():
    held = NamedCache("held-test", held=2)
    held.set_many({"a": 1, "b": 2})
    cache.clear()  # as another process would see the shared cache: empty
    assert held.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    held.set_many({"c": 3})  # "a" was used longest ago: no longer held
    cache.clear()
    assert held.get_many(["a", "b", "c"]) == {"b": 2, "c": 3}
    # Without `held`, nothing is kept in the process.
    shared_only = NamedCache("shared-test")
    shared_only.set_many({"a": 1})
    assert shared_only.get_many(["a"]) == {"a": 1}
    cache.clear()
    assert shared_only.get_many(["a"]) == {}


@pytest.mark.django_db
def test_a_page_is_held_in_this_process_until_what_it_reads_changes(police_user):
    renders = counter()

    def page():
        return f"<p>{renders()}</p>"

    reads = (Completion, StaffMember)

    def html():
        return cached_html("held", page, police_user, reads=reads).encoded

    assert html() == b"<p>1</p>"
    cache.clear()  # the shared cache lost it: this process still holds it
    assert html() == b"<p>1</p>"
    CompletionFactory()
    assert html() == b"<p>2</p>"
    # Another worker, which holds nothing, reads what this one rendered.
    figure_cache._held.clear()
    assert html() == b"<p>2</p>"


@pytest.mark.parametrize("url", ["home", "committee_report", "training:coverage"])
def test_cached_html_is_put_in_its_page_as_rendered(staff_client, url):
    first = staff_client.get(reverse(url)).content
    again = staff_client.get(reverse(url)).content  # from the held bytes
    assert b"<!--cached-html-" not in first
    assert first.count(b"<h1") == again.count(b"<h1") >= 1
    # The page around it has a fresh CSRF token each time; the content is the same.
    assert len(first) == len(again)


def test_a_process_holds_values_up_to_their_total_size():
    held = figure_cache._Held(10, size=len)
    held.hold({"a": "12345678"})
    held.hold({"b": "1234"})  # 12 characters: the oldest goes
    assert held.get_many(["a", "b"]) == {"b": "1234"}
    held.hold({"c": "12345678901"})  # larger than the limit: not held at all
    assert held.get_many(["b", "c"]) == {}

"""The test run's own set-up: what makes ./test.sh fast and its results independent of
which xdist worker runs a test."""

import pytest

from tests.databases import IN_OTHER_PROCESSES


@IN_OTHER_PROCESSES
def test_the_tests_in_other_processes_share_one_worker(request):
    # --dist loadgroup marks a grouped test's id with its group, and schedules by it; with
    # pytest 9.2 and pytest-xdist 3.8 the mark stopped reaching the id (the group was split
    # over both workers, each building the templates and starting servers of its own).
    if not getattr(request.config.option, "loadgroup", False):  # set in xdist's workers
        pytest.skip("runs under ./test.sh: pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@other-processes")

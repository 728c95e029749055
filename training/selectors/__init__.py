"""Reads of the training app: the coverage figures (coverage.py) and the querysets of the
pages (records.py)."""

from training.selectors.coverage import (
    COVERAGE_READS,
    REFRESHER_HORIZON_DAYS,
    coverage_by_module,
    coverage_by_unit,
    coverage_trend,
    first_completion_date,
    modules,
    prerequisite_coverage,
    prerequisite_pair,
    refreshers_due,
    state_reads,
    total_headcount,
)
from training.selectors.records import (
    attendance_candidates,
    completion_list,
    completions_between,
    session_detail,
    session_list,
    sessions_awaiting_attendance,
    staff_list,
)

__all__ = [
    "COVERAGE_READS",
    "REFRESHER_HORIZON_DAYS",
    "attendance_candidates",
    "completion_list",
    "completions_between",
    "coverage_by_module",
    "coverage_by_unit",
    "coverage_trend",
    "first_completion_date",
    "modules",
    "prerequisite_coverage",
    "prerequisite_pair",
    "refreshers_due",
    "state_reads",
    "session_detail",
    "session_list",
    "sessions_awaiting_attendance",
    "staff_list",
    "total_headcount",
]

"""The dashboard's period presets (profiling_followup/periods.py): whole calendar months."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.dates import last_of_month
from profiling_followup.periods import (
    Anchors,
    Preset,
    available,
    default_preset,
    resolve,
)

d = datetime.date
TODAY = d(2026, 11, 30)
MEETING = d(2024, 2, 19)
EVALUATION = d(2023, 3, 15)
FIRST_RECORD = d(2021, 10, 5)
ALL = Anchors(today=TODAY, last_meeting=MEETING, evaluation=EVALUATION, first_record=FIRST_RECORD)


@pytest.mark.parametrize(
    "preset, start",
    [
        (Preset.SINCE_MEETING, d(2024, 2, 1)),
        (Preset.SINCE_EVALUATION, d(2023, 3, 1)),
        (Preset.THIS_YEAR, d(2026, 1, 1)),
        (Preset.LAST_12_MONTHS, d(2025, 12, 1)),
        (Preset.EVERYTHING, d(2021, 10, 1)),
    ],
)
def test_each_preset_runs_from_the_first_of_a_month_to_the_end_of_this_month(preset, start):
    period = resolve(preset, ALL)
    assert (period.start, period.end, period.preset) == (start, d(2026, 11, 30), preset)


def test_the_default_is_the_last_meeting_then_the_evaluation_then_everything():
    assert default_preset(ALL) == Preset.SINCE_MEETING
    no_meeting = Anchors(today=TODAY, evaluation=EVALUATION, first_record=FIRST_RECORD)
    assert default_preset(no_meeting) == Preset.SINCE_EVALUATION
    records_only = Anchors(today=TODAY, first_record=FIRST_RECORD)
    assert default_preset(records_only) == Preset.EVERYTHING
    assert resolve("", records_only).start == d(2021, 10, 1)


def test_a_preset_without_its_date_is_not_offered_and_falls_back_to_the_default():
    records_only = Anchors(today=TODAY, first_record=FIRST_RECORD)
    assert available(records_only) == [Preset.THIS_YEAR, Preset.LAST_12_MONTHS, Preset.EVERYTHING]
    assert resolve(Preset.SINCE_MEETING, records_only).preset == Preset.EVERYTHING
    # Nothing recorded yet: everything is this month.
    assert resolve(Preset.EVERYTHING, Anchors(today=TODAY)).start == d(2026, 11, 1)


def test_month_ends():
    assert [
        last_of_month(d(2024, 2, 10)),
        last_of_month(d(2023, 2, 1)),
        last_of_month(d(2026, 12, 31)),
    ] == [
        d(2024, 2, 29),
        d(2023, 2, 28),
        d(2026, 12, 31),
    ]


dates = st.dates(min_value=d(2000, 1, 1), max_value=d(2040, 12, 31))


@given(
    preset=st.sampled_from([*Preset.values, ""]),
    today=dates,
    meeting=st.none() | dates,
    evaluation=st.none() | dates,
    first=st.none() | dates,
)
def test_every_period_is_whole_calendar_months_ending_with_this_month(
    preset, today, meeting, evaluation, first
):
    anchors = Anchors(today=today, last_meeting=meeting, evaluation=evaluation, first_record=first)
    period = resolve(preset, anchors)
    assert period.start.day == 1
    assert period.end == last_of_month(today)
    assert period.start <= today <= period.end
    assert period.preset in available(anchors)

"""The periods the dashboard shows: presets that resolve to whole calendar months.

A council member opens the dashboard on the follow-up, not on an empty calendar year: since
the last meeting with a frozen report, else since the evaluation, else since the first
record. Every preset starts on the first day of a month and ends on the last day of one,
so that figures for small numbers can later be limited to fixed calendar periods (months,
quarters, years) without changing what the presets mean. Everything here is pure: the
dates it needs (`Anchors`) are read by the caller.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.dates import add_months, first_of_month, last_of_month, months_between


class Preset(models.TextChoices):
    SINCE_MEETING = "since-meeting", _("Since the last meeting")
    SINCE_EVALUATION = "since-evaluation", _("Since the evaluation")
    THIS_YEAR = "this-year", _("This year")
    LAST_12_MONTHS = "last-12-months", _("The last 12 months")
    EVERYTHING = "everything", _("Everything")


@dataclass(frozen=True)
class Anchors:
    """The dates the presets start from."""

    today: date
    # The meeting date of the newest frozen report.
    last_meeting: date | None = None
    # The publication of the evaluation whose recommendations are followed up.
    evaluation: date | None = None
    # The earliest dated record of any kind (action, update, completion, authorisation).
    first_record: date | None = None


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    # The preset it was resolved from; "" for dates chosen by hand.
    preset: str = ""


def _starts(anchors: Anchors) -> dict[str, date | None]:
    earliest = min((day for day in (anchors.evaluation, anchors.first_record) if day), default=None)
    return {
        Preset.SINCE_MEETING: anchors.last_meeting and first_of_month(anchors.last_meeting),
        Preset.SINCE_EVALUATION: anchors.evaluation and first_of_month(anchors.evaluation),
        Preset.THIS_YEAR: anchors.today.replace(month=1, day=1),
        Preset.LAST_12_MONTHS: add_months(anchors.today, -11),
        Preset.EVERYTHING: first_of_month(min(earliest or anchors.today, anchors.today)),
    }


def available(anchors: Anchors) -> list[str]:
    """The presets that mean something with these dates, in the order they are offered."""
    starts = _starts(anchors)
    return [preset for preset in Preset.values if starts[preset] is not None]


def default_preset(anchors: Anchors) -> str:
    """Since the last meeting, else since the evaluation, else everything."""
    if anchors.last_meeting:
        return Preset.SINCE_MEETING.value
    if anchors.evaluation:
        return Preset.SINCE_EVALUATION.value
    return Preset.EVERYTHING.value


def resolve(preset: str, anchors: Anchors) -> Period:
    """The whole months from the preset's start to the end of the current month. A preset
    that does not apply (no meeting frozen yet) falls back to the default one.

    "Since the last meeting" starts on the first of the meeting's month: the days before the
    meeting in that month are shown again rather than some days after it left out."""
    start = _starts(anchors).get(preset)
    if start is None:
        preset = default_preset(anchors)
        start = _starts(anchors)[preset]
    # A meeting or evaluation dated in the future still gives a period, of one month.
    start = min(start, first_of_month(anchors.today))
    return Period(start=start, end=last_of_month(anchors.today), preset=preset)


def preset_label(preset: str, anchors: Anchors) -> str:
    """E.g. "Since the last meeting (19/02/2024)": the date the preset starts from."""
    label = Preset(preset).label
    day = {Preset.SINCE_MEETING: anchors.last_meeting, Preset.SINCE_EVALUATION: anchors.evaluation}
    if day.get(preset):
        return f"{label} ({date_format(day[preset], 'SHORT_DATE_FORMAT')})"
    return str(label)


def months_in(period: Period) -> int:
    return months_between(period.start, period.end)

"""Dates, months and periods, always in the project's time zone (Europe/Brussels).

"Today" is the local date, a moment's date is its local date, and a period of dates is
inclusive at both ends. Every app reads dates through these functions, so that a record
made at 00:30 in Brussels falls on the day a person in Brussels would name.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Records of the follow-up start with the circular CP 5 (7 July 2023); nothing before 2000
# is a plausible date here, and it keeps date arithmetic away from year 1.
EARLIEST_PLAUSIBLE = date(2000, 1, 1)
PLAUSIBLE_YEARS_AHEAD = 10


def today() -> date:
    return timezone.localdate()


def local_date(moment: datetime) -> date:
    """The date of `moment` in Brussels (an aware datetime), not in UTC."""
    return timezone.localdate(moment)


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Local midnight before `start` and after `end`: inclusive dates as a half-open span of
    instants in the project's time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def end_of_day(day: date) -> datetime:
    """The first instant after `day` (local): "as things stood at the end of that day"."""
    return day_bounds(day, day)[1]


def month_index(day: date) -> int:
    """Months since year 0: consecutive months have consecutive numbers."""
    return day.year * 12 + day.month - 1


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or before) the month of `day`."""
    index = month_index(day) + months
    return date(index // 12, index % 12 + 1, 1)


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier, or the last day of that month when it
    is shorter (31 March minus one month is 29 February in a leap year)."""
    index = month_index(day) - months
    year, month = index // 12, index % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return min(date(year, month, 1) + timedelta(days=day.day - 1), following - timedelta(days=1))


def months_between(start: date, end: date) -> int:
    """How many calendar months from `start`'s month to `end`'s, both included."""
    return month_index(end) - month_index(start) + 1


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month from `start`'s month to `end`'s, both included."""
    return [add_months(start, offset) for offset in range(months_between(start, end))]


def latest_plausible() -> date:
    return add_months(today(), 12 * PLAUSIBLE_YEARS_AHEAD)


def is_plausible(day: date) -> bool:
    """Between 2000 and ten years from now: anything else is a typing error."""
    return EARLIEST_PLAUSIBLE <= day <= latest_plausible()


def validate_plausible(value) -> None:
    """Model and form validator for dates and date-times (a datetime counts by its local
    date; year 1 could not even be converted to UTC by the database layer)."""
    if value is None:
        return
    day = local_date(value) if isinstance(value, datetime) and timezone.is_aware(value) else value
    if isinstance(day, datetime):
        day = day.date()
    if not is_plausible(day):
        raise ValidationError(
            _("Choose a date between 2000 and ten years from now."), code="implausible_date"
        )


# --- fixed periods: what figures about people are published on (core.disclosure) ----------


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_key(start: date, months: int) -> str:
    """ "2024-02" for a month, "2024-Q1" for a quarter, "2024" for a year."""
    if months == 1:
        return f"{start:%Y-%m}"
    if months == 3:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def fixed_periods(start: date, end: date) -> list[tuple[str, date, date]]:
    """The calendar years, quarters and months that make up the whole months from `start`'s
    to `end`'s, coarsest first: (key, first day, last day) for each, in date order."""
    periods, day = [], first_of_month(start)
    last = last_of_month(end)
    while day <= last:
        for months in (12, 3, 1):
            aligned = (day.month - 1) % months == 0
            stop = add_months(day, months) - timedelta(days=1)
            if aligned and stop <= last:
                periods.append((period_key(day, months), day, stop))
                day = add_months(day, months)
                break
    return periods


def periods_between(start: date, end: date) -> list[tuple[str, date, date, str | None]]:
    """Every month, quarter and year that meets the months from `start` to `end`, with the
    key of the period it is part of (None for years): (key, first, last, parent key)."""
    result = []
    for year in range(start.year, end.year + 1):
        result.append((str(year), date(year, 1, 1), date(year, 12, 31), None))
        for quarter in range(4):
            first = date(year, 3 * quarter + 1, 1)
            key = period_key(first, 3)
            result.append((key, first, add_months(first, 3) - timedelta(days=1), str(year)))
            for month in range(3):
                day = add_months(first, month)
                result.append((period_key(day, 1), day, last_of_month(day), key))
    return result


def last_month_end(day: date) -> date:
    """The end of the last calendar month that has ended on or before `day`."""
    return day if day == last_of_month(day) else first_of_month(day) - timedelta(days=1)

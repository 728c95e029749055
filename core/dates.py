from datetime import date, datetime, time, timedelta

from django.utils import timezone


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Local midnight before `start` and after `end`: inclusive dates as a half-open span of
    instants in the project's time zone (Brussels)."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )

"""The monthly digest for council members: what changed, as the changes page shows it.

It reads the same selectors as the changes page (/report/changes/) and shows what council
members see there, minus the authors: no staff names. Figures about people are the
council's publication (core.disclosure), over the whole months of the period, as on the
changes page.
"""

from datetime import date, timedelta

from django.urls import reverse

from core.dates import day_bounds, first_of_month
from core.disclosure import Figures
from id_checks.selectors import authorisations_between
from recommendations.history import change_history
from reminders.links import absolute_url
from reminders.models import Delivery, Kind, Status
from training.disclosure import completions_over
from training.selectors import completions_between

# Longer lists are left to the changes page the digest links to.
MAX_EVENTS = 25


def digest_period(delivery: Delivery) -> tuple[date, date]:
    """From the occasion of the last digest sent to the recipient (the first day after the
    period it covered), or else the month before, to the day before this digest's month."""
    end = delivery.occasion - timedelta(days=1)
    previous = (
        Delivery.objects.filter(
            kind=Kind.COUNCIL_DIGEST,
            recipient_id=delivery.recipient_id,
            status=Status.SENT,
            occasion__lt=delivery.occasion,
        )
        .order_by("-occasion")
        .values_list("occasion", flat=True)
        .first()
    )
    return previous or first_of_month(end), end


def council_digest(recipient, start: date, end: date) -> dict:
    """What changed from `start` to `end` (inclusive) for the digest's templates."""
    events = change_history(*day_bounds(start, end))
    authorisations = authorisations_between(start, end)
    shown = Figures(recipient)
    first, last = shown.period(start, end)
    return {
        "start": start,
        "end": end,
        # Without `actor`: who changed what is for the police.
        "events": [
            {
                "at": event.at,
                "detail": event.detail,
                "subject": event.subject,
                "reason": event.reason,
            }
            for event in events[:MAX_EVENTS]
        ],
        "more_events": max(0, len(events) - MAX_EVENTS),
        "completions": [
            (row["module"].name, completions_over(shown, first, last, row))
            for row in completions_between(first, last)
            if row["count"]
        ],
        "requested": authorisations["requested"].count(),
        "decided": authorisations["decided"].count(),
        "changes_url": absolute_url(
            reverse("report_changes"), start=start.isoformat(), end=end.isoformat()
        ),
    }

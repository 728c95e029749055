"""Reads of the training records for the pages: sessions, completions, staff."""

from datetime import date, datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet

from core.dates import local_date
from training.models import Completion, Module, Session, StaffMember


def completions_between(start: date, end: date) -> list[dict]:
    """[{module, count}]: completions dated start..end inclusive, per module. One query."""
    return [
        {"module": module, "count": module.period_count}
        for module in Module.objects.order_by("code").annotate(
            period_count=Count(
                "completions",
                filter=Q(completions__completed_on__gte=start, completions__completed_on__lte=end),
            )
        )
    ]


def session_list():
    return Session.objects.select_related("module", "unit").annotate(
        attendance=Count("completions", output_field=IntegerField())
    )


def session_detail():
    return Session.objects.select_related(
        "module", "unit", "supervisor", "feedback"
    ).prefetch_related(
        "trainers",
        Prefetch(
            "completions",
            queryset=Completion.objects.select_related("staff__unit").order_by("staff__name"),
        ),
    )


def sessions_awaiting_attendance(now: datetime, leaders) -> QuerySet[Session]:
    """Sessions led by one of `leaders` (staff members: a trainer or the supervisor) that
    took place before `now`, were not cancelled and have no attendance recorded yet,
    oldest first."""
    trained = Session.trainers.through.objects.filter(
        session=OuterRef("pk"), staffmember__in=leaders
    )
    return (
        Session.objects.filter(Q(supervisor__in=leaders) | Exists(trained), starts_at__lte=now)
        .exclude(status=Session.Status.CANCELLED)
        .exclude(Exists(Completion.objects.filter(session=OuterRef("pk"))))
        .select_related("module")
        .order_by("starts_at")
    )


def completion_list():
    # Newest first by indexed columns: sorting by the staff name as well meant sorting
    # every matching row of a million on each page.
    return Completion.objects.select_related(
        "staff__unit", "module", "session__module", "recorded_by"
    ).order_by("-completed_on", "-pk")


def staff_list():
    # Meta.ordering is not applied to grouped queries: order explicitly for the pages.
    return (
        StaffMember.objects.select_related("unit")
        .annotate(completion_count=Count("completions"))
        .order_by("name", "staff_number")
    )


def attendance_candidates(session: Session):
    """Active staff who have no completion of the session's module in its validity period."""
    period = session.module.period_number(local_date(session.starts_at))
    done = Completion.objects.filter(
        staff=OuterRef("pk"), module=session.module_id, period_number=period
    )
    return (
        StaffMember.objects.filter(active=True)
        .exclude(Exists(done))
        .select_related("unit")
        .order_by("unit__name", "name")
    )

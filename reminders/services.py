"""Writes of the reminders app: profiles, and claiming and sending the reminders.

Sending (`manage.py send_reminders`, every hour):

1. `claim(planned=...)` writes a `pending` row for each planned reminder whose key (kind,
   recipient, record, occasion) has none yet. The unique constraints make the database
   decide: when two runs claim the same key at once, the second insert is ignored.
2. `send_pending(...)` takes each pending row in a transaction of its own: an UPDATE that
   only matches a row still pending (a concurrent run waits for it, or on PostgreSQL skips
   it), then the message is composed from the records as they are now, handed to the SMTP
   server, and the row marked sent in the same transaction. If the server cannot be reached
   or the process dies before the commit, the transaction rolls back and the row stays
   pending for the next run: nothing is lost. The one way to send twice is a crash in the
   milliseconds between the server's acceptance and the commit; the repeat then carries the
   same Message-ID, so that mail programs can recognise it.
"""

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import save_versioned
from core.history import record_delete, record_save
from core.roles import COUNCIL_MEMBER, user_roles
from reminders.messages import compose
from reminders.models import Delivery, Profile, Status
from reminders.plan import Planned
from reminders.selectors import pending_deliveries

# --- profiles ------------------------------------------------------------------------------


def check_profile(*, profile: Profile) -> None:
    """The monthly council digest is for council members."""
    if profile.council_digest and COUNCIL_MEMBER not in user_roles(profile.user):
        raise ValidationError(
            {"council_digest": _("Only council members can receive the monthly digest.")}
        )


@transaction.atomic
def profile_create(*, profile: Profile, actor) -> Profile:
    check_profile(profile=profile)
    try:
        with transaction.atomic():
            return record_save(profile, actor=actor)
    except IntegrityError as error:
        # Two first saves at once (two tabs): the other one made the profile.
        raise ValidationError(
            _("These preferences were saved meanwhile; reload the page and try again.")
        ) from error


@transaction.atomic
def profile_update(*, profile: Profile, expected_version: int, actor) -> Profile:
    check_profile(profile=profile)
    return save_versioned(profile, expected_version=expected_version, actor=actor)


@transaction.atomic
def profile_delete(*, profile: Profile, actor) -> None:
    record_delete(profile, actor=actor)


# --- claiming and sending ------------------------------------------------------------------


def delivery_of(item: Planned) -> Delivery:
    """The (unsaved) row of a planned reminder."""
    subject = item.subject
    return Delivery(
        kind=item.kind,
        recipient_id=item.recipient_id,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        occasion=item.occasion,
    )


def key_of(delivery: Delivery) -> tuple:
    return (
        delivery.kind,
        delivery.recipient_id,
        delivery.subject_type_id,
        delivery.subject_id,
        delivery.occasion,
    )


def unclaimed(planned: Iterable[Planned]) -> list[Delivery]:
    """The planned reminders that have no row yet (for a dry run). One query."""
    rows = [delivery_of(item) for item in planned]
    existing = set(
        Delivery.objects.filter(
            recipient_id__in={row.recipient_id for row in rows},
            occasion__in={row.occasion for row in rows},
        ).values_list("kind", "recipient_id", "subject_type_id", "subject_id", "occasion")
    )
    return [row for row in rows if key_of(row) not in existing]


@transaction.atomic
def claim(*, planned: Iterable[Planned]) -> None:
    """Write a pending row for each planned reminder that has none (of any status) yet."""
    Delivery.objects.bulk_create([delivery_of(item) for item in planned], ignore_conflicts=True)


@dataclass
class Outcome:
    sent: list[Delivery] = field(default_factory=list)
    skipped: list[Delivery] = field(default_factory=list)
    refused: list[Delivery] = field(default_factory=list)
    failure: str = ""
    waiting: int = 0


def _take(pk: int) -> bool:
    """Inside a transaction: whether this run sends row `pk`, still pending. The UPDATE
    holds the row (and on SQLite the database) until the commit; on PostgreSQL a row that
    another run holds is passed over rather than waited for."""
    pending = Delivery.objects.filter(pk=pk, status=Status.PENDING)
    skip_locked = connection.features.has_select_for_update_skip_locked
    if skip_locked and not pending.select_for_update(skip_locked=True).values_list("pk"):
        return False
    return pending.update(attempts=F("attempts") + 1) == 1


def _permanently_refused(error: smtplib.SMTPRecipientsRefused) -> bool:
    return all(code >= 500 for code, _message in error.recipients.values())


def _send_one(pk: int, mail, now: datetime) -> Delivery | None:
    """Send row `pk` if this run takes it; the row as it was left (None: not taken)."""
    with transaction.atomic():
        if not _take(pk):
            return None
        delivery = Delivery.objects.select_related("recipient", "subject_type").get(pk=pk)
        message = compose(delivery, now)
        if message is None:
            delivery.status = Status.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery
        delivery.address, delivery.subject_line, delivery.body = (
            message.to,
            message.subject[:250],
            message.text,
        )
        try:
            mail.send_messages([message.email(reference=f"reminder-{pk}")])
        except smtplib.SMTPRecipientsRefused as error:
            if not _permanently_refused(error):
                raise
            delivery.status, delivery.last_error = Status.REFUSED, str(error.recipients)
        else:
            delivery.status, delivery.sent_at = Status.SENT, timezone.now()
        delivery.save()
        return delivery


def _note_failure(pk: int, error: Exception) -> None:
    Delivery.objects.filter(pk=pk, status=Status.PENDING).update(
        attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
    )


def send_pending(*, mail, now: datetime) -> Outcome:
    """Send every pending reminder through the open connection `mail`; stop at the first
    failure of the server, which leaves that row and the rest pending."""
    outcome = Outcome()
    for pk in list(pending_deliveries().values_list("pk", flat=True)):
        try:
            delivery = _send_one(pk, mail, now)
        except (OSError, smtplib.SMTPException) as error:
            _note_failure(pk, error)
            outcome.failure = f"{type(error).__name__}: {error}"
            break
        if delivery is not None:
            {
                Status.SENT: outcome.sent,
                Status.SKIPPED: outcome.skipped,
                Status.REFUSED: outcome.refused,
            }[delivery.status].append(delivery)
    outcome.waiting = pending_deliveries().count()
    return outcome

"""Who gets which reminder, in which language, and every e-mail the reminders sent.

`Profile` holds a user's choices and, set by an administrator, the staff record the user is
(so that "Mijn werk" finds the sessions they lead). `Delivery` is the log of e-mails: a row is
written (claimed) before its message is sent, and unique constraints let each reminder exist
once, whichever run or server claims it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel


class Kind(models.TextChoices):
    ASSIGNED = "assigned", _("assignment notice")
    DUE_IN_14_DAYS = "due_14", _("due in 14 days")
    DUE_IN_1_DAY = "due_1", _("due tomorrow")
    OVERDUE_DIGEST = "overdue_digest", _("weekly overdue digest")
    EVALUATION_DUE = "evaluation_due", _("evaluation due")
    COUNCIL_DIGEST = "council_digest", _("monthly digest for the council")


# Digests are about many records: their rows name no subject.
DIGESTS = (Kind.OVERDUE_DIGEST, Kind.COUNCIL_DIGEST)


class Profile(VersionedModel):
    """A user's reminder choices and e-mail language; one per user, made on first save."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    assignment_notices = models.BooleanField(
        _("when I am made responsible for an action or an evaluation"), default=True
    )
    due_date_reminders = models.BooleanField(_("14 days and 1 day before a due date"), default=True)
    overdue_digest = models.BooleanField(_("a weekly list of what is overdue"), default=True)
    evaluation_reminders = models.BooleanField(
        _("when an ID check has ended and its evaluation is due"), default=True
    )
    council_digest = models.BooleanField(
        _("a monthly summary of what changed (council members)"), default=False
    )
    staff_member = models.OneToOneField(
        "training.StaffMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff record"),
        help_text=_(
            "Set by an administrator: the colleague this account belongs to, so that "
            "“Mijn werk” shows the sessions they lead as trainer or supervisor."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder profile")
        verbose_name_plural = _("reminder profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="%(app_label)s_%(class)s_known_language",
                violation_error_message=_("Choose one of the languages offered."),
            ),
        ]

    def __str__(self):
        return str(self.user)

    def wants(self, kind: str) -> bool:
        """Whether the user chose to get reminders of this kind."""
        return getattr(self, CHOICE_OF_KIND[kind])


CHOICE_OF_KIND = {
    Kind.ASSIGNED: "assignment_notices",
    Kind.DUE_IN_14_DAYS: "due_date_reminders",
    Kind.DUE_IN_1_DAY: "due_date_reminders",
    Kind.OVERDUE_DIGEST: "overdue_digest",
    Kind.EVALUATION_DUE: "evaluation_reminders",
    Kind.COUNCIL_DIGEST: "council_digest",
}


class Status(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    SKIPPED = "skipped", _("not sent: no longer applies")
    REFUSED = "refused", _("refused by the mail server")


class Delivery(models.Model):
    """One reminder for one recipient, about one record (or none, for a digest) on one
    occasion: the due date, the week or month of a digest, the day of an assignment.

    Written before sending (`pending`) and marked `sent` in the transaction that sends it,
    so a failed or interrupted send leaves it pending for the next run. No history: this
    table is itself the log, and only the sending writes it.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of record"),
    )
    subject_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    occasion = models.DateField(
        _("occasion"), help_text=_("The due date, the first day of the period, or the day.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    address = models.EmailField(_("sent to"), blank=True)
    subject_line = models.CharField(_("subject"), max_length=250, blank=True)
    body = models.TextField(_("message (plain text)"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-claimed_at", "-id"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [models.Index(fields=["status", "id"], name="%(app_label)s_%(class)s_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "subject_type", "subject_id", "occasion"],
                condition=Q(subject_id__isnull=False),
                name="%(app_label)s_%(class)s_once_per_record",
                violation_error_message=_("This reminder exists already."),
            ),
            models.UniqueConstraint(
                fields=["kind", "recipient", "occasion"],
                condition=Q(subject_id__isnull=True),
                name="%(app_label)s_%(class)s_once_per_digest",
                violation_error_message=_("This digest exists already."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DIGESTS, subject_type__isnull=True, subject_id__isnull=True)
                | (~Q(kind__in=DIGESTS) & Q(subject_type__isnull=False, subject_id__isnull=False)),
                name="%(app_label)s_%(class)s_subject_unless_digest",
                violation_error_message=_("A digest names no record; every other reminder does."),
            ),
            models.CheckConstraint(
                condition=Q(status=Status.SENT, sent_at__isnull=False, address__gt="")
                | (~Q(status=Status.SENT) & Q(sent_at__isnull=True)),
                name="%(app_label)s_%(class)s_sent_has_time_and_address",
                violation_error_message=_("A sent e-mail has its time and address."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.occasion:%d/%m/%Y})"

import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reminders import plan, services
from reminders.messages import compose
from reminders.selectors import pending_deliveries

# sysexits.h EX_TEMPFAIL: "try again later", for cron and systemd alike.
EXIT_TRY_AGAIN = 75


class Command(BaseCommand):
    help = (
        "Send the reminders and digests that are due, each once. Safe to run every hour, "
        "also twice at the same time: what could not be sent waits for the next run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent now; write nothing and send nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            self.preview(now)
            return
        if not settings.REMINDERS_ENABLED:
            self.stdout.write(
                "Reminders are off: DJANGO_EMAIL_HOST is not set. Nothing was claimed or sent."
            )
            return
        services.claim(planned=plan.due_reminders(now))
        mail = get_connection(fail_silently=False)
        try:
            mail.open()
        except (OSError, smtplib.SMTPException) as error:
            waiting = pending_deliveries().count()
            raise CommandError(
                self.unreachable(error, waiting), returncode=EXIT_TRY_AGAIN
            ) from error
        try:
            outcome = services.send_pending(mail=mail, now=now)
        finally:
            mail.close()
        self.report(outcome)
        if outcome.failure:
            raise CommandError(
                self.unreachable(outcome.failure, outcome.waiting), returncode=EXIT_TRY_AGAIN
            )

    def unreachable(self, error, waiting: int) -> str:
        return (
            f"The mail server {settings.EMAIL_HOST}:{settings.EMAIL_PORT} could not be reached "
            f"or did not accept the message ({error}). {waiting} e-mail(s) wait for the next run."
        )

    def report(self, outcome) -> None:
        for label, deliveries in (
            ("sent", outcome.sent),
            ("not needed any more", outcome.skipped),
            ("refused by the server", outcome.refused),
        ):
            for delivery in deliveries:
                self.stdout.write(
                    f"{label}: {delivery.get_kind_display()} to {delivery.address or '-'} "
                    f"({delivery.subject_line or delivery.occasion})"
                )
        self.stdout.write(
            f"{len(outcome.sent)} sent, {len(outcome.skipped)} no longer needed, "
            f"{len(outcome.refused)} refused, {outcome.waiting} waiting."
        )

    def preview(self, now) -> None:
        """What a run now would send: the pending rows and the reminders not claimed yet."""
        deliveries = [
            *pending_deliveries().select_related("recipient", "subject_type"),
            *services.unclaimed(plan.due_reminders(now)),
        ]
        count = 0
        for delivery in deliveries:
            message = compose(delivery, now)
            if message is not None:
                count += 1
                self.stdout.write(
                    f"would send: {delivery.get_kind_display()} to {message.to}: {message.subject}"
                )
        self.stdout.write(f"{count} e-mail(s) would be sent (dry run: nothing written or sent).")
        if not settings.REMINDERS_ENABLED:
            self.stdout.write("Reminders are off: DJANGO_EMAIL_HOST is not set.")

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from recommendations.models import Recommendation
from training import summaries
from training.models import Unit


class Command(BaseCommand):
    help = (
        "Load a dumpdata backup (see README, Backups) into a freshly migrated, empty database, "
        "restoring the history exactly as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="JSON file written by dumpdata")

    def handle(self, *args, backup, **options):
        if Recommendation.objects.exists() or Unit.objects.exists():
            raise CommandError("The database already holds records: restore into an empty one.")
        # Loading M2M values would otherwise add a history entry per record: the backup
        # carries the history itself.
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", backup, verbosity=options["verbosity"])
            # A backup from before the summary existed, or edited by hand: derive it again.
            summaries.refresh_all()

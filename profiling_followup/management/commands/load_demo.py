from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.roles import ADMINISTRATOR, POLICE_STAFF
from id_checks import demo as id_checks_demo
from profiling_followup.demo import DEMO_ACCOUNTS, load_demo_accounts
from recommendations import demo as recommendations_demo
from reminders import demo as reminders_demo
from training import demo as training_demo


class Command(BaseCommand):
    help = (
        "Create the demo accounts (one per role) and the demo records from the committee "
        "of 19/02/2024. Idempotent: running it again changes nothing."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION_MODE:
            raise CommandError("Demo accounts with known passwords are refused in production mode.")
        with transaction.atomic():
            users = load_demo_accounts()
            # Demo records are entered "by" the demo police staff member, as in real use.
            actor = users[POLICE_STAFF]
            # The demo police user and administrator answer for the follow-up work.
            administrator = users[ADMINISTRATOR]
            recommendations_demo.load(actor=actor, administrator=administrator)
            training_demo.load(actor=actor)
            id_checks_demo.load(actor=actor, administrator=administrator)
            reminders_demo.load(users=users, actor=actor)
        self.stdout.write("Demo accounts (username / password / role):")
        for username, password, role, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<12} {password:<24} {role}")

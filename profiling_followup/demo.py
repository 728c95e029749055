"""Demo accounts, one per role. Refused in production mode (see load_demo)."""

from accounts.services import account_provision
from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, INDEPENDENT_EVALUATOR, POLICE_STAFF

# (username, password, role, first name, last name); obviously synthetic.
DEMO_ACCOUNTS = [
    ("politie", "demo-politie-2024", POLICE_STAFF, "Pieter", "Demo-Politie"),
    ("raadslid", "demo-raadslid-2024", COUNCIL_MEMBER, "Rita", "Demo-Raadslid"),
    ("beheerder", "demo-beheerder-2024", ADMINISTRATOR, "Bart", "Demo-Beheerder"),
    ("beoordelaar", "demo-beoordelaar-2024", INDEPENDENT_EVALUATOR, "Eva", "Demo-Beoordelaar"),
]


def load_demo_accounts():
    """Create or reset the demo accounts; returns the administrator as the demo actor."""
    users = {}
    for username, password, role, first_name, last_name in DEMO_ACCOUNTS:
        users[role] = account_provision(
            username=username,
            password=password,
            role=role,
            first_name=first_name,
            last_name=last_name,
            # A reserved domain (RFC 2606): reminders to the demo accounts reach nobody.
            email=f"{username}@example.org",
        )
    return users

"""Demo accounts, one per role. Refused in production mode (see load_demo)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF

# (username, password, role, first name, last name); obviously synthetic.
DEMO_ACCOUNTS = [
    ("politie", "demo-politie-2024", POLICE_STAFF, "Pieter", "Demo-Politie"),
    ("raadslid", "demo-raadslid-2024", COUNCIL_MEMBER, "Rita", "Demo-Raadslid"),
    ("beheerder", "demo-beheerder-2024", ADMINISTRATOR, "Bart", "Demo-Beheerder"),
]


def load_demo_accounts():
    """Create or reset the demo accounts; returns the administrator as the demo actor."""
    User = get_user_model()
    users = {}
    for username, password, role, first_name, last_name in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first_name, last_name
        # A reserved domain (RFC 2606): reminders to the demo accounts reach nobody.
        user.email = f"{username}@example.org"
        user.is_staff = role == ADMINISTRATOR
        user.is_active = True
        if not user.check_password(password):
            user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        users[role] = user
    return users

"""Every URL of this app, per role: see tests/permissions.py."""

from tests.permissions import READ_ROLES, WRITE_ROLES, Route

ROUTES = [
    Route("reminders:my_work", allowed=WRITE_ROLES),
    # Every logged-in user chooses their own reminders and language, role or not.
    Route("reminders:profile", allowed=READ_ROLES, write=True, needs_role=False),
]

"""Routes of the project package (dashboard, accounts)."""

from tests.permissions import Route

ROUTES = [
    Route("home"),
    Route("password_change", needs_role=False),
    Route("password_change_done", needs_role=False),
]

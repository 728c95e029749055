"""Every URL of this app, per role: see tests/permissions.py."""

from tests.permissions import Route  # noqa: F401

ROUTES: list = []

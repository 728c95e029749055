"""The permission matrix: every URL of the project, per role, with the expected outcome.

Each app lists its routes in `tests/<app>/routes.py` as `ROUTES`. `test_permission_matrix`
checks every route for anonymous users and each role, and fails when the URL conf has a
name that no route covers, so a new view without an entry (and so without a decision on
who may use it) breaks the suite.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("police", "council", "admin", "evaluator")
READ_ROLES = frozenset(ROLES)
WRITE_ROLES = frozenset({"police", "admin"})
ADMIN_ONLY = frozenset({"admin"})
# The independent assessment of a recommendation: not the police (separation of duties).
EVALUATION_ROLES = frozenset({"evaluator", "admin"})


@dataclass(frozen=True)
class Route:
    name: str
    # Builds the URL's keyword arguments from database rows it creates.
    kwargs: Callable[[], dict] = field(default=dict)
    allowed: frozenset = READ_ROLES
    # A write route is also POSTed to: refused roles get 403 without a change.
    write: bool = False
    query: str = ""
    # Account pages (password change) are for every logged-in user, role or not.
    needs_role: bool = True

    @property
    def id(self) -> str:
        return f"{self.name}{self.query}"


# URL names anyone may open, logged in or not. The organisation's sign-in (accounts/urls.py)
# answers 404 while OpenID Connect is not configured.
PUBLIC_NAMES = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "health",
        "oidc_authentication_init",
        "oidc_authentication_callback",
        "oidc_refused",
    }
)
# URL names that only send a logged-in user on, by role (tested in tests/test_accounts.py).
REDIRECT_NAMES = frozenset({"landing"})


def all_url_names() -> set[str]:
    """Every named URL of the project outside the Django admin."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns, ""))

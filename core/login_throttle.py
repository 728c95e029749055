"""Login throttling (django-axes): whose address a failure counts against, and the limits.

`client_ip` is django-axes' documented hook for the client's address (AXES_CLIENT_IP_CALLABLE).
Behind the reverse proxy of the README (DJANGO_BEHIND_TLS_PROXY), nginx appends the address
it sees to X-Forwarded-For (`$proxy_add_x_forwarded_for`), so the trustworthy entry is the
one PROXY_COUNT places from the right; anything left of it was sent by the client and can be
forged. Without the proxy setting the header is ignored: anyone could send it.

`ThrottleHandler` gives each lockout parameter its own limit (LOGIN_FAILURE_LIMITS): a few
failures for one username from one address, more from one address across usernames.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client as the outermost trusted proxy saw it."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_TLS_PROXY:
        return _valid(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    count = max(settings.PROXY_COUNT, 1)
    if len(forwarded) < count:
        # Not through the proxies (e.g. a health check on the app server itself).
        return _valid(remote)
    return _valid(forwarded[-count]) or _valid(remote)


class ThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler, with one limit per lockout parameter.

    Axes compares the largest failure count of the parameters with one limit
    (AXES_FAILURE_LIMIT); each count is scaled here so that it reaches that limit exactly
    when it reaches its own.
    """

    def get_failures(self, request, credentials=None) -> int:
        common = settings.AXES_FAILURE_LIMIT
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        limits = settings.LOGIN_FAILURE_LIMITS
        return max(
            (count * common // own for count, own in zip(counts, limits, strict=True)), default=0
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login forgives the user's own failures from this address (the first
        lockout parameter), not the address's failures for other usernames: otherwise one
        valid account would reset a password-spraying run."""
        count, _ = self.filter_user_attempts(request, credentials)[0].delete()
        return count

"""Settings for signing in through the organisation's OpenID Connect provider.

`oidc_settings` reads the OIDC_* variables (and DJANGO_LOCAL_LOGIN) from the environment,
refuses an incomplete or unsafe combination, and returns the Django settings to add:
`profiling_followup/settings.py` applies them. Without OIDC_* variables it changes nothing
but the two flags, so the application runs exactly as before.

Plain Python (no Django models) because the settings module imports it.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, INDEPENDENT_EVALUATOR, POLICE_STAFF

# Environment variable listing the provider groups that give each role.
ROLE_VARIABLES = {
    POLICE_STAFF: "OIDC_POLICE_STAFF_GROUPS",
    COUNCIL_MEMBER: "OIDC_COUNCIL_MEMBER_GROUPS",
    ADMINISTRATOR: "OIDC_ADMINISTRATOR_GROUPS",
    INDEPENDENT_EVALUATOR: "OIDC_INDEPENDENT_EVALUATOR_GROUPS",
}
REQUIRED_VARIABLES = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")
# Who may sign in with a local password: everyone (as before OIDC), only the break-glass
# administrators, or nobody.
LOCAL_LOGIN_CHOICES = ("all", "administrators", "off")
BACKEND = "accounts.backends.OrganisationBackend"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _value(environ, name: str) -> str:
    return environ.get(name, "").strip()


def _groups(environ, name: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in environ.get(name, "").split(",") if item.strip())


def _seconds(environ, name: str, *, default: int) -> int:
    value = _value(environ, name) or str(default)
    if not value.isdigit() or int(value) == 0:
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds above 0.")
    return int(value)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _check(environ, *, production_mode: bool) -> None:
    given = [name for name in REQUIRED_VARIABLES if _value(environ, name)]
    missing = [name for name in REQUIRED_VARIABLES if not _value(environ, name)]
    if given and missing:
        raise ImproperlyConfigured(
            f"Incomplete OpenID Connect configuration: {', '.join(given)} given without "
            f"{', '.join(missing)}. Set all of {', '.join(REQUIRED_VARIABLES)}, or none."
        )
    if given and not any(_groups(environ, name) for name in ROLE_VARIABLES.values()):
        raise ImproperlyConfigured(
            "OpenID Connect needs the provider groups of at least one role: set "
            f"{', '.join(ROLE_VARIABLES.values())} (comma-separated group names or ids)."
        )
    if given and production_mode:
        for name in ("OIDC_ISSUER", "OIDC_DISCOVERY_URL"):
            url = urlsplit(_value(environ, name))
            # Plain http only to a provider on this machine, which nobody can listen in on.
            if url.scheme and url.scheme != "https" and url.hostname not in LOOPBACK:
                raise ImproperlyConfigured(
                    f"Production mode (DJANGO_DEBUG=false) needs an https:// {name}."
                )


def _local_login(environ, *, enabled: bool) -> str:
    mode = _value(environ, "DJANGO_LOCAL_LOGIN").lower() or ("administrators" if enabled else "all")
    if mode not in LOCAL_LOGIN_CHOICES:
        raise ImproperlyConfigured(
            f"DJANGO_LOCAL_LOGIN must be one of {', '.join(LOCAL_LOGIN_CHOICES)}."
        )
    if mode == "off" and not enabled:
        raise ImproperlyConfigured(
            "DJANGO_LOCAL_LOGIN=off needs OpenID Connect (OIDC_ISSUER, OIDC_CLIENT_ID, "
            "OIDC_CLIENT_SECRET): otherwise nobody could sign in."
        )
    return mode


def oidc_settings(environ, *, production_mode: bool, base: dict) -> dict:
    """The settings to add for `environ`; `base` holds AUTHENTICATION_BACKENDS and
    CONTENT_SECURITY_POLICY as they are without OpenID Connect (never changed in place)."""
    _check(environ, production_mode=production_mode)
    enabled = bool(_value(environ, "OIDC_ISSUER"))
    result = {
        "OIDC_ENABLED": enabled,
        "LOCAL_LOGIN": _local_login(environ, enabled=enabled),
    }
    if not enabled:
        return result
    issuer = _value(environ, "OIDC_ISSUER").rstrip("/")
    discovery_url = _value(environ, "OIDC_DISCOVERY_URL") or (
        f"{issuer}/.well-known/openid-configuration"
    )
    directives = dict(base["CONTENT_SECURITY_POLICY"]["DIRECTIVES"])
    # Logging out is a form post that the app answers with a redirect to the provider's
    # end-session endpoint; browsers apply form-action to that redirect too.
    directives["form-action"] = [*directives["form-action"], _origin(issuer)]
    return {
        **result,
        "OIDC_ISSUER": issuer,
        "OIDC_DISCOVERY_URL": discovery_url,
        "OIDC_RP_CLIENT_ID": _value(environ, "OIDC_CLIENT_ID"),
        "OIDC_RP_CLIENT_SECRET": _value(environ, "OIDC_CLIENT_SECRET"),
        "OIDC_RP_SIGN_ALGO": _value(environ, "OIDC_SIGN_ALGO") or "RS256",
        "OIDC_RP_SCOPES": _value(environ, "OIDC_SCOPES") or "openid profile email",
        "OIDC_GROUPS_CLAIM": _value(environ, "OIDC_GROUPS_CLAIM") or "groups",
        "OIDC_ROLE_GROUPS": {role: _groups(environ, name) for role, name in ROLE_VARIABLES.items()},
        # mozilla-django-oidc: code flow with PKCE (S256), state and nonce; the ID token
        # stays in the session as id_token_hint for logging out at the provider.
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_TIMEOUT": _seconds(environ, "OIDC_TIMEOUT_SECONDS", default=10),
        "AUTHENTICATION_BACKENDS": [*base["AUTHENTICATION_BACKENDS"], BACKEND],
        "CONTENT_SECURITY_POLICY": {
            **base["CONTENT_SECURITY_POLICY"],
            "DIRECTIVES": directives,
        },
    }

"""Writes of the sign-in: the local user of an organisation account, and its roles."""

import hashlib
import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from accounts.models import OrganisationIdentity
from core.roles import ADMINISTRATOR, ROLES

logger = logging.getLogger(__name__)

NAME_LENGTH = 150  # Django's User.first_name, last_name and username


def roles_from_claims(claims: dict) -> set[str]:
    """The roles whose provider groups (OIDC_ROLE_GROUPS) appear in the groups claim."""
    values = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(values, str):  # a provider may send a single group as a string
        values = [values]
    groups = {str(value) for value in values}
    return {
        role for role, wanted in settings.OIDC_ROLE_GROUPS.items() if groups.intersection(wanted)
    }


def _username(claims: dict, issuer: str) -> str:
    """A readable, free username: the provider's username or e-mail, made unique if taken."""
    User = get_user_model()
    wanted = claims.get("preferred_username") or claims.get("email") or claims["sub"]
    base = re.sub(r"[^\w.@+-]", "-", str(wanted))[: NAME_LENGTH - 9]
    if not User.objects.filter(username=base).exists():
        return base
    digest = hashlib.sha256(f"{issuer} {claims['sub']}".encode()).hexdigest()
    return f"{base}-{digest[:8]}"


def _apply_claims(user, claims: dict, roles: set[str]) -> None:
    given, family = claims.get("given_name"), claims.get("family_name")
    if not (given or family):  # Entra ID sends only `name` unless optional claims are set
        given = claims.get("name")
    user.first_name = str(given or "")[:NAME_LENGTH]
    user.last_name = str(family or "")[:NAME_LENGTH]
    user.email = str(claims.get("email") or "")[:254]
    # The admin opens for staff in the Beheerder role; superuser status never comes from claims.
    user.is_staff = ADMINISTRATOR in roles
    user.save(update_fields=["first_name", "last_name", "email", "is_staff"])
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLES)}
    user.groups.remove(*(groups[name] for name in groups if name not in roles))
    user.groups.add(*(groups[name] for name in roles))


def _sync(issuer: str, claims: dict, roles: set[str]):
    identity = (
        OrganisationIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=claims["sub"])
        .first()
    )
    if identity is None:
        if not roles:
            return None  # nobody to update, and no account for someone without a role
        user = get_user_model()(username=_username(claims, issuer))
        user.set_unusable_password()  # this account signs in only through the provider
        user.save()
        identity = OrganisationIdentity.objects.create(
            user=user, issuer=issuer, subject=claims["sub"]
        )
        logger.info("created user %s for an organisation account", user.pk)
    _apply_claims(identity.user, claims, roles)
    return identity.user


def organisation_user_sync(*, issuer: str, claims: dict):
    """Create or update the user of an organisation account and make its roles follow the
    claims: a group removed at the provider removes the role here.

    Returns the user and their roles. Without a mapped group the user gets no role (an
    existing user loses theirs) and None comes back for a first-time user: nothing is stored.
    """
    roles = roles_from_claims(claims)
    try:
        with transaction.atomic():
            user = _sync(issuer, claims, roles)
    except IntegrityError:
        # Two first logins of one account at once: the other request created it.
        with transaction.atomic():
            user = _sync(issuer, claims, roles)
    return user, roles

"""Writes of user accounts: the sign-in through the organisation, and what administrators
may do with accounts. Every path (admin, password change page, sign-in, demo) goes through
these.

What an administrator (Beheerder) may do with accounts: create one, give it exactly one of
the four roles, change its name and e-mail address, deactivate or reactivate it and set a
new password (not for an account that signs in through the organisation). Not: make anyone a
superuser, edit permissions or the roles' permissions, change their own role or active flag,
or touch a superuser's account (superusers are made with `manage.py createsuperuser` and
keep their accounts to themselves). Staff status (the key to Django admin) follows the role:
administrators have it, nobody else.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationIdentity
from core.history import record_save
from core.roles import ADMINISTRATOR, ROLES, user_roles

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


def _valid_email(value) -> str:
    """The provider's e-mail address if it is one (the account is validated on save)."""
    text = str(value or "")[:254]
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def _apply_claims(user, claims: dict, roles: set[str]) -> None:
    given, family = claims.get("given_name"), claims.get("family_name")
    if not (given or family):  # Entra ID sends only `name` unless optional claims are set
        given = claims.get("name")
    user.first_name = str(given or "")[:NAME_LENGTH]
    user.last_name = str(family or "")[:NAME_LENGTH]
    user.email = _valid_email(claims.get("email"))
    # The admin opens for staff in the Beheerder role; superuser status never comes from claims.
    user.is_staff = ADMINISTRATOR in roles
    # Roles other than the three stay as they are; one history entry, by no user.
    kept = list(user.groups.exclude(name__in=ROLES)) if user.pk else []
    wanted = kept + list(Group.objects.filter(name__in=roles))
    reason = "signed in through the organisation"
    record_save(user, actor=None, reason=reason, m2m={"groups": wanted})


def _sync(issuer: str, claims: dict, roles: set[str]):
    identity = (
        OrganisationIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=claims["sub"])
        .first()
    )
    if identity is not None:
        _apply_claims(identity.user, claims, roles)
        return identity.user
    if not roles:
        return None  # nobody to update, and no account for someone without a role
    user = get_user_model()(username=_username(claims, issuer))
    user.set_unusable_password()  # this account signs in only through the provider
    _apply_claims(user, claims, roles)
    OrganisationIdentity.objects.create(user=user, issuer=issuer, subject=claims["sub"])
    logger.info("created user %s for an organisation account", user.pk)
    return user


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


# --- accounts in the admin --------------------------------------------------------------


def account_role(user) -> str:
    """The role of an account, or "" when it has none."""
    return next(iter(sorted(user_roles(user))), "") if user.pk else ""


def check_account(*, user, actor, role: str | None = None) -> None:
    """Refuse what an administrator may not do with this account (`role`: the new role, or
    None when the role is not being set)."""
    if user.is_superuser and not actor.is_superuser:
        raise ValidationError(_("Superuser accounts can only be changed by a superuser."))
    if role is not None and role not in ROLES:
        raise ValidationError({"role": _("Choose one of the roles.")})
    if user.pk and user.pk == actor.pk:
        if role is not None and role != account_role(user):
            raise ValidationError({"role": _("You cannot change your own role.")})
        if not user.is_active:
            raise ValidationError({"is_active": _("You cannot deactivate your own account.")})


def check_new_password(*, user, password: str | None) -> None:
    """The password policy (AUTH_PASSWORD_VALIDATORS) for a password an administrator sets;
    an account that signs in through the organisation gets none (it would open a second way
    in that the organisation cannot close)."""
    if password and user.pk and OrganisationIdentity.objects.filter(user=user).exists():
        raise ValidationError(
            {"new_password1": _("This account signs in through the organisation: no password.")}
        )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"new_password1": error.messages}) from error


def _save(user, *, role: str, password: str | None, actor, reason: str) -> None:
    user.is_staff = role == ADMINISTRATOR
    if password:
        check_new_password(user=user, password=password)
        user.set_password(password)
    # One history entry with the account's fields and its role.
    record_save(user, actor=actor, reason=reason, m2m={"groups": [Group.objects.get(name=role)]})


@transaction.atomic
def account_create(*, user, role: str, password: str, actor):
    """A new account with one role; never a superuser."""
    user.is_superuser = False
    check_account(user=user, role=role, actor=actor)
    if not password:
        raise ValidationError({"new_password1": _("A new account needs a password.")})
    _save(user, role=role, password=password, actor=actor, reason="account created")
    return user


@transaction.atomic
def account_update(*, user, role: str, actor, password: str | None = None):
    """Name, e-mail, role, active flag and optionally a new password of an existing account."""
    stored = type(user)._default_manager.select_for_update().get(pk=user.pk)
    # Whatever reached the instance, the superuser flag and permissions stay as stored.
    user.is_superuser = stored.is_superuser
    check_account(user=user, role=role, actor=actor)
    _save(user, role=role, password=password, actor=actor, reason="account changed")
    return user


@transaction.atomic
def account_set_active(*, user, active: bool, actor):
    user.is_active = active
    check_account(user=user, actor=actor)
    reason = "account activated" if active else "account deactivated"
    return record_save(user, actor=actor, reason=reason)


@transaction.atomic
def account_provision(
    *,
    username: str,
    password: str,
    role: str,
    first_name: str,
    last_name: str,
    email: str = "",
):
    """Create or reset an account from a management command (demo accounts): the command
    is the author, so the history names no user."""
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User(username=username)
    user.first_name, user.last_name, user.is_active = first_name, last_name, True
    user.email = email or user.email
    user.is_superuser = False
    if not user.check_password(password):
        user.set_password(password)
    _save(user, role=role, password=None, actor=None, reason="account provisioned")
    return user


@transaction.atomic
def account_change_own_password(*, user, password: str):
    """A user's own password change (the old password was checked by the form)."""
    user.set_password(password)
    return record_save(user, actor=user, reason="password changed")


def record_last_login(sender, user, **kwargs):
    """Replaces Django's update_last_login: a login is not an account change, so it leaves no
    history entry (a queryset update sends no signals)."""
    type(user)._default_manager.filter(pk=user.pk).update(last_login=timezone.now())

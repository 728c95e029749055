"""Writes of user accounts. Every path (admin, password change page) goes through these.

What an administrator (Beheerder) may do with accounts: create one, give it exactly one of
the three roles, change its name and e-mail address, deactivate or reactivate it and set a
new password. Not: make anyone a superuser, edit permissions or the roles' permissions,
change their own role or active flag, or touch a superuser's account (superusers are made
with `manage.py createsuperuser` and keep their accounts to themselves). Staff status (the
key to Django admin) follows the role: administrators have it, nobody else.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import record_save
from core.roles import ADMINISTRATOR, ROLES, user_roles

User = get_user_model()


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
    """The password policy (AUTH_PASSWORD_VALIDATORS) for a password an administrator sets."""
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
def account_provision(*, username: str, password: str, role: str, first_name: str, last_name: str):
    """Create or reset an account from a management command (demo accounts): the command
    is the author, so the history names no user."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.first_name, user.last_name, user.is_active = first_name, last_name, True
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

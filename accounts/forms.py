from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from core.roles import ADMINISTRATOR, user_roles


def is_break_glass_administrator(user) -> bool:
    """The accounts that keep a password once the organisation's provider signs people in:
    the ones the admin opens for (see ProfilingAdminSite.has_permission)."""
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or ADMINISTRATOR in user_roles(user))
    )


class PasswordLoginForm(AuthenticationForm):
    """Django's login form, limited by DJANGO_LOCAL_LOGIN (see accounts/conf.py)."""

    def clean(self):
        if settings.LOCAL_LOGIN == "off":
            # Refused before any password is checked: nothing to guess, nothing to lock.
            raise forms.ValidationError(
                _("Logging in with a password is switched off. Use the organisation account."),
                code="local_login_off",
            )
        return super().clean()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if settings.LOCAL_LOGIN == "administrators" and not is_break_glass_administrator(user):
            raise forms.ValidationError(
                _("Only administrators log in with a password here. Use the organisation account."),
                code="local_login_administrators_only",
            )

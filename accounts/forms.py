"""The login form and the account form of Django admin: the fields an administrator may
set, nothing more (no superuser flag, staff flag, permissions or groups: the role is one
choice, and staff status follows from it).
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from accounts import services
from core.forms import RulesFormMixin
from core.roles import ADMINISTRATOR, ROLES, user_roles


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


class AccountForm(RulesFormMixin, forms.ModelForm):
    role = forms.ChoiceField(label=_("Role"), choices=[(role, role) for role in ROLES])
    new_password1 = forms.CharField(
        label=_("New password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the current password."),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email", "is_active"]

    # Set by the admin: who fills in the form.
    actor = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = services.account_role(self.instance)
        if self.instance.pk and self.actor is not None and self.instance.pk == self.actor.pk:
            for name in ("role", "is_active"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("You cannot change this on your own account.")

    def clean_new_password2(self):
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data.get("new_password2")
        if first != second:
            raise forms.ValidationError(_("The two passwords differ."))
        if not self.instance.pk and not first:
            raise forms.ValidationError(_("A new account needs a password."))
        return second

    def check_rules(self, candidate) -> None:
        services.check_account(user=candidate, role=self.cleaned_data["role"], actor=self.actor)
        services.check_new_password(user=candidate, password=self.cleaned_data["new_password1"])


class OwnPasswordChangeForm(PasswordChangeForm):
    """The password change page: Django's checks, saved through the service."""

    def save(self, commit=True):
        return services.account_change_own_password(
            user=self.user, password=self.cleaned_data["new_password1"]
        )

"""The account form of Django admin: the fields an administrator may set, nothing more.

No superuser flag, staff flag, permissions or groups: the role is one choice, and staff
status follows from it (users.services). On their own account an administrator sees the
role and the active flag but cannot change them.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from core.forms import RulesFormMixin
from core.roles import ROLES
from users import services


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

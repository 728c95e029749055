from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import ADMINISTRATOR, RolePermissions


class RemindersConfig(RolePermissions, AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def role_actions(self, role, model_name):
        """Everyone edits their own profile through its page, not through model permissions.
        Administrators manage profiles (the link to a staff record) and read what was sent,
        which nobody edits."""
        if role != ADMINISTRATOR:
            return frozenset()
        if model_name == "profile":
            return super().role_actions(role, model_name)
        return frozenset({"view"})

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _

from core.roles import ADMINISTRATOR, RolePermissions


class ProfilingFollowupConfig(RolePermissions, AppConfig):
    default = True
    name = "profiling_followup"
    verbose_name = _("Follow-up tracker")

    def role_actions(self, role, model_name):
        """Frozen reports are read by all and written once, by an administrator."""
        if model_name.startswith("historical"):
            return frozenset()
        return frozenset({"view", "add"} if role == ADMINISTRATOR else {"view"})


class ProfilingAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "profiling_followup.admin.ProfilingAdminSite"

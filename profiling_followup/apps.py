from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ProfilingFollowupConfig(AppConfig):
    default = True
    name = "profiling_followup"
    verbose_name = _("Follow-up tracker")

    def ready(self):
        # Registers the faster date columns before any app defines its tables.
        from profiling_followup import tables  # noqa: F401


class ProfilingAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "profiling_followup.admin.ProfilingAdminSite"

from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from core.roles import ADMINISTRATOR, user_roles


class ProfilingAdminSite(admin.AdminSite):
    site_header = _("Follow-up tracker for professional profiling")
    site_title = _("Follow-up tracker administration")
    index_title = _("Administration")

    def has_permission(self, request):
        """Only administrators: staff status alone does not open the admin."""
        user = request.user
        return bool(
            user.is_active
            and user.is_staff
            and (user.is_superuser or ADMINISTRATOR in user_roles(user))
        )

    def password_change(self, request, extra_context=None):
        """One password change page for everyone, written through users.services."""
        return redirect("password_change")

from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from core.roles import ADMINISTRATOR, user_roles


class ProfilingAdminSite(admin.AdminSite):
    site_header = _("Follow-up tracker for professional profiling")
    site_title = _("Follow-up tracker administration")
    index_title = _("Administration")

    def logout(self, request, extra_context=None):
        """The site's logout, which also ends a session at the organisation's provider."""
        from accounts.views import LogoutView

        request.current_app = self.name
        return LogoutView.as_view()(request)

    def has_permission(self, request):
        """Only administrators: staff status alone does not open the admin."""
        user = request.user
        return bool(
            user.is_active
            and user.is_staff
            and (user.is_superuser or ADMINISTRATOR in user_roles(user))
        )

    def password_change(self, request, extra_context=None):
        """One password change page for everyone, written through accounts.services."""
        return redirect("password_change")

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.views.generic import TemplateView


class HomeView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Start page for every role; the council dashboard grows here."""

    permission_required = "recommendations.view_recommendation"
    template_name = "home.html"

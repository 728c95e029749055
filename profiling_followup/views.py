from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db import connection
from django.shortcuts import render
from django.views.generic import TemplateView


class HomeView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Start page for every role; the council dashboard grows here."""

    permission_required = "recommendations.view_recommendation"
    template_name = "home.html"


@login_not_required
def health(request):
    """For load balancers and as the benchmark floor: one template, one `SELECT 1`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (database_ok,) = cursor.fetchone()
    return render(request, "health.html", {"database_ok": database_ok == 1})

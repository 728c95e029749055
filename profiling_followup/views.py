import csv
import dataclasses
import functools
import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView, View

from core import dates
from core.concurrency import add_service_errors
from core.exports import escape_formula
from core.figure_cache import cached_html
from core.figures import sees_exact_figures
from core.people import Attribution, sees_names
from core.roles import POLICE_STAFF, user_roles
from core.views import PermissionRequired, PutsCachedHtml
from profiling_followup import reports
from profiling_followup.dashboard import (
    DashboardFilters,
    content_reads,
    dashboard_charts,
    dashboard_figures,
    people_figures,
    period_anchors,
    period_links,
)
from profiling_followup.forms import ChangesForm, DashboardFilterForm, ReportDateForm
from profiling_followup.models import FrozenReport
from profiling_followup.open_data import open_data_figures, recommendation_rows
from profiling_followup.report_pdf import pdf_filename

READ_PERMISSION = "recommendations.view_recommendation"


def landing(request):
    """Where a login leads (LOGIN_REDIRECT_URL), whichever way the user signed in: police
    staff start on "Mijn werk", everyone else on the dashboard."""
    return redirect("reminders:my_work" if POLICE_STAFF in user_roles(request.user) else "home")


class DashboardView(PermissionRequired, PutsCachedHtml, TemplateView):
    """The council's start page: headline figures, themes and charts, each linked to its list."""

    permission_required = READ_PERMISSION
    template_name = "dashboard.html"

    def get_context_data(self, **kwargs):
        form = DashboardFilterForm(self.request.GET or None)
        cleaned = form.cleaned_data if form.is_valid() else {}
        today = dates.today()
        viewer = self.request.user

        anchors = period_anchors(today)

        @functools.cache
        def filters() -> DashboardFilters:
            return DashboardFilters.from_cleaned_data(cleaned, anchors, sees_exact_figures(viewer))

        def render_content():
            figures = dashboard_figures(filters())
            people = people_figures(figures, filters(), viewer)
            context = {"form": form, "filters": filters(), "figures": figures, "people": people}
            return render_to_string(
                "includes/dashboard_content.html",
                {
                    **context,
                    "charts": dashboard_charts(figures, people),
                    "period_links": period_links(filters()),
                },
            )

        # Rendering is the page's cost, so the HTML is cached, also per query string (the
        # form shows it). Wrong filters are rendered each time, so junk query strings cannot
        # fill the cache; valid ones go in the key as a short hash. With the period anchors
        # they determine the period, read only on a miss.
        if form.is_bound and not form.is_valid():
            content_html = render_content()
        else:
            query = hashlib.sha256(self.request.GET.urlencode().encode()).hexdigest()[:16]
            content_html = cached_html(
                "dashboard-html",
                render_content,
                viewer,
                query,
                *dataclasses.astuple(anchors),
                reads=content_reads(),
            )
        return super().get_context_data(content_html=content_html, **kwargs)


class CommitteeReportView(PermissionRequired, PutsCachedHtml, TemplateView):
    """The printable report for a meeting date, as things stood at the end of that day."""

    permission_required = READ_PERMISSION
    template_name = "reports/committee_report.html"

    def get_context_data(self, **kwargs):
        data = self.request.GET if "date" in self.request.GET else {"date": dates.today()}
        form = ReportDateForm(data)
        if not form.is_valid():
            return super().get_context_data(form=form, **kwargs)
        meeting_date = form.cleaned_data["date"]
        viewer = self.request.user

        def render_report():
            context = reports.report_context(meeting_date, viewer)
            return render_to_string("reports/report_body.html", context)

        # Rendered once per data state.
        history, state = reports.report_state(meeting_date, sees_exact_figures(viewer))
        report_html = cached_html(
            "report-html", render_report, viewer, meeting_date.isoformat(), history, **state
        )
        return super().get_context_data(
            form=form,
            report_html=report_html,
            meeting_date=meeting_date,
            **kwargs,
        )


def pdf_response(pdf: bytes, filename: str, sha256: str | None = None) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Report-SHA256"] = sha256 or hashlib.sha256(pdf).hexdigest()
    return response


class CommitteeReportPDFView(PermissionRequired, View):
    """The report for a meeting date as a PDF, as the council gets it on paper."""

    permission_required = READ_PERMISSION

    def get(self, request):
        form = ReportDateForm(request.GET)
        if not form.is_valid():
            raise Http404(_("No report for this date."))
        meeting_date = form.cleaned_data["date"]
        pdf = reports.committee_report_pdf(meeting_date)
        return pdf_response(pdf, pdf_filename(meeting_date))


class ChangesView(PermissionRequired, TemplateView):
    """What changed between two dates, e.g. since the last committee meeting."""

    permission_required = READ_PERMISSION
    template_name = "reports/changes.html"

    def get_context_data(self, **kwargs):
        form = ChangesForm(self.request.GET or None)
        changes = None
        if form.is_valid():
            end = form.cleaned_data["end"] or dates.today()
            changes = reports.changes_between(form.cleaned_data["start"], end, self.request.user)
        return super().get_context_data(
            form=form,
            changes=changes,
            viewer=self.request.user,
            # Who changed what is for the police; the council reads what changed.
            show_actors=sees_names(self.request.user),
            **kwargs,
        )


class FrozenReportListView(PermissionRequired, ListView):
    permission_required = "profiling_followup.view_frozenreport"
    model = FrozenReport
    template_name = "reports/frozen_list.html"

    def get_queryset(self):
        return FrozenReport.objects.select_related("frozen_by").defer("html", "pdf")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = context["object_list"]
        attribution = Attribution(self.request.user)
        context["attribution"] = attribution.prefetch([report.frozen_by for report in reports])
        return context


class FrozenReportCreateView(PermissionRequired, FormView):
    """Administrators freeze the report of a meeting; it can never be changed afterwards."""

    permission_required = "profiling_followup.add_frozenreport"
    form_class = ReportDateForm
    template_name = "reports/frozen_form.html"

    def form_valid(self, form):
        try:
            report = reports.report_freeze(
                meeting_date=form.cleaned_data["date"], actor=self.request.user
            )
        except ValidationError as error:
            add_service_errors(form, ValidationError({"date": error.messages}))
            return self.form_invalid(form)
        messages.success(self.request, _("Report frozen: %(title)s") % {"title": report.title})
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("frozen_report_list")


class FrozenReportDownloadView(PermissionRequired, View):
    permission_required = "profiling_followup.view_frozenreport"

    def get(self, request, meeting_date):
        report = get_object_or_404(FrozenReport, meeting_date=meeting_date)
        response = HttpResponse(report.html, content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="committee-report-{report.meeting_date.isoformat()}.html"'
        )
        response["X-Report-SHA256"] = report.sha256
        return response


class FrozenReportPDFView(PermissionRequired, View):
    """The frozen PDF, for the council's public meeting file."""

    permission_required = "profiling_followup.view_frozenreport"

    def get(self, request, meeting_date):
        report = get_object_or_404(
            FrozenReport.objects.exclude(pdf=None).only("meeting_date", "pdf", "pdf_sha256"),
            meeting_date=meeting_date,
        )
        return pdf_response(bytes(report.pdf), pdf_filename(meeting_date), report.pdf_sha256)


class OpenDataJSONView(PermissionRequired, View):
    """Aggregate figures the city may publish: no personal data, small numbers suppressed."""

    permission_required = READ_PERMISSION

    def get(self, request):
        body = json.dumps(open_data_figures(dates.today()), indent=2, ensure_ascii=False)
        return HttpResponse(body, content_type="application/json; charset=utf-8")


class OpenDataCSVView(PermissionRequired, View):
    """Every recommendation with both assessments and its rolled-up progress, as CSV."""

    permission_required = READ_PERMISSION

    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="recommendations.csv"'
        writer = csv.writer(response)
        for row in recommendation_rows(dates.today()):
            writer.writerow([escape_formula(value) for value in row])
        return response


@login_not_required
def health(request):
    """For load balancers and as the benchmark floor: one template, one `SELECT 1`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (database_ok,) = cursor.fetchone()
    return render(request, "health.html", {"database_ok": database_ok == 1})

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.charts import line_chart
from core.concurrency import ConcurrencyGuardMixin
from core.exports import SafeExportMixin
from core.figure_cache import cached_figures, cached_html
from core.tables import CachedCountMixin
from training import imports, selectors, services
from training.filters import CompletionFilter, SessionFilter, StaffFilter
from training.forms import (
    AttendanceForm,
    AttendanceUnitForm,
    CompletionForm,
    CoverageDateForm,
    ImportUploadForm,
    IntervisionForm,
    SessionForm,
)
from training.models import Unit
from training.tables import CompletionTable, SessionTable, StaffTable

TREND_MONTHS = 24
IMPORT_SESSION_KEY = "training_import"


class CoverageView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Coverage per module and unit, module 1 / module 1 and 2, trend, refreshers due."""

    permission_required = "training.view_module"
    template_name = "training/coverage.html"

    def get_at(self, form) -> datetime.date:
        """The date asked for, never after today; today when none or an implausible one."""
        today = timezone.localdate()
        at = form.cleaned_data["at"] if form.is_valid() else None
        return min(at or today, today)

    def get_context_data(self, **kwargs):
        form = CoverageDateForm(self.request.GET)
        at = self.get_at(form)

        def figures():
            # Seconds of SQL on a national data set: computed once per data state.
            return cached_figures("training-coverage", lambda: self.figures(at), at.isoformat())

        def render_content():
            data = figures()
            context = {**data, "chart": self.trend_chart(data["trend"], at)}
            return render_to_string("training/coverage_content.html", context)

        # Rendering the rows of 1,110 units took longer than reading the figures from the
        # cache: the HTML is kept per data state too.
        content_html = cached_html(
            "training-coverage-html", render_content, self.request.user, at.isoformat()
        )
        return super().get_context_data(
            form=form,
            at=at,
            content_html=content_html,
            # Not read by the template; for whoever inspects the page's context (tests).
            figures=SimpleLazyObject(figures),
            **kwargs,
        )

    @staticmethod
    def trend_chart(trend: list[dict], at: datetime.date) -> dict:
        months = [month for month, _count in trend[0]["series"]] if trend else []
        return line_chart(
            chart_id="coverage-trend",
            title=_("Colleagues trained, cumulative per month"),
            description=_("Number of colleagues who completed each module, from %(start)s to "
                          "%(end)s.") % {
                "start": formats.date_format(months[0], "YEAR_MONTH_FORMAT") if months else "",
                "end": formats.date_format(at, "YEAR_MONTH_FORMAT"),
            },
            table_label=_("Show the figures as a table"),
            x_label=_("Month"),
            labels=[f"{month:%m/%Y}" for month in months],
            series=[
                (row["module"].name, [count for _month, count in row["series"]])
                for row in trend
                if row["series"] and row["series"][-1][1]
            ],
            label_every=6,
        )  # fmt: skip

    @staticmethod
    def figures(at: datetime.date) -> dict:
        by_module = selectors.coverage_by_module(at)
        modules = [row["module"] for row in by_module]
        unit_modules = [module for module in modules if module.mandatory] or modules
        return {
            "by_module": by_module,
            "headcount": by_module[0]["headcount"] if by_module else selectors.total_headcount(at),
            "unit_modules": unit_modules,
            "by_unit": selectors.coverage_by_unit(at, unit_modules),
            "prerequisites": selectors.prerequisite_coverage(at),
            "trend": selectors.coverage_trend(at, TREND_MONTHS),
            "refreshers": selectors.refreshers_due(at),
        }


class ListView(LoginRequiredMixin, PermissionRequiredMixin, SafeExportMixin, CachedCountMixin,
               SingleTableMixin, FilterView):  # fmt: skip
    """The app's list pages: filtered, paginated, exportable tables."""

    template_name = "training/list.html"
    table_pagination = {"per_page": 50}
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


class SessionListView(ListView):
    permission_required = "training.view_session"
    table_class = SessionTable
    filterset_class = SessionFilter
    export_name = "sessies"

    @property
    def title(self):
        return _("Training sessions")

    def get_queryset(self):
        return selectors.session_list()


class CompletionListView(ListView):
    """Names of colleagues: council members are refused (they lack view_completion)."""

    permission_required = "training.view_completion"
    table_class = CompletionTable
    filterset_class = CompletionFilter
    export_name = "deelnames"

    @property
    def title(self):
        return _("Completions")

    def get_queryset(self):
        return selectors.completion_list()


class StaffListView(ListView):
    permission_required = "training.view_staffmember"
    table_class = StaffTable
    filterset_class = StaffFilter
    export_name = "personeel"

    @property
    def title(self):
        return _("Staff")

    def get_queryset(self):
        return selectors.staff_list()


class SessionDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "training.view_session"
    template_name = "training/session_detail.html"

    def get_queryset(self):
        return selectors.session_detail()

    def get_context_data(self, **kwargs):
        # Names are personal data: only for those who may see staff members.
        return super().get_context_data(
            shows_names=self.request.user.has_perm("training.view_staffmember"), **kwargs
        )


class SessionCreateView(LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin,
                        CreateView):  # fmt: skip
    permission_required = "training.add_session"
    form_class = SessionForm
    template_name = "training/session_form.html"

    def save(self, form):
        return services.session_create(
            session=form.instance, trainers=form.cleaned_data.get("trainers", []),
            actor=self.request.user,
        )  # fmt: skip


class IntervisionCreateView(SessionCreateView):
    form_class = IntervisionForm

    def save(self, form):
        form.instance.supervisor = form.cleaned_data["supervisor_number"]
        return services.session_create(session=form.instance, actor=self.request.user)


class SessionUpdateView(LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin,
                        UpdateView):  # fmt: skip
    permission_required = "training.change_session"
    form_class = SessionForm
    template_name = "training/session_form.html"

    def get_queryset(self):
        return selectors.session_detail()

    def save(self, form):
        return services.session_update(
            session=form.instance, trainers=form.cleaned_data["trainers"],
            expected_version=form.cleaned_data["version"], actor=self.request.user,
        )  # fmt: skip


class AttendanceView(LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin,
                     FormView):  # fmt: skip
    """Tick the participants of a session; all are recorded, or none."""

    permission_required = "training.add_completion"
    form_class = AttendanceForm
    template_name = "training/attendance_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(selectors.session_detail(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def unit(self) -> Unit | None:
        form = AttendanceUnitForm(self.request.GET)
        return form.cleaned_data["unit"] if form.is_valid() else None

    def get_form_kwargs(self):
        candidates = selectors.attendance_candidates(self.session)
        if self.unit is not None:
            candidates = candidates.filter(unit=self.unit)
        return {**super().get_form_kwargs(), "candidates": candidates}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session, units=Unit.objects.filter(active=True), unit=self.unit,
            **kwargs,
        )  # fmt: skip

    def save(self, form):
        completions = services.attendance_register(
            session=self.session, staff_members=form.cleaned_data["participants"],
            actor=self.request.user,
        )  # fmt: skip
        messages.success(
            self.request, _("%(count)s participants registered.") % {"count": len(completions)}
        )
        return self.session

    def get_success_url(self):
        return self.session.get_absolute_url()


class CompletionCreateView(LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin,
                           CreateView):  # fmt: skip
    permission_required = "training.add_completion"
    form_class = CompletionForm
    template_name = "training/completion_form.html"

    def save(self, form):
        form.instance.staff = form.cleaned_data["staff_number"]
        completion = services.completion_save(form.instance, actor=self.request.user)
        if completion.before_prerequisite:
            messages.warning(
                self.request,
                _("Recorded, but this colleague had not completed the prerequisite module yet."),
            )
        return completion

    def get_success_url(self):
        return reverse("training:completion_list")


class ImportUploadView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "training.add_completion"
    form_class = ImportUploadForm
    template_name = "training/import_upload.html"

    def form_valid(self, form):
        try:
            token = imports.store_upload(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        imports.discard(self.request.session.get(IMPORT_SESSION_KEY, {}).get("token"))
        self.request.session[IMPORT_SESSION_KEY] = {
            "token": token,
            "name": form.cleaned_data["file"].name,
        }
        return redirect("training:completion_import_preview")


class ImportPreviewView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """GET: the dry run of the kept file. POST: import it (all or nothing) or discard it."""

    permission_required = "training.add_completion"
    template_name = "training/import_preview.html"

    def kept(self):
        upload = self.request.session.get(IMPORT_SESSION_KEY) or {}
        return upload.get("name", ""), imports.stored_file(upload.get("token"))

    def get_context_data(self, **kwargs):
        name, path = self.kept()
        context = {"file_name": name, "has_file": path is not None}
        if path is not None:
            try:
                context["preview"] = imports.preview(path)
            except ValidationError as error:
                context["file_errors"] = error.messages
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        name, path = self.kept()
        if path is None or "cancel" in request.POST:
            self.forget()
            return redirect("training:completion_import")
        try:
            added = imports.confirm(path, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("training:completion_import_preview")
        except IntegrityError:
            # Someone recorded one of these completions between the check and the insert.
            messages.error(request, _("The data changed meanwhile; nothing was imported. Check "
                                      "the preview again."))  # fmt: skip
            return redirect("training:completion_import_preview")
        self.forget()
        messages.success(request, _("%(count)s completions imported from %(name)s.")
                         % {"count": added, "name": name})  # fmt: skip
        return redirect("training:completion_list")

    def forget(self):
        upload = self.request.session.pop(IMPORT_SESSION_KEY, None) or {}
        imports.discard(upload.get("token"))

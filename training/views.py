import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, FormView, TemplateView, UpdateView

from core import dates
from core.charts import line_chart
from core.disclosure import Figures, publication_reads
from core.figure_cache import cached_figures, cached_html
from core.people import Attribution
from core.views import DetailPage, FormPage, ListPage, PermissionRequired, PutsCachedHtml
from training import imports, selectors, services, state_changes
from training.disclosure import participants_key, shown_coverage_page, shown_feedback
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


class CoverageView(PermissionRequired, PutsCachedHtml, TemplateView):
    """Coverage per module and unit, module 1 / module 1 and 2, trend, refreshers due."""

    permission_required = "training.view_module"
    template_name = "training/coverage.html"

    def get_at(self, form) -> datetime.date:
        """The date asked for, never after today; today when none or an implausible one."""
        today = dates.today()
        at = form.cleaned_data["at"] if form.is_valid() else None
        return min(at or today, today)

    def get_context_data(self, **kwargs):
        form = CoverageDateForm(self.request.GET)
        shown = Figures(self.request.user)
        # Council members: the state at the end of the last calendar month by then.
        at = shown.state_date(self.get_at(form))

        # What the council reads is the publication, which reads more than the coverage.
        state = selectors.state_reads(at) if shown.exact else {"reads": publication_reads()}

        def render_content():
            # The figures are computed once per state of the training records, and so is
            # their HTML (a row per unit).
            data = cached_figures(
                "training-coverage",
                lambda: self.figures(at),
                at.isoformat(),
                **selectors.state_reads(at),
            )
            data = shown_coverage_page(shown, at, data, TREND_MONTHS)
            context = {**data, "chart": self.trend_chart(data["trend"], at), "exact": shown.exact}
            return render_to_string("training/coverage_content.html", context)

        # For the council, which month ends have per-unit figures moves with today.
        published_until = None if shown.exact else dates.last_month_end(shown.today).isoformat()
        content_html = cached_html(
            "training-coverage-html",
            render_content,
            self.request.user,
            at.isoformat(),
            published_until,
            **state,
        )
        return super().get_context_data(form=form, at=at, content_html=content_html, **kwargs)

    @staticmethod
    def trend_chart(trend: list[dict], at: datetime.date) -> dict:
        months = [month for month, _count in trend[0]["series"]] if trend else []
        period = {
            "start": formats.date_format(months[0], "YEAR_MONTH_FORMAT") if months else "",
            "end": formats.date_format(at, "YEAR_MONTH_FORMAT"),
        }
        return line_chart(
            chart_id="coverage-trend",
            title=_("Colleagues trained, cumulative per month"),
            description=_(
                "Number of colleagues who completed each module, from %(start)s to %(end)s."
            )
            % period,
            table_label=_("Show the figures as a table"),
            x_label=_("Month"),
            labels=[f"{month:%m/%Y}" for month in months],
            series=[
                (row["module"].name, [count for _month, count in row["series"]])
                for row in trend
                if row["series"] and row["series"][-1][1]
            ],
            label_every=6,
        )

    @staticmethod
    def figures(at: datetime.date) -> dict:
        by_module = selectors.coverage_by_module(at)
        modules = [row["module"] for row in by_module]
        per_unit = state_changes.unit_modules({module.pk: module.mandatory for module in modules})
        unit_modules = [module for module in modules if module.pk in per_unit]
        return {
            "by_module": by_module,
            "headcount": by_module[0]["headcount"] if by_module else selectors.total_headcount(at),
            "unit_modules": unit_modules,
            "by_unit": selectors.coverage_by_unit(at, unit_modules),
            "prerequisites": selectors.prerequisite_coverage(at),
            "trend": selectors.coverage_trend(at, TREND_MONTHS),
            "refreshers": selectors.refreshers_due(at),
        }


class TrainingListPage(ListPage):
    """The app's list pages share one template, with the app's navigation."""

    template_name = "training/list.html"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


class SessionListView(TrainingListPage):
    permission_required = "training.view_session"
    table_class = SessionTable
    filterset_class = SessionFilter
    export_name = "sessies"
    title = gettext_lazy("Training sessions")

    def get_queryset(self):
        return selectors.session_list()


class CompletionListView(TrainingListPage):
    """Names of colleagues: council members are refused (they lack view_completion)."""

    permission_required = "training.view_completion"
    table_class = CompletionTable
    filterset_class = CompletionFilter
    export_name = "deelnames"
    title = gettext_lazy("Completions")

    def get_queryset(self):
        return selectors.completion_list()


class StaffListView(TrainingListPage):
    permission_required = "training.view_staffmember"
    table_class = StaffTable
    filterset_class = StaffFilter
    export_name = "personeel"
    title = gettext_lazy("Staff")

    def get_queryset(self):
        return selectors.staff_list()


class SessionDetailView(DetailPage):
    permission_required = "training.view_session"
    template_name = "training/session_detail.html"

    def get_queryset(self):
        return selectors.session_detail()

    def get_context_data(self, **kwargs):
        # Names are personal data: only for police staff and administrators.
        session, shown = self.object, Figures(self.request.user)
        feedback = getattr(session, "feedback", None)
        return super().get_context_data(
            attribution=Attribution(self.request.user),
            participants=shown.figure(participants_key(session.pk), len(session.completions.all())),
            feedback_shown=feedback and shown_feedback(shown, feedback),
            **kwargs,
        )


class SessionCreateView(FormPage, CreateView):
    permission_required = "training.add_session"
    form_class = SessionForm
    heading = gettext_lazy("New session")

    def save(self, form):
        return services.session_create(
            session=form.instance,
            trainers=form.cleaned_data["trainers"],
            actor=self.request.user,
        )

    def get_cancel_url(self):
        return reverse("training:session_list")


class IntervisionCreateView(SessionCreateView):
    form_class = IntervisionForm
    heading = gettext_lazy("Record an intervision")

    def save(self, form):
        return services.session_create(session=form.instance, actor=self.request.user)


class SessionUpdateView(FormPage, UpdateView):
    permission_required = "training.change_session"
    form_class = SessionForm
    heading = gettext_lazy("Edit session")

    def get_queryset(self):
        return selectors.session_detail()

    def get_subject(self):
        return self.object

    def save(self, form):
        return services.session_update(
            session=form.instance,
            trainers=form.cleaned_data["trainers"],
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )


class AttendanceView(FormPage, FormView):
    """Tick the participants of a session; all are recorded, or none."""

    permission_required = "training.add_completion"
    form_class = AttendanceForm
    template_name = "training/attendance_form.html"

    @cached_property
    def session(self):
        # Looked up after the permission check, so nothing leaks to those refused.
        return get_object_or_404(selectors.session_detail(), pk=self.kwargs["pk"])

    def get_subject(self):
        return self.session

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
            session=self.session,
            units=Unit.objects.filter(active=True),
            unit=self.unit,
            **kwargs,
        )

    def save(self, form):
        completions = services.attendance_register(
            session=self.session,
            staff_members=form.cleaned_data["participants"],
            actor=self.request.user,
        )
        messages.success(
            self.request, _("%(count)s participants registered.") % {"count": len(completions)}
        )
        return self.session

    def get_success_url(self):
        return self.session.get_absolute_url()


class CompletionCreateView(FormPage, CreateView):
    permission_required = "training.add_completion"
    form_class = CompletionForm
    heading = gettext_lazy("Record a completion")

    def save(self, form):
        completion = services.completion_create(completion=form.instance, actor=self.request.user)
        if completion.before_prerequisite:
            messages.warning(
                self.request,
                _("Recorded, but this colleague had not completed the prerequisite module yet."),
            )
        return completion

    def get_success_url(self):
        return reverse("training:completion_list")


class ImportUploadView(PermissionRequired, FormView):
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


class ImportPreviewView(PermissionRequired, TemplateView):
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
                # A file that cannot be imported is discarded: a corrected one is uploaded.
                self.forget()
                context.update(file_errors=error.messages, has_file=False)
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
            messages.error(
                request,
                _("The data changed meanwhile; nothing was imported. Check the preview again."),
            )
            return redirect("training:completion_import_preview")
        self.forget()
        messages.success(
            request,
            _("%(count)s completions imported from %(name)s.") % {"count": added, "name": name},
        )
        return redirect("training:completion_list")

    def forget(self):
        upload = self.request.session.pop(IMPORT_SESSION_KEY, None) or {}
        imports.discard(upload.get("token"))

from datetime import date

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Min
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView, View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.concurrency import ConcurrencyGuardMixin
from core.exports import SafeExportMixin
from core.uploads import document_response
from id_checks import selectors, services
from id_checks.filters import AuthorisationFilter
from id_checks.forms import (
    AuthorisationForm,
    DecisionForm,
    EvaluationForm,
    ExecutionForm,
    ExtensionForm,
)
from id_checks.models import (
    Authorisation,
    Decision,
    Evaluation,
    Execution,
    Extension,
    Kind,
    related_or_none,
)
from id_checks.tables import AuthorisationTable
from id_checks.validators import plausible_date


class AuthorisationListView(
    LoginRequiredMixin, PermissionRequiredMixin, SafeExportMixin, SingleTableMixin, FilterView
):
    permission_required = "id_checks.view_authorisation"
    table_class = AuthorisationTable
    filterset_class = AuthorisationFilter
    template_name = "id_checks/authorisation_list.html"
    export_name = "toelatingen-identiteitscontroles"
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.authorisation_list()


class AuthorisationDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "id_checks.view_authorisation"
    template_name = "id_checks/authorisation_detail.html"
    context_object_name = "authorisation"

    def get_queryset(self):
        return selectors.authorisation_detail()

    def get_context_data(self, **kwargs):
        authorisation = self.object
        decision = related_or_none(authorisation, "decision")
        execution = related_or_none(decision, "execution") if decision else None
        return super().get_context_data(
            decision=decision,
            execution=execution,
            evaluation=related_or_none(execution, "evaluation") if execution else None,
            history=selectors.authorisation_history(authorisation),
            **kwargs,
        )


class AuthorisationCreateView(
    LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin, CreateView
):
    permission_required = "id_checks.add_authorisation"
    form_class = AuthorisationForm
    template_name = "id_checks/form.html"
    extra_context = {"title": _("New authorisation request")}

    def save(self, form):
        return services.authorisation_save(
            authorisation=form.save(commit=False), actor=self.request.user
        )


class AuthorisationUpdateView(
    LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin, UpdateView
):
    permission_required = "id_checks.change_authorisation"
    form_class = AuthorisationForm
    model = Authorisation
    template_name = "id_checks/form.html"
    extra_context = {"title": _("Edit authorisation request")}

    def save(self, form):
        return services.authorisation_save(
            authorisation=form.save(commit=False),
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
        )


class StepView(LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin, UpdateView):
    """Records one step after the request (decision, execution, evaluation): the first save
    creates it, later saves edit it. Which step comes before is checked by the service."""

    template_name = "id_checks/form.html"
    # The step's name (also its attribute on the record before it), and the name of the
    # record before it on the step.
    step = ""
    after = ""

    @cached_property
    def authorisation(self):
        return get_object_or_404(selectors.authorisation_detail(), pk=self.kwargs["pk"])

    def predecessor(self):
        """The record this step follows, e.g. the decision for an execution."""
        chain = {"decision": self.authorisation}
        decision = related_or_none(self.authorisation, "decision")
        chain["execution"] = decision
        chain["evaluation"] = related_or_none(decision, "execution") if decision else None
        return chain[self.step]

    def get_object(self, queryset=None):
        previous = self.predecessor()
        existing = related_or_none(previous, self.step) if previous else None
        return existing or self.model(**({self.after: previous} if previous else {}))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            authorisation=self.authorisation, title=self.model._meta.verbose_name, **kwargs
        )

    def get_success_url(self):
        return self.authorisation.get_absolute_url()

    def save(self, form):
        instance = form.save(commit=False)
        return self.service(
            **{self.step: instance},
            actor=self.request.user,
            expected_version=form.cleaned_data.get("version"),
        )


class DecisionView(StepView):
    permission_required = ("id_checks.add_decision", "id_checks.change_decision")
    model = Decision
    form_class = DecisionForm
    step, after = "decision", "authorisation"
    service = staticmethod(services.authorisation_decide)


class ExecutionView(StepView):
    permission_required = ("id_checks.add_execution", "id_checks.change_execution")
    model = Execution
    form_class = ExecutionForm
    step, after = "execution", "decision"
    service = staticmethod(services.execution_record)


class EvaluationView(StepView):
    permission_required = ("id_checks.add_evaluation", "id_checks.change_evaluation")
    model = Evaluation
    form_class = EvaluationForm
    step, after = "evaluation", "execution"
    service = staticmethod(services.evaluation_record)


class ExtensionCreateView(
    LoginRequiredMixin, PermissionRequiredMixin, ConcurrencyGuardMixin, CreateView
):
    permission_required = "id_checks.add_extension"
    form_class = ExtensionForm
    template_name = "id_checks/form.html"

    @cached_property
    def authorisation(self):
        return get_object_or_404(selectors.authorisation_detail(), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": Extension(authorisation=self.authorisation),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            authorisation=self.authorisation, title=_("New extension"), **kwargs
        )

    def get_success_url(self):
        return self.authorisation.get_absolute_url()

    def save(self, form):
        return services.authorisation_extend(
            extension=form.save(commit=False), actor=self.request.user
        )


class DecisionDocumentView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The signed decision, as a download, for those who may read decisions."""

    permission_required = "id_checks.view_decision"

    def get(self, request, *args, **kwargs):
        decision = get_object_or_404(
            Decision.objects.select_related("authorisation"), authorisation_id=kwargs["pk"]
        )
        if not decision.document:
            raise Http404
        extension = decision.document.name.rsplit(".", 1)[-1]
        return document_response(
            decision.document, f"beslissing-{decision.authorisation.reference}.{extension}"
        )


class SummaryView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Per kind and per month: requested, granted, applied, persons checked, share evaluated."""

    permission_required = "id_checks.view_authorisation"
    template_name = "id_checks/summary.html"

    def given_date(self, name: str) -> date | None:
        """A date from the query string; anything unreadable or implausible is ignored."""
        try:
            value = parse_date(self.request.GET.get(name) or "")
        except ValueError:
            return None
        return value if value and plausible_date(value) else None

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        end = self.given_date("end") or today
        start = self.given_date("start")
        if start is None:
            first = Authorisation.objects.aggregate(first=Min("starts_at"))["first"]
            start = timezone.localtime(first).date() if first else today
        start = start.replace(day=1)
        return (start, end) if start <= end else (end.replace(day=1), end)

    def get_context_data(self, **kwargs):
        start, end = self.period()
        figures = selectors.authorisation_figures(start, end)
        return super().get_context_data(
            start=start,
            end=end,
            totals=[(label, figures[kind]) for kind, label in Kind.choices]
            + [(_("Total"), figures["total"])],
            months=[
                (month, Kind(kind).label, figures)
                for month, kind, figures in selectors.authorisation_figures_by_month(start, end)
            ],
            **kwargs,
        )

from datetime import date

from django.db.models import Min
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, TemplateView, UpdateView, View

from core import dates
from core.dates import period_key
from core.disclosure import Figures
from core.people import Attribution
from core.uploads import document_response
from core.views import DetailPage, FormPage, ListPage, PermissionRequired
from id_checks import selectors, services
from id_checks.disclosure import TOTAL, execution_key, persons_key, persons_over
from id_checks.filters import AuthorisationFilter
from id_checks.forms import (
    AuthorisationForm,
    DecisionForm,
    EvaluationForm,
    ExecutionForm,
    ExtensionForm,
)
from id_checks.models import (
    COUNT_FIELDS,
    Authorisation,
    Decision,
    Evaluation,
    Execution,
    Extension,
    Kind,
    related_or_none,
)
from id_checks.tables import AuthorisationTable

NO_PERSONAL_DATA = _(
    "Counts and context only: never names, ID numbers or descriptions of the persons checked."
)


class AuthorisationListView(ListPage):
    permission_required = "id_checks.view_authorisation"
    table_class = AuthorisationTable
    filterset_class = AuthorisationFilter
    template_name = "id_checks/authorisation_list.html"
    export_name = "toelatingen-identiteitscontroles"

    def get_queryset(self):
        return selectors.authorisation_list()


class AuthorisationDetailView(DetailPage):
    permission_required = "id_checks.view_authorisation"
    template_name = "id_checks/authorisation_detail.html"
    context_object_name = "authorisation"

    def get_queryset(self):
        return selectors.authorisation_detail()

    def get_context_data(self, **kwargs):
        authorisation = self.object
        decision = related_or_none(authorisation, "decision")
        execution = related_or_none(decision, "execution") if decision else None
        history = selectors.authorisation_history(authorisation)
        shown = Figures(self.request.user)
        return super().get_context_data(
            counts=[
                (
                    Execution._meta.get_field(field).verbose_name,
                    shown.figure(execution_key(authorisation.pk, field), getattr(execution, field)),
                )
                for field in COUNT_FIELDS
            ]
            if execution
            else [],
            decision=decision,
            execution=execution,
            evaluation=related_or_none(execution, "evaluation") if execution else None,
            history=history,
            attribution=Attribution(self.request.user).prefetch(
                [entry.history_user for _record, entry in history]
            ),
            **kwargs,
        )


class AuthorisationCreateView(FormPage, CreateView):
    permission_required = "id_checks.add_authorisation"
    form_class = AuthorisationForm
    heading = _("New authorisation request")
    notice = NO_PERSONAL_DATA

    def save(self, form):
        return services.authorisation_create(authorisation=form.instance, actor=self.request.user)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return reverse("id_checks:authorisation_list")


class AuthorisationUpdateView(FormPage, UpdateView):
    permission_required = "id_checks.change_authorisation"
    form_class = AuthorisationForm
    model = Authorisation
    heading = _("Edit authorisation request")
    notice = NO_PERSONAL_DATA

    def get_subject(self):
        return self.object

    def save(self, form):
        return services.authorisation_update(
            authorisation=form.instance,
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )


class AuthorisationStepPage(FormPage):
    """A form about one authorisation: a step after the request (decision, extension,
    execution, evaluation). The record that step follows must exist (the services say so)."""

    notice = NO_PERSONAL_DATA

    @cached_property
    def authorisation(self):
        # Looked up after the permission check, so nothing leaks to those refused.
        return get_object_or_404(selectors.authorisation_detail(), pk=self.kwargs["pk"])

    @cached_property
    def decision(self):
        return related_or_none(self.authorisation, "decision")

    @cached_property
    def execution(self):
        return related_or_none(self.decision, "execution") if self.decision else None

    def get_subject(self):
        return self.authorisation

    def get_context_data(self, **kwargs):
        heading = f"{self.model._meta.verbose_name.capitalize()}: {self.authorisation.reference}"
        return super().get_context_data(heading=heading, **kwargs)

    def get_success_url(self):
        return self.authorisation.get_absolute_url()


class StepPage(AuthorisationStepPage, UpdateView):
    """Records a step once (`create`) and corrects it afterwards (`update`)."""

    def get_object(self, queryset=None):
        return self.existing() or self.new()

    def save(self, form):
        if form.instance.pk is None:
            return self.create(form.instance)
        return self.update(form.instance, form.cleaned_data["version"])


class DecisionView(StepPage):
    permission_required = ("id_checks.add_decision", "id_checks.change_decision")
    model = Decision
    form_class = DecisionForm

    def existing(self):
        return self.decision

    def new(self):
        return Decision(authorisation=self.authorisation)

    def create(self, decision):
        return services.authorisation_decide(decision=decision, actor=self.request.user)

    def update(self, decision, version):
        return services.decision_update(
            decision=decision, expected_version=version, actor=self.request.user
        )


class ExecutionView(StepPage):
    permission_required = ("id_checks.add_execution", "id_checks.change_execution")
    model = Execution
    form_class = ExecutionForm

    def existing(self):
        return self.execution

    def new(self):
        return Execution(decision=self.decision)

    def create(self, execution):
        return services.execution_record(execution=execution, actor=self.request.user)

    def update(self, execution, version):
        return services.execution_update(
            execution=execution, expected_version=version, actor=self.request.user
        )


class EvaluationView(StepPage):
    permission_required = ("id_checks.add_evaluation", "id_checks.change_evaluation")
    model = Evaluation
    form_class = EvaluationForm

    def existing(self):
        return related_or_none(self.execution, "evaluation") if self.execution else None

    def new(self):
        return Evaluation(execution=self.execution)

    def create(self, evaluation):
        return services.evaluation_record(evaluation=evaluation, actor=self.request.user)

    def update(self, evaluation, version):
        return services.evaluation_update(
            evaluation=evaluation, expected_version=version, actor=self.request.user
        )


class ExtensionCreateView(AuthorisationStepPage, CreateView):
    permission_required = "id_checks.add_extension"
    model = Extension
    form_class = ExtensionForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": Extension(authorisation=self.authorisation),
        }

    def save(self, form):
        return services.authorisation_extend(extension=form.instance, actor=self.request.user)


class DecisionDocumentView(PermissionRequired, View):
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


class SummaryView(PermissionRequired, TemplateView):
    """Per kind and per month: requested, granted, applied, persons checked, share evaluated."""

    permission_required = "id_checks.view_authorisation"
    template_name = "id_checks/summary.html"

    def given_date(self, name: str) -> date | None:
        """A date from the query string; anything unreadable or implausible is ignored."""
        try:
            value = parse_date(self.request.GET.get(name) or "")
        except ValueError:
            return None
        return value if value and dates.is_plausible(value) else None

    def period(self) -> tuple[date, date]:
        today = dates.today()
        end = self.given_date("end") or today
        start = self.given_date("start")
        if start is None:
            first = Authorisation.objects.aggregate(first=Min("starts_at"))["first"]
            start = dates.local_date(first) if first else today
        start = start.replace(day=1)
        return (start, end) if start <= end else (end.replace(day=1), end)

    def get_context_data(self, **kwargs):
        shown = Figures(self.request.user)
        # Council members: the whole months the dates touch (fixed periods only).
        start, end = shown.period(*self.period())
        figures = selectors.authorisation_figures(start, end)
        return super().get_context_data(
            start=start,
            end=end,
            exact=shown.exact,
            totals=[
                (
                    label,
                    figures[kind],
                    persons_over(shown, start, end, kind, figures[kind].persons_checked),
                )
                for kind, label in [*Kind.choices, (TOTAL, _("Total"))]
            ],
            months=[
                (month, Kind(kind).label, figures, persons_in(shown, month, kind, figures))
                for month, kind, figures in selectors.authorisation_figures_by_month(start, end)
            ],
            **kwargs,
        )


def persons_in(shown: Figures, month, kind: str, figures) -> object:
    return shown.figure(persons_key(period_key(month, 1), kind), figures.persons_checked)

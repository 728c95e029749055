from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, FormView, UpdateView

from core.history import record_history
from core.people import Attribution, sees_names
from core.uploads import document_response
from core.views import DetailPage, FormPage, ListPage
from recommendations import selectors, services
from recommendations.filters import ActionFilter, RecommendationFilter
from recommendations.forms import (
    ActionForm,
    ActionUpdateForm,
    DueDateChangeForm,
    EvidenceForm,
    IndependentStatusForm,
    PoliceStatusForm,
    ProgressUpdateForm,
)
from recommendations.models import (
    Action,
    DueDateChange,
    Evidence,
    ProgressUpdate,
    Recommendation,
)
from recommendations.tables import ActionTable, RecommendationTable


def names_hidden_from(user) -> tuple[str, ...]:
    """Who answers for an action is for the police, not for council members."""
    return () if sees_names(user) else ("responsible",)


class RecommendationListView(ListPage):
    permission_required = "recommendations.view_recommendation"
    table_class = RecommendationTable
    filterset_class = RecommendationFilter
    template_name = "recommendations/recommendation_list.html"
    export_name = "aanbevelingen"
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.recommendation_list()


class ActionListView(ListPage):
    permission_required = "recommendations.view_action"
    table_class = ActionTable
    filterset_class = ActionFilter
    template_name = "recommendations/action_list.html"
    export_name = "acties"
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.action_list()

    def get_table_kwargs(self):
        return {} if sees_names(self.request.user) else {"exclude": ("responsible",)}


def attribution_for(viewer, actions) -> Attribution:
    """Authors of the progress updates of `actions`, as `viewer` may see them."""
    authors = [update.author for action in actions for update in action.updates.all()]
    return Attribution(viewer).prefetch(authors)


class SelectorDetailPage(DetailPage):
    """A detail page whose object comes from a selector that takes its key."""

    def select(self, pk):
        raise NotImplementedError

    def get_object(self, queryset=None):
        try:
            return self.select(self.kwargs["pk"])
        except ObjectDoesNotExist as error:
            raise Http404 from error


class RecommendationDetailView(SelectorDetailPage):
    permission_required = "recommendations.view_recommendation"
    template_name = "recommendations/recommendation_detail.html"

    def select(self, pk):
        return selectors.recommendation_detail(pk)

    def get_context_data(self, **kwargs):
        actions = list(self.object.actions.all())
        kwargs["history"] = record_history(
            (Recommendation, [self.object.pk]),
            (Action, [action.pk for action in actions]),
            viewer=self.request.user,
            hidden_fields=names_hidden_from(self.request.user),
        )
        kwargs["actions"] = actions
        kwargs["attribution"] = attribution_for(self.request.user, actions)
        return super().get_context_data(**kwargs)


class ActionDetailView(SelectorDetailPage):
    permission_required = "recommendations.view_action"
    template_name = "recommendations/action_detail.html"

    def select(self, pk):
        return selectors.action_detail(pk)

    def get_context_data(self, **kwargs):
        action = self.object
        kwargs["history"] = record_history(
            (Action, [action.pk]),
            (ProgressUpdate, [update.pk for update in action.updates.all()]),
            (Evidence, [evidence.pk for evidence in action.evidence.all()]),
            (DueDateChange, [change.pk for change in action.due_date_changes.all()]),
            viewer=self.request.user,
            hidden_fields=names_hidden_from(self.request.user),
        )
        kwargs["attribution"] = attribution_for(self.request.user, [action])
        return super().get_context_data(**kwargs)


class ActionCreateView(FormPage, CreateView):
    permission_required = "recommendations.add_action"
    form_class = ActionForm
    heading = _("New action")

    def get_initial(self):
        return {"recommendations": self.request.GET.getlist("recommendation")}

    def save(self, form):
        return services.action_create(
            action=form.instance,
            recommendations=form.cleaned_data["recommendations"],
            actor=self.request.user,
        )

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return reverse("recommendations:action_list")


class ActionUpdateView(FormPage, UpdateView):
    permission_required = "recommendations.change_action"
    form_class = ActionUpdateForm
    model = Action
    heading = _("Edit action")

    def get_subject(self):
        return self.object

    def save(self, form):
        return services.action_update(
            action=form.instance,
            recommendations=form.cleaned_data["recommendations"],
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class ActionChildFormPage(FormPage):
    """A form about one action (progress update, evidence, due date)."""

    @cached_property
    def action(self):
        # Looked up after the permission check, so nothing leaks to those refused.
        return get_object_or_404(Action, pk=self.kwargs["pk"])

    def get_subject(self):
        return self.action

    def get_success_url(self):
        return self.action.get_absolute_url()


class ProgressUpdateCreateView(ActionChildFormPage, CreateView):
    permission_required = "recommendations.add_progressupdate"
    form_class = ProgressUpdateForm
    heading = _("New progress update")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": ProgressUpdate(action=self.action)}

    def save(self, form):
        return services.progress_update_create(
            action=self.action,
            on=form.cleaned_data["date"],
            text=form.cleaned_data["text"],
            actor=self.request.user,
        )


class EvidenceCreateView(ActionChildFormPage, CreateView):
    permission_required = "recommendations.add_evidence"
    form_class = EvidenceForm
    heading = _("Add evidence")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Evidence(action=self.action)}

    def save(self, form):
        return services.evidence_add(
            action=self.action,
            title=form.cleaned_data["title"],
            url=form.cleaned_data["url"],
            document=form.cleaned_data["document"] or None,
            actor=self.request.user,
        )


class DueDateChangeView(ActionChildFormPage, FormView):
    permission_required = ("recommendations.add_duedatechange", "recommendations.change_action")
    form_class = DueDateChangeForm
    heading = _("Change due date")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.action}

    def get_initial(self):
        return {"new_date": self.action.due_date}

    def save(self, form):
        return services.action_change_due_date(
            action=self.action,
            new_date=form.cleaned_data["new_date"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )


class StatusUpdateView(FormPage, UpdateView):
    permission_required = "recommendations.change_recommendation"
    model = Recommendation

    def get_subject(self):
        return self.object

    def get_success_url(self):
        return self.object.get_absolute_url()


class PoliceStatusView(StatusUpdateView):
    form_class = PoliceStatusForm
    heading = _("Set the status according to the police")

    def save(self, form):
        return services.recommendation_set_police_status(
            recommendation=form.instance,
            status=form.cleaned_data["police_status"],
            motivation=form.cleaned_data["police_motivation"],
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )


class IndependentStatusView(StatusUpdateView):
    # Not the police's own permission: separation of duties (an independent evaluator or
    # an administrator; the service refuses anyone else too).
    permission_required = "recommendations.set_independent_status"
    form_class = IndependentStatusForm
    heading = _("Set the independent status")

    def save(self, form):
        data = form.cleaned_data
        return services.recommendation_set_independent_status(
            recommendation=form.instance,
            status=data["independent_status"],
            assessor=data["independent_assessor"],
            motivation=data["independent_motivation"],
            disagreement_note=data["disagreement_note"],
            expected_version=data["version"],
            actor=self.request.user,
        )


class EvidenceDownloadView(DetailPage):
    permission_required = "recommendations.view_evidence"
    model = Evidence

    def get(self, request, *args, **kwargs):
        evidence = self.get_object()
        if not evidence.document:
            raise Http404
        extension = evidence.document.name.rsplit(".", 1)[-1]
        return document_response(evidence.document, f"bewijsstuk-{evidence.pk}.{extension}")

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, UpdateView

from core.views import FormPage, PermissionRequired
from reminders import selectors, services
from reminders.forms import ProfileForm

# Those who can settle actions are those who can be responsible for them.
WORK_PERMISSION = "recommendations.change_action"


class MyWorkView(PermissionRequired, TemplateView):
    """ "Mijn werk": what the user answers for, each line linked to the form that settles it
    (and back here once saved)."""

    permission_required = WORK_PERMISSION
    template_name = "reminders/my_work.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            work=selectors.my_work(self.request.user, timezone.now()),
            here=reverse("reminders:my_work"),
            **kwargs,
        )


class ProfileView(FormPage, UpdateView):
    """Every logged-in user's own choices, whatever their role."""

    permission_required = ()
    form_class = ProfileForm
    template_name = "reminders/profile.html"
    heading = gettext_lazy("Reminders and language")

    def get_object(self, queryset=None):
        return selectors.profile_of(self.request.user)

    def save(self, form):
        if form.instance.pk is None:
            profile = services.profile_create(profile=form.instance, actor=self.request.user)
        else:
            profile = services.profile_update(
                profile=form.instance,
                expected_version=form.cleaned_data["version"],
                actor=self.request.user,
            )
        messages.success(self.request, _("Your preferences were saved."))
        return profile

    def get_success_url(self):
        return reverse("reminders:profile")

    get_cancel_url = get_success_url

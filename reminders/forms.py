"""The profile form; `ProfileRulesForm` is the admin's base too."""

from django import forms

from core.concurrency import VersionedFormMixin
from core.forms import RulesFormMixin
from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF, user_roles
from reminders import services
from reminders.models import Profile

WORK_CHOICES = (
    "assignment_notices",
    "due_date_reminders",
    "overdue_digest",
    "evaluation_reminders",
)


class ProfileRulesForm(RulesFormMixin, forms.ModelForm):
    def check_rules(self, candidate):
        services.check_profile(profile=candidate)


class ProfileForm(VersionedFormMixin, ProfileRulesForm):
    """A user's own choices: the reminders their roles can get, and their language."""

    class Meta:
        model = Profile
        fields = ["language", *WORK_CHOICES, "council_digest"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roles = user_roles(self.instance.user)
        if not roles & {POLICE_STAFF, ADMINISTRATOR} and not self.instance.user.is_superuser:
            for name in WORK_CHOICES:
                del self.fields[name]
        if COUNCIL_MEMBER not in roles:
            del self.fields["council_digest"]

"""People in the records: who did something, as the viewer may see it, and who may answer
for follow-up work. The one place that decides (issue 14).

Police staff and administrators work with the records and see the names of the people who
made them: users (authors, history, who answers for an action), staff members (trainers,
supervisors) and officers named in free text (the requesting officer of an ID check).
Everyone else (council members, independent evaluators, anonymous readers of a frozen
report) sees a function instead: the author's role ("Politiepersoneel", "Beheerder", ...),
never a name or a username.

Pages ask an `Attribution` made for their viewer; templates use `{{ user|who:attribution }}`
(templatetags/people.py). Models mark what names a person: a model with
`names_a_person = True` (staff members) and the fields listed in `person_name_fields`;
`core.history` hides both in change lists for those who do not see names.

A responsible person is a user account (not a staff record): an active member of the police
staff or administrator role.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from core.fields import KeyChoiceField
from core.figures import sees_exact_figures
from core.roles import ADMINISTRATOR, POLICE_STAFF, ROLES

WORKING_ROLES = (POLICE_STAFF, ADMINISTRATOR)
# The order in which a person's roles name them: the first that applies.
ROLE_ORDER = (ADMINISTRATOR, POLICE_STAFF, *ROLES)


def sees_names(viewer) -> bool:
    """Those who work with the records, who also read exact figures (so a page cached per
    `core.figure_cache.cached_html` viewer kind never shows names to the wrong viewer)."""
    return sees_exact_figures(viewer)


def full_name(user) -> str:
    return user.get_full_name() or user.get_username()


def names_a_person(model) -> bool:
    return model is get_user_model() or getattr(model, "names_a_person", False)


def person_name_fields(model) -> frozenset[str]:
    return frozenset(getattr(model, "person_name_fields", ()))


class Attribution:
    """Names for a viewer who sees them; otherwise each user's role, read for all the users
    of a page in one query (`prefetch`)."""

    def __init__(self, viewer):
        self.shows_names = sees_names(viewer)
        self._roles: dict[int, str] = {}

    def prefetch(self, users) -> "Attribution":
        if self.shows_names:
            return self
        wanted = {user.pk for user in users if user is not None} - self._roles.keys()
        if wanted:
            memberships = get_user_model().groups.through.objects.filter(
                user_id__in=wanted, group__name__in=ROLES
            )
            found: dict[int, set[str]] = {pk: set() for pk in wanted}
            for user_id, role in memberships.values_list("user_id", "group__name"):
                found[user_id].add(role)
            for user_id, roles in found.items():
                first = next((role for role in ROLE_ORDER if role in roles), "")
                self._roles[user_id] = first
        return self

    def who(self, user) -> str:
        """The user's name, or their role; "" for no user."""
        if user is None:
            return ""
        if self.shows_names:
            return full_name(user)
        self.prefetch([user])
        # Role names are the groups' names, Dutch in both languages (as in the admin).
        return self._roles.get(user.pk) or _("Police")

    def person(self, text: str) -> str:
        """A person named in free text (an officer's rank and name): "" when hidden."""
        return text if self.shows_names else ""


# --- who answers for follow-up work ---------------------------------------------------


def responsible_field(verbose_name, help_text) -> models.ForeignKey:
    """The model field naming who answers for a record: optional, kept when the user is
    (deleting a user who answers for something is refused), not followed back."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


def responsible_candidates() -> QuerySet:
    """Active users in the police staff or administrator role (or superusers), by name."""
    from django.contrib.auth.models import Group

    in_role = Group.objects.filter(user=OuterRef("pk"), name__in=WORKING_ROLES)
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Exists(in_role), is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def check_responsible(user, field: str) -> None:
    """Refuse, on `field`, a responsible person who is not a candidate; nobody is fine."""
    if user is None:
        return
    if not responsible_candidates().filter(pk=user.pk).exists():
        raise ValidationError(
            {field: _("Choose an active member of the police staff or an administrator.")}
        )


def person_label(user) -> str:
    """How a responsible person is named in lists and forms."""
    full_name = user.get_full_name()
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


class ResponsibleChoiceField(KeyChoiceField):
    """A select of the responsible candidates (the model field's own queryset is ignored)."""

    def __init__(self, queryset=None, **kwargs):
        super().__init__(responsible_candidates(), **kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)

"""People who answer for follow-up work: who may be made responsible, and who may see it.

A responsible person is a user account (not a staff record): an active member of the police
staff or administrator role. Council members read the results, never who did the work.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from core.fields import KeyChoiceField
from core.roles import ADMINISTRATOR, POLICE_STAFF, user_roles

WORKING_ROLES = (POLICE_STAFF, ADMINISTRATOR)


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


def sees_names(user) -> bool:
    """Whether `user` may see who is responsible for what: police staff and administrators."""
    return bool(getattr(user, "is_superuser", False) or user_roles(user) & set(WORKING_ROLES))


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

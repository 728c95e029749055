from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history import register


class OrganisationIdentity(models.Model):
    """Links a local user to one account at the organisation's identity provider.

    The provider's issuer and subject (`iss`, `sub`) are the only stable identifiers an ID
    token carries: names, e-mail addresses and usernames change and can be reused, so users
    are never matched on them (a provider account named like a local administrator must not
    become that administrator).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_identity",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    # The identity provider's name for the person, not an e-mail's subject.
    subject = models.CharField(pgettext_lazy("OpenID Connect", "subject"), max_length=255)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation account")
        verbose_name_plural = _("organisation accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="%(app_label)s_%(class)s_unique_subject"
            ),
            models.CheckConstraint(
                condition=~models.Q(issuer="") & ~models.Q(subject=""),
                name="%(app_label)s_%(class)s_issuer_and_subject_given",
            ),
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject}"


# The audit trail of user accounts: every change of an account is kept (who, when, old and
# new values, the role included); the password hash is not copied into the history, and
# logins do not count as changes (services.record_last_login).
register(User, app=__package__, m2m_fields=["groups"], excluded_fields=["password", "last_login"])

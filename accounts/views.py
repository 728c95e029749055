"""Login, logout and the organisation's sign-in (mozilla-django-oidc's views, adapted)."""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import provider
from accounts.backends import NO_ROLE, OrganisationLoginRefused
from accounts.forms import PasswordLoginForm

logger = logging.getLogger(__name__)

FAILED = "failed"
UNAVAILABLE = "unavailable"


def refused_url(reason: str) -> str:
    return f"{reverse('oidc_refused')}?{urlencode({'reason': reason})}"


def require_oidc() -> None:
    if not settings.OIDC_ENABLED:
        raise Http404("OpenID Connect is not configured")


class LoginView(auth_views.LoginView):
    """The login page: the organisation's sign-in when configured, and the password form
    as far as DJANGO_LOCAL_LOGIN allows it."""

    authentication_form = PasswordLoginForm
    redirect_authenticated_user = True

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if settings.OIDC_ENABLED:
            # Most people use the organisation's button; focus stays at the top of the page.
            form.fields["username"].widget.attrs.pop("autofocus", None)
        return form

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "organisation_login": settings.OIDC_ENABLED,
            "local_login": settings.LOCAL_LOGIN,
        }


class LogoutView(auth_views.LogoutView):
    """Ends the session here and, after a sign-in through the organisation, at the provider
    too (OpenID Connect RP-Initiated Logout 1.0), which then sends the user back to login."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if not (settings.OIDC_ENABLED and id_token):
            return response
        try:
            end_session = provider.endpoint("end_session_endpoint")
        except provider.ProviderUnavailable:
            return response  # signed out here; the provider's session ends on its own
        if not end_session:
            return response
        query = urlencode(
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
                "client_id": settings.OIDC_RP_CLIENT_ID,
            }
        )
        return HttpResponseRedirect(f"{end_session}{'&' if '?' in end_session else '?'}{query}")


class OrganisationLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge."""

    def __init__(self, *args, **kwargs):
        # The parent reads its settings here; ours exist only with OIDC on (see get).
        View.__init__(self, *args, **kwargs)

    def get(self, request):
        require_oidc()
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.endpoint("authorization_endpoint")
        except provider.ProviderUnavailable:
            return HttpResponseRedirect(refused_url(UNAVAILABLE))
        return super().get(request)

    def get_extra_params(self, request):
        # Entra ID and Keycloak show their pages in the language the user chose here.
        return {**super().get_extra_params(request), "ui_locales": get_language()}


class OrganisationCallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back: the library checks the state and signs the user in;
    every refusal ends on one page that says why, in the user's language."""

    @property
    def failure_url(self):
        return refused_url(FAILED)

    def get(self, request):
        require_oidc()
        try:
            return super().get(request)
        except OrganisationLoginRefused as refusal:
            # The library kept the refused person's ID token for a logout that never comes.
            request.session.pop("oidc_id_token", None)
            return HttpResponseRedirect(refused_url(refusal.reason))
        except SuspiciousOperation as error:  # state, nonce, signature, expiry, issuer...
            logger.warning("organisation login refused: %s", error)
            return HttpResponseRedirect(refused_url(FAILED))
        except (provider.ProviderUnavailable, requests.RequestException) as error:
            logger.warning("organisation login failed at the provider: %s", error)
            return HttpResponseRedirect(refused_url(UNAVAILABLE))


class RefusedView(TemplateView):
    template_name = "accounts/refused.html"
    REASONS = {
        NO_ROLE: (
            403,
            _("No access with this account"),
            _(
                "Your organisation account has no role in the follow-up tracker. Ask the "
                "application's administrator to add you to the group for police staff, "
                "council members or administrators."
            ),
        ),
        FAILED: (
            400,
            _("Logging in failed"),
            _(
                "The answer of the organisation's sign-in could not be trusted or has "
                "expired. Nothing was changed. Please try again."
            ),
        ),
        UNAVAILABLE: (
            503,
            _("The organisation's sign-in is not available"),
            _("The organisation's sign-in did not answer. Please try again in a moment."),
        ),
    }

    def get(self, request, *args, **kwargs):
        require_oidc()
        status, title, text = self.REASONS.get(request.GET.get("reason"), self.REASONS[FAILED])
        context = self.get_context_data(title=title, text=text)
        return self.render_to_response(context, status=status)

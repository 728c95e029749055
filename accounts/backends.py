"""mozilla-django-oidc's backend, with the checks and the user rules of this project.

The library does the code exchange (with the PKCE verifier), fetches the provider's keys and
verifies the ID token's signature, algorithm and nonce. We add what it leaves out: the
issuer and audience of the token (OpenID Connect Core 3.1.3.7), expiry errors as a refused
login rather than a server error, users matched on (issuer, subject) only, and roles from the
groups claim.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import provider
from accounts.services import organisation_user_sync

logger = logging.getLogger(__name__)


class OrganisationLoginRefused(Exception):
    """A valid login that this application refuses; `reason` names the page to show.

    Not a SuspiciousOperation on purpose: the library turns those into a silent `None`,
    which django-axes would count as a failed password login from the user's address.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


NO_ROLE = "no-role"


class OrganisationBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The parent reads every endpoint here. Django builds a backend for each request of
        # a signed-in user, so ours are read from the discovery document only when a login
        # needs them (the properties below).
        ModelBackend.__init__(self, *args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802 - the library's attribute name
        return provider.endpoint("token_endpoint")

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return provider.endpoint("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return provider.endpoint("jwks_uri")

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password login whose URL carries a
        # `code` must never start a token exchange.
        if request is None or "nonce" not in kwargs or not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        # The library needs a key id. OpenID Connect Core 10.1 lets a provider leave it out
        # when its key set holds one signing key: use that key, and only then.
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        keys = [key for key in response.json().get("keys", []) if key.get("use", "sig") == "sig"]
        if len(keys) != 1:
            raise SuspiciousOperation("ID token without key id, and several provider keys")
        return jwt.PyJWK(keys[0])

    def verify_token(self, token, **kwargs):
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.InvalidTokenError as error:  # expired, not yet valid, malformed
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        if payload.get("iss") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer")
        audiences = payload.get("aud")
        audiences = [audiences] if isinstance(audiences, str) else list(audiences or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token issued to another client")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several clients, not authorised for us")
        return payload

    def claims(self, access_token, id_token, payload) -> dict:
        """The verified ID token's claims, completed by the userinfo endpoint if there is
        one (Entra ID puts groups only in the ID token, Keycloak may put them in both)."""
        if not self.OIDC_OP_USER_ENDPOINT:
            return dict(payload)
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):  # Core 5.3.2: must be the same person
            raise SuspiciousOperation("userinfo describes another subject than the ID token")
        return {**userinfo, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        if not payload.get("sub"):
            raise SuspiciousOperation("ID token without subject")
        claims = self.claims(access_token, id_token, payload)
        user, roles = organisation_user_sync(issuer=settings.OIDC_ISSUER, claims=claims)
        if not roles:
            logger.warning("organisation login refused: no mapped group in the claims")
            raise OrganisationLoginRefused(NO_ROLE)
        return user

    def get_user(self, user_id):
        # The library's get_user skips ModelBackend's is_active check: a user deactivated
        # here must lose their open sessions too.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

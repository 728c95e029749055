"""The provider's endpoints, read from its discovery document (OpenID Connect Discovery 1.0).

mozilla-django-oidc wants each endpoint as a setting; reading them from the provider means an
administrator configures one URL, and a provider that moves an endpoint or rolls its keys
needs no redeploy. The document is fetched when a login or logout needs it (never at start-up
or on ordinary requests) and kept in the cache for an hour.
"""

import hashlib
import logging

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

CACHE_SECONDS = 3600
REQUIRED = ("authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderUnavailable(Exception):
    """The provider did not answer, or answered with a document we cannot use."""


def _fetch(url: str) -> dict:
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"discovery document not available: {error}") from error
    # Discovery 1.0, 4.3: the issuer in the document must be the one we were configured with.
    if not isinstance(document, dict) or document.get("issuer") != settings.OIDC_ISSUER:
        raise ProviderUnavailable("discovery document names another issuer than OIDC_ISSUER")
    missing = [name for name in REQUIRED if not document.get(name)]
    if missing:
        raise ProviderUnavailable(f"discovery document lacks {', '.join(missing)}")
    return document


def metadata() -> dict:
    url = settings.OIDC_DISCOVERY_URL
    key = "oidc-discovery:" + hashlib.sha256(url.encode()).hexdigest()
    document = cache.get(key)
    if document is None:
        try:
            document = _fetch(url)
        except ProviderUnavailable:
            logger.exception("OpenID Connect provider unavailable")
            raise
        cache.set(key, document, CACHE_SECONDS)
    return document


def endpoint(name: str) -> str:
    """One endpoint of the provider, e.g. `token_endpoint`; '' when it has none."""
    return metadata().get(name) or ""

"""Middleware every app relies on."""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    """Whatever a logged-in user receives (pages, exports, downloads, the admin) says
    `Cache-Control: private, no-store`: a staff list must not stay in a shared proxy's cache
    or on a shared computer's disk after logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than the largest upload allowed
    (REQUEST_MAX_BYTES), with a Dutch page and 413, before anything reads the body. Bodies
    sent without a length are cut off by core.uploads.LimitedUploadHandler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            limit = settings.UPLOAD_MAX_BYTES // 1_000_000
            response = render(request, "413.html", {"limit": limit}, status=413)
            # The client may still be sending: do not keep the connection for its rest.
            response["Connection"] = "close"
            return response
        return self.get_response(request)

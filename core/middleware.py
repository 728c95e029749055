"""Middleware every app relies on."""

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

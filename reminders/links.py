"""Absolute links for e-mails: to a page, or to the form that settles something and back."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str, **query) -> str:
    """`path` on this site (settings.SITE_URL), with `query` as its query string."""
    return f"{settings.SITE_URL}{path}{'?' + urlencode(query) if query else ''}"


def my_work_path() -> str:
    return reverse("reminders:my_work")


def settle_url(url_name: str, pk: int) -> str:
    """The form `url_name` of record `pk`, returning to "Mijn werk" once saved."""
    return absolute_url(reverse(url_name, args=[pk]), next=my_work_path())

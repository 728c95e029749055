"""The view base classes of every app: a list, a detail page and a form page, and pages
that show cached HTML.

Every page needs a login and the model permission it names (`permission_required`),
checked on the server. Pages read through the app's selectors (`get_queryset`) and write
through its services (`save(form)` on form pages).
"""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.concurrency import ConcurrencyGuardMixin
from core.exports import SafeExportMixin
from core.figure_cache import CachedHtml
from core.tables import CachedCountMixin


class PermissionRequired(LoginRequiredMixin, PermissionRequiredMixin):
    """Logged in and holding `permission_required`."""


class PutsCachedHtml:
    """A template view whose context holds HTML from cached_html: its bytes go in place of
    its mark once the page is rendered (core.figure_cache.CachedHtml)."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.add_post_render_callback(_put_cached_html)
        return response


def _put_cached_html(response) -> None:
    for value in response.context_data.values():
        if isinstance(value, CachedHtml):
            head, mark, tail = response.content.partition(value.mark.encode())
            if mark:
                response.content = b"".join((head, value.encoded, tail))


class ListPage(PermissionRequired, SafeExportMixin, CachedCountMixin, SingleTableMixin, FilterView):
    """A filtered, sorted, paginated table, exportable as CSV and XLSX."""

    table_pagination = {"per_page": 50}


class DetailPage(PermissionRequired, DetailView):
    """One record with everything the page shows, from `get_queryset()` (a selector)."""


class FormPage(PermissionRequired, ConcurrencyGuardMixin):
    """A page with one form, mixed with CreateView, UpdateView or FormView. `save(form)`
    calls the app's service; `heading` names what the form does, `subject` what it is
    about, and `notice` is shown above the form. A link that opens the form with `?next=`
    (a path on this site, e.g. from "Mijn werk") is where saving and cancelling lead."""

    template_name = "form_page.html"
    heading = ""
    notice = ""

    def get_subject(self):
        return None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", self.heading)
        kwargs.setdefault("notice", self.notice)
        kwargs.setdefault("subject", self.get_subject())
        kwargs.setdefault("next_url", self.next_url())
        kwargs.setdefault("cancel_url", self.next_url() or self.get_cancel_url())
        return super().get_context_data(**kwargs)

    def next_url(self) -> str:
        """The page to return to, when the link named one: only a path on this site."""
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        return url if url.startswith("/") and url_has_allowed_host_and_scheme(url, None) else ""

    def form_valid(self, form):
        response = super().form_valid(form)
        if isinstance(response, HttpResponseRedirect) and self.next_url():
            return HttpResponseRedirect(self.next_url())
        return response

    def get_cancel_url(self):
        subject = self.get_subject()
        return subject.get_absolute_url() if subject is not None else self.get_success_url()

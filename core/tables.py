"""Table columns and pagination shared by the apps' list pages."""

import datetime
import hashlib
from collections.abc import Callable

import django_tables2 as tables
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django_tables2.columns import library

from core.figure_cache import cached_figures

EMPTY = (None, "")


class FormattedInPython:
    """For django-tables2's date and date-time columns: the originals compile a template
    for every cell, a third of a list page's time with three date columns."""

    short_format, long_format = "SHORT_DATE_FORMAT", "DATE_FORMAT"

    def __init__(self, format=None, short=True, *args, **kwargs):
        super().__init__(format, short, *args, **kwargs)
        self.format = format or (self.short_format if short else self.long_format)

    def render(self, value, bound_column):
        # Empty values come here too, as to the parent's template: on screen and in exports.
        if value in EMPTY:
            return bound_column.default
        return formats.date_format(self.local(value), self.format)

    def local(self, value):
        return value


@library.register  # registered, so the models' date fields get it too
class DateColumn(FormattedInPython, tables.DateColumn):
    pass


@library.register
class DateTimeColumn(FormattedInPython, tables.DateTimeColumn):
    """Shown in the local time zone."""

    short_format, long_format = "SHORT_DATETIME_FORMAT", "DATETIME_FORMAT"

    def local(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value)
        return value


@library.register  # registered, so the models' boolean fields get it too
class YesNoColumn(tables.BooleanColumn):
    """django-tables2's ✔/✘, with the word for screen readers, which read the glyphs as
    "check mark" and "ballot x" or not at all."""

    def render(self, value, record, bound_column):
        value = self._get_bool_value(record, value, bound_column)
        return format_html(
            '<span class="{}"><span aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span></span>',
            str(value).lower(),
            self.yesno[int(not value)],
            gettext("yes") if value else gettext("no"),
        )


def query_key(queryset: QuerySet) -> str:
    """A short key for what the queryset reads: a hash of its SQL and parameters."""
    return hashlib.sha256(repr(queryset.query.sql_with_params()).encode()).hexdigest()


def cached_count(queryset: QuerySet) -> int:
    """`queryset.count()`, once per data state (figure_cache) and query."""
    try:
        key = query_key(queryset)
    except EmptyResultSet:  # a filter that matches nothing by construction
        return 0
    return cached_figures("list-count", queryset.count, key)


class CountedPaginator(Paginator):
    """A paginator told how to count, rather than counting its (table's) rows itself."""

    def __init__(self, *args, count: Callable[[], int], **kwargs):
        super().__init__(*args, **kwargs)
        self._count = count

    @cached_property
    def count(self):
        return self._count()


class CachedCountMixin:
    """For a SingleTableMixin list: the result count and the page links count the rows once
    per data state and filter (figure_cache), not on every page."""

    def get_table_pagination(self, table):
        pagination = super().get_table_pagination(table)
        if pagination is False:
            return pagination
        return {
            **pagination,
            "paginator_class": CountedPaginator,
            "count": lambda: cached_count(self.object_list),
        }

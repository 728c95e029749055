"""`{% load table_rows %}`: `{% table_rows table %}`, the body rows of a django-tables2 table,
and `{% chart_rows rows %}`, those of a chart's table alternative (templates/includes/chart.html).

The same HTML as django-tables2's row loop, built in Python: with a few hundred cells a page,
the template loop (cell attributes recomputed for every cell) was half a table's time.
Cell attributes are read once per column, so they cannot depend on the row, and a column's
`localize` option is not supported; no table here uses either.
"""

import functools

from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    columns = [(column, column.attrs["td"].as_html()) for column in table.columns]
    return mark_safe(  # noqa: S308 - each cell escaped below, attributes by django-tables2
        "".join(
            f"<tr {row.attrs.as_html()}>"
            + "".join(
                # As `{{ cell }}`: localised and escaped.
                f"<td {attrs}>{render_value_in_context(row.get_cell(column.name), context)}</td>"
                for column, attrs in columns
            )
            + "</tr>"
            for row in table.paginated_rows
        )
    )


@register.simple_tag(takes_context=True)
def chart_rows(context, rows):
    """A row per label: the label as the row's header, then a number per series. The same
    HTML as the template loop it replaced (tests/test_chart_rows.py); each distinct value is
    localised once per call, as charts repeat the same counts month after month."""
    # Typed: 1, 1.0 and True are equal keys but are shown as "1", "1,0" and "True".
    shown = functools.lru_cache(maxsize=None, typed=True)(
        lambda value: render_value_in_context(value, context)
    )

    return mark_safe(  # noqa: S308 - every cell escaped by render_value_in_context
        "".join(
            f'<tr><th scope="row">{shown(label)}</th>'
            + "".join(f'<td class="number">{shown(cell)}</td>' for cell in cells)
            + "</tr>"
            for label, *cells in rows
        )
    )

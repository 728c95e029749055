"""The per-unit rows of the coverage page: a row per unit, a cell per module, so 22,000
cells for 1,110 units and 20 modules at national scale. Formatting the numbers (grouping,
decimal comma) was most of the page's rendering time, so each distinct number is formatted
once per rendering. The HTML is what the template loop gave
(tests/training/test_coverage_rows.py).
"""

import functools

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def unit_rows(rows: list[dict]) -> str:
    # Per call: the language, and so the formatting, is fixed within one rendering. Typed:
    # 1 and 1.0 are equal keys but are not formatted alike.
    grouped = functools.lru_cache(maxsize=None, typed=True)(lambda value: escape(intcomma(value)))
    decimal = functools.lru_cache(maxsize=None, typed=True)(lambda value: escape(localize(value)))

    def cell(item: dict) -> str:
        text = grouped(item["shown"])
        if item["shown_percent"] is not None:
            text += f" ({decimal(item['shown_percent'])}%)"
        return f'<td class="number">{text}</td>'

    return mark_safe(  # noqa: S308 - the unit's name and every number escaped above
        "".join(
            f'<tr><th scope="row">{escape(row["unit"].name)}</th>'
            f'<td class="number">{grouped(row["headcount"])}</td>'
            + "".join(map(cell, row["modules"]))
            + "</tr>"
            for row in rows
        )
    )

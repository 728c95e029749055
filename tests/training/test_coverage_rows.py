"""The coverage page's per-unit rows, built by `{% unit_rows %}`, are the HTML the template
loop gave, in Dutch and in English, with hidden figures and names that need escaping."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation

from core.disclosure import MARK
from tests.html import without_layout

# The loop the tag replaced (training/templates/training/coverage_content.html).
LOOP = """{% load humanize %}{% for row in by_unit %}
  <tr><th scope="row">{{ row.unit.name }}</th><td class="number">{{ row.headcount|intcomma }}</td>
    {% for cell in row.modules %}<td class="number">{{ cell.shown|intcomma }}{% if cell.shown_percent is not None %} ({{ cell.shown_percent }}%){% endif %}</td>{% endfor %}</tr>
  {% endfor %}"""  # noqa: E501 - as it stood in the template

ROWS = [
    {
        "unit": SimpleNamespace(name="Dienst <Wijk> & Co \"Noord\" 'x'"),
        "headcount": 12345,
        "modules": [
            {"shown": 1234, "shown_percent": 10.0},
            {"shown": MARK, "shown_percent": None},
            {"shown": 0, "shown_percent": 0.0},
            {"shown": 7, "shown_percent": 33.3},
        ],
    },
    {
        "unit": SimpleNamespace(name="Zuid"),
        "headcount": 0,
        "modules": [
            {"shown": 0, "shown_percent": None},
            {"shown": 1234, "shown_percent": 100.0},
            {"shown": 1000000, "shown_percent": 12.5},
            {"shown": 7, "shown_percent": 33.3},
        ],
    },
]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_are_the_loops_html(language):
    django = engines["django"]
    with translation.override(language):
        expected = django.from_string(LOOP).render({"by_unit": ROWS})
        built = django.from_string("{% load coverage_rows %}{% unit_rows by_unit %}").render(
            {"by_unit": ROWS}
        )
    assert without_layout(built) == without_layout(expected)
    assert "&lt;Wijk&gt; &amp; Co" in built  # escaped, not taken as markup
    assert ("1.234 (10,0%)" if language == "nl" else "1,234 (10.0%)") in built

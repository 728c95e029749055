"""A chart's table alternative, built by `{% chart_rows %}`, is the HTML the template loop
gave, in Dutch and in English, with labels that need escaping and numbers of every kind."""

import pytest
from django.template import engines
from django.utils import translation

from tests.html import without_layout

# The loop the tag replaced (templates/includes/chart.html).
LOOP = (
    "{% for row in rows %}<tr>{% for cell in row %}{% if forloop.first %}"
    '<th scope="row">{{ cell }}</th>{% else %}<td class="number">{{ cell }}</td>{% endif %}'
    "{% endfor %}</tr>{% endfor %}"
)
ROWS = [
    ["01/2024", 1234, 0, 12.5],
    ["<b>Q1</b> & 'x'", 1234, 1234.0, True],
    ["02/2024", 1000000, 0.5, 0],
    # Equal as keys, not as text: 1.0 is "1,0" in Dutch, True is "True".
    ["03/2024", 1.0, True, 1],
]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_are_the_loops_html(language):
    django = engines["django"]
    with translation.override(language):
        expected = django.from_string(LOOP).render({"rows": ROWS})
        built = django.from_string("{% load table_rows %}{% chart_rows rows %}").render(
            {"rows": ROWS}
        )
    assert without_layout(built) == without_layout(expected)
    assert "&lt;b&gt;Q1&lt;/b&gt; &amp;" in built  # escaped, not taken as markup
    half = "12,5" if language == "nl" else "12.5"
    assert f'<td class="number">{half}</td>' in built

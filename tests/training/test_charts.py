"""The shared SVG chart helper (profiling_followup/charts.py), used here and on the dashboard."""

from django.template.loader import render_to_string
from django.utils import translation

from core.charts import bar_chart, line_chart


def months_chart():
    return line_chart(
        chart_id="trend",
        title="Opgeleid",
        description="Per maand",
        table_label="Tabel",
        x_label="Maand",
        labels=["01/2024", "02/2024", "03/2024"],
        series=[("Module 1", [0, 12.5, 40]), ("Module 2", [0, 0, 7])],
    )


def test_line_chart_scales_to_a_round_maximum_and_keeps_a_table():
    chart = months_chart()
    assert [tick["label"] for tick in chart["y_ticks"]] == ["0", "12.5", "25", "37.5", "50"]
    first, second = chart["series"]
    # x from the left margin to the right one, y = 0 on the baseline.
    assert first["points"].split()[0] == "48.0,240.0"
    assert first["points"].split()[-1] == "624.0,60.8"
    assert (first["css"], second["css"]) == ("series-0", "series-1")
    assert chart["table"]["headers"] == ["Maand", "Module 1", "Module 2"]
    assert chart["table"]["rows"][1] == ["02/2024", 12.5, 0]


def test_bar_chart_heights_are_proportional():
    chart = bar_chart(
        chart_id="bars",
        title="Per dienst",
        description="Aantal",
        table_label="Tabel",
        x_label="Dienst",
        value_label="Aantal",
        labels=["A", "B"],
        values=[100, 50],
    )
    heights = [float(bar["height"]) for bar in chart["bars"]]
    assert heights == [224.0, 112.0]
    assert chart["table"]["rows"] == [["A", 100], ["B", 50]]


def test_the_include_renders_accessible_svg_without_inline_style_or_locale_commas():
    with translation.override("nl-be"):
        html = render_to_string("includes/chart.html", {"chart": months_chart()})
    assert '<title id="trend-title">Opgeleid</title>' in html
    assert '<desc id="trend-desc">Per maand</desc>' in html
    assert 'aria-labelledby="trend-title trend-desc"' in html
    assert "style=" not in html
    assert 'points="48.0,240.0 336.0,184.0 624.0,60.8"' in html
    assert "<table" in html and "<summary>Tabel</summary>" in html


def test_a_chart_without_figures_says_so_instead_of_drawing_axes():
    empty = bar_chart(
        chart_id="none",
        title="Afgerond",
        description="Per maand",
        table_label="Tabel",
        x_label="Maand",
        value_label="Aantal",
        labels=["01/2024", "02/2024"],
        values=[0, 0],
    )
    assert empty["empty"] and not months_chart()["empty"]
    with translation.override("nl-be"):
        html = render_to_string("includes/chart.html", {"chart": empty})
    assert "Geen gegevens voor deze periode." in html
    assert "<svg" not in html and "<table" not in html
    assert "<figcaption" in html and "Afgerond" in html


def test_colours_are_attributes_too_for_the_pdf():
    # WeasyPrint applies no document CSS inside inline SVG.
    html = render_to_string("includes/chart.html", {"chart": months_chart()})
    assert 'class="line series-0" fill="none" stroke="#1f4e79"' in html
    assert 'class="line series-1" fill="none" stroke="#c0504d"' in html


def test_month_labels_neither_crowd_nor_run_off_the_right_edge():
    labels = [f"{month:02d}/2024" for month in range(1, 13)] + ["01/2025", "02/2025"]
    chart = line_chart(
        chart_id="trend",
        title="t",
        description="d",
        table_label="t",
        x_label="Maand",
        labels=labels,
        series=[("m1", list(range(14)))],
        label_every=3,
    )
    ticks = [(tick["label"], tick["anchor"]) for tick in chart["x_ticks"]]
    # Every third month, but not 01/2025 right before the last one.
    assert ticks == [
        ("01/2024", "middle"),
        ("04/2024", "middle"),
        ("07/2024", "middle"),
        ("10/2024", "middle"),
        ("02/2025", "end"),
    ]

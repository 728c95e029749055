"""Server-side SVG charts for `templates/includes/chart.html`.

No JavaScript and no inline styles (the CSP forbids both): the functions return geometry
as pre-formatted strings (so number localisation cannot turn 12.5 into "12,5" inside SVG
attributes) and the template draws it with CSS classes and the same colours as SVG
presentation attributes (WeasyPrint does not apply a document's CSS inside inline SVG, so
the PDF report needs them). Every chart also carries a table of the same figures, the
accessible alternative, and says whether it has any figure to draw (`empty`). Texts come
translated from the caller.
"""

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
TICKS = 4
# .series-0 .. .series-5 in app.css, the same colours.
SERIES_COLOURS = ("#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#d08a00", "#4bacc6")
SERIES_CLASSES = len(SERIES_COLOURS)


def _series_style(index: int) -> dict:
    return {
        "css": f"series-{index % SERIES_CLASSES}",
        "colour": SERIES_COLOURS[index % SERIES_CLASSES],
    }


def _nice_max(value: float) -> int:
    """A round axis maximum at or above `value` (1, 2, 5 times a power of ten)."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    raise AssertionError("unreachable")


def _fmt(number: float) -> str:
    return f"{number:.1f}"


def _frame(chart_id: str, title: str, description: str, table_label: str, top: float) -> dict:
    plot_height = HEIGHT - TOP - BOTTOM
    y_ticks = []
    for index in range(TICKS + 1):
        value = top * index / TICKS
        y = TOP + plot_height * (1 - index / TICKS)
        y_ticks.append({"y": _fmt(y), "label": f"{value:g}"})
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "table_label": table_label,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": _fmt(HEIGHT - BOTTOM),
        "label_y": _fmt(HEIGHT - BOTTOM + 18),
        "y_ticks": y_ticks,
    }


def _x_tick(x: float, label: str) -> dict:
    """A label under the x axis, centred, or ending at the right edge rather than past it."""
    return {
        "x": _fmt(min(x, WIDTH - 2)),
        "label": label,
        "anchor": "end" if x > WIDTH - 48 else "middle",
    }


def _labelled(index: int, count: int, every: int) -> bool:
    """Every `every`th x label and the last one, but none so close to the last that the two
    would overlap."""
    last = count - 1
    return index == last or (index % every == 0 and last - index >= every)


def _y(value: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _is_number(value) -> bool:
    return isinstance(value, int | float)


def _numbers(values) -> list:
    return [value for value in values if _is_number(value)]


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    table_label: str,
    x_label: str,
    labels: list[str],
    series: list[tuple[str, list[float]]],
    label_every: int = 1,
) -> dict:
    """Several series over the same x labels (e.g. months); one polyline per series. A
    hidden figure (core.disclosure.MARK, not a number) is shown as such in the table and
    left out of the line."""
    top = _nice_max(max((max(_numbers(values), default=0) for _, values in series), default=0))
    chart = _frame(chart_id, title, description, table_label, top)
    step = (WIDTH - LEFT - RIGHT) / max(len(labels) - 1, 1)
    xs = [LEFT + step * index for index in range(len(labels))]
    chart["kind"] = "line"
    chart["x_ticks"] = [
        _x_tick(x, label)
        for index, (x, label) in enumerate(zip(xs, labels, strict=True))
        if _labelled(index, len(labels), label_every)
    ]
    chart["empty"] = not any(value for _, values in series for value in _numbers(values))
    chart["series"] = [
        {
            "label": label,
            **_series_style(index),
            "points": " ".join(
                f"{_fmt(x)},{_fmt(_y(value, top))}"
                for x, value in zip(xs, values, strict=True)
                if _is_number(value)
            ),
        }
        for index, (label, values) in enumerate(series)
    ]
    chart["table"] = {
        "headers": [x_label, *(label for label, _ in series)],
        "rows": [
            [label, *(values[index] for _, values in series)] for index, label in enumerate(labels)
        ],
    }
    return chart


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    table_label: str,
    x_label: str,
    value_label: str,
    labels: list[str],
    values: list[float],
    label_every: int = 1,
) -> dict:
    """One bar per label; every `label_every`th label (and the last) written under it."""
    top = _nice_max(max(values, default=0))
    chart = _frame(chart_id, title, description, table_label, top)
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    chart["kind"] = "bar"
    chart["empty"] = not any(values)
    chart["bars"] = []
    chart["x_ticks"] = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = LEFT + slot * index + slot * 0.15
        y = _y(value, top)
        chart["bars"].append(
            {
                "x": _fmt(x),
                "y": _fmt(y),
                "width": _fmt(slot * 0.7),
                "height": _fmt(HEIGHT - BOTTOM - y),
                "label": label,
                "value": value,
                **_series_style(index),
            }
        )
        if _labelled(index, len(labels), label_every):
            chart["x_ticks"].append(_x_tick(x + slot * 0.35, label))
    chart["table"] = {
        "headers": [x_label, value_label],
        "rows": [[label, value] for label, value in zip(labels, values, strict=True)],
    }
    return chart

"""What a reader gets from a page, read from its HTML: its text, its headings and the text
under each, its tables, the data its forms submit.

Tests read rendered HTML through these rather than searching the markup, so that a heading
that reads wrong or a figure in the wrong section fails, whatever the markup around it.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED = {"script", "style", "template"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._open: list[list[list[str]]] = []  # tables being read (nested ones too)
        self._cell: list[str] | None = None
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skipping += 1
        elif tag == "table":
            self._open.append([])
        elif tag == "tr" and self._open:
            self._open[-1].append([])
        elif tag in ("td", "th") and self._open:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skipping -= 1
        elif tag in ("td", "th") and self._cell is not None and self._open:
            self._open[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._open:
            self.tables.append(self._open.pop())

    def handle_data(self, data):
        if self._skipping:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def without_layout(html: str) -> str:
    """The HTML without the whitespace between tags: two renderings of the same rows, by a
    template loop and by a tag, compare equal through it."""
    return re.sub(r">\s+<", "><", html).strip()


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def page_text(html: str) -> str:
    """The visible text, white space folded."""
    return " ".join(" ".join(read(html).text).split())


def tables(html: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header rows included), in document order."""
    return read(html).tables


def table_after(html: str, heading: str) -> list[list[str]]:
    """The first table after the heading with this text."""
    position = html.index(f">{heading}<")
    return tables(html[position:])[0]


class _FormReader(HTMLParser):
    """The values a browser would submit for one form (no button pressed)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.data: list[tuple[str, str]] = []
        self._inside = False
        self._select: str | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("id") == self.form_id
        if not self._inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self.data.append((name, "".join(text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)


def form_data(html: str, form_id: str) -> dict[str, list[str]]:
    """What submitting the form with this id sends: name -> values, as a browser would."""
    reader = _FormReader(form_id)
    reader.feed(html)
    reader.close()
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data


class _ElementReader(HTMLParser):
    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self, element_id: str):
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0  # inside the element when > 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in self.VOID
        elif dict(attrs).get("id") == self.element_id and tag not in self.VOID:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def labels(html: str) -> list[str]:
    """The text of every <label>, tags and runs of whitespace squashed."""
    return [
        _squash(re.sub(r"<[^>]+>", "", label))
        for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    ]


def element_text(html: str, element_id: str) -> str:
    """The text of the element with this id, white space folded."""
    reader = _ElementReader(element_id)
    reader.feed(html)
    reader.close()
    assert reader.text, f"no element #{element_id} with text"
    return " ".join("".join(reader.text).split())


# --- headings and the text under each ---------------------------------------------------

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that start a new line of text.
BLOCKS = {
    "p",
    "div",
    "li",
    "tr",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "header",
    "figure",
    "figcaption",
    "caption",
    "table",
    "ul",
    "ol",
    "dl",
    "br",
    "nav",
    "form",
    "summary",
    "details",
    "main",
    "footer",
    "label",
    "option",
}
# Elements whose content a reader never sees as text.
HIDDEN = {"script", "style", "title", "template", "head", "svg"}


@dataclass
class Section:
    level: int
    heading: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _OutlineReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [Section(0, "")]
        self.hidden = 0
        self.heading: list[str] | None = None
        self.line: list[str] = []

    def _end_line(self):
        text = _squash("".join(self.line))
        if text:
            self.sections[-1].lines.append(text)
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in HEADINGS:
            self._end_line()
            self.heading = []
        elif tag in BLOCKS:
            self._end_line()
        elif tag in ("td", "th"):
            self.line.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._end_line()

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden -= 1
        elif tag in HEADINGS and self.heading is not None:
            self.sections.append(Section(HEADINGS[tag], _squash("".join(self.heading))))
            self.heading = None
        elif tag in BLOCKS:
            self._end_line()

    def handle_data(self, data):
        if self.hidden:
            return
        (self.heading if self.heading is not None else self.line).append(data)


def outline(html: str) -> list[Section]:
    """Every heading with the lines of text up to the next heading, in document order."""
    reader = _OutlineReader()
    reader.feed(html)
    reader.close()
    reader._end_line()
    return reader.sections


def section(html: str, heading: str, level: int | None = None) -> str:
    """The text under `heading` (exactly as read; the first of that `level` if given), its
    sub-sections included: up to the next heading of the same or a higher level."""
    sections = outline(html)
    for index, candidate in enumerate(sections):
        if candidate.heading == heading and level in (None, candidate.level):
            lines = list(candidate.lines)
            for inner in sections[index + 1 :]:
                if inner.level <= candidate.level:
                    break
                lines += [inner.heading, *inner.lines]
            return "\n".join(lines)
    headings = [candidate.heading for candidate in sections]
    raise AssertionError(f"no heading {heading!r}; the page has {headings}")


def headings(html: str, level: int) -> list[str]:
    return [candidate.heading for candidate in outline(html) if candidate.level == level]


def outline_text(html: str) -> str:
    return "\n".join(
        line for candidate in outline(html) for line in [candidate.heading, *candidate.lines]
    )

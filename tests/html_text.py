"""A page as the text a reader gets: headings and the text under each, in document order.

Tests read rendered HTML through this rather than searching the markup, so that a heading
that reads wrong ("… as of 2023-05-01 07:00:00+00:00") or a figure in the wrong section
fails, whatever the markup around it.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that start a new line of text.
BLOCKS = {
    "p", "div", "li", "tr", "dt", "dd", "blockquote", "section", "article", "header",
    "figure", "figcaption", "caption", "table", "ul", "ol", "dl", "br", "nav", "form",
    "summary", "details", "main", "footer", "label", "option",
}  # fmt: skip
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


class _Reader(HTMLParser):
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
    reader = _Reader()
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


def text(html: str) -> str:
    return "\n".join(
        line for candidate in outline(html) for line in [candidate.heading, *candidate.lines]
    )

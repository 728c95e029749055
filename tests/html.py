"""What a reader gets from a page: its text and its tables, read from the HTML."""

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

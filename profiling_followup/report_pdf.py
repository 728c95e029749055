"""The committee report as a PDF, drawn on the server with WeasyPrint (Pango underneath).

A4 pages numbered "page n of m", the "state on" date and the title in the running header,
a table of contents with page numbers, and the charts as vectors (the report's SVG). The
PDF is what the council attaches to its public meeting file, so it is always rendered as a
council member sees the report: figures about people suppressed, no staff names (the
report names none). WeasyPrint fetches nothing: the document has no external resource and
every URL is refused, so text typed into a record cannot make the server fetch a file.
"""

import functools
import re
from datetime import date
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

STYLESHEET = "css/report-pdf.css"


@functools.cache
def _weasyprint():
    """Imported on first use: loading Pango costs the web workers nothing until a PDF is
    asked for."""
    import weasyprint

    return weasyprint


@functools.cache
def _stylesheet():
    weasyprint = _weasyprint()
    css = Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")
    return weasyprint.CSS(string=css, url_fetcher=weasyprint.URLFetcher(allowed_protocols=()))


def _css_string(text: str) -> str:
    return '"{}"'.format(text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " "))


def _margin_texts(context: dict) -> str:
    """The page margins' texts, translated: title, "state on" date, "page n of m"."""
    state = _("State on %(date)s") % {
        "date": date_format(context["report"]["meeting_date"], "SHORT_DATE_FORMAT")
    }
    # "Page %(page)s of %(pages)s" around the two page counters, in the translation's words.
    before, between, after = re.split(r"%\((?:page|pages)\)s", _("Page %(page)s of %(pages)s"))
    return (
        f"@page {{ @top-left {{ content: {_css_string(context['title'])}; }}"
        f" @top-right {{ content: {_css_string(state)}; }}"
        f" @bottom-right {{ content: {_css_string(before)} counter(page) {_css_string(between)}"
        f" counter(pages) {_css_string(after)}; }} }}"
    )


def render_pdf(context: dict) -> bytes:
    """The PDF of `reports/frozen_document.html` with `context` (reports.report_context)."""
    weasyprint = _weasyprint()
    html = render_to_string("reports/frozen_document.html", context)
    refuse_all = weasyprint.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, url_fetcher=refuse_all)
    margins = weasyprint.CSS(string=_margin_texts(context), url_fetcher=refuse_all)
    # Tagged PDF: headings, lists and tables reach screen readers as such.
    return document.write_pdf(stylesheets=[_stylesheet(), margins], pdf_tags=True)


def pdf_filename(meeting_date: date) -> str:
    """E.g. 20240219_commissierapport-opvolging-professioneel-profileren.pdf, in the style of
    the files of the council's meeting bundle."""
    name = slugify(_("committee report follow-up professional profiling"))
    return f"{meeting_date:%Y%m%d}_{name}.pdf"

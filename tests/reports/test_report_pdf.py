"""The committee report as a PDF (WeasyPrint): read back with pypdf, as a reader gets it.

On the demo data (the committee of 19/02/2024): A4 pages, numbered, with the "state on"
date, a table of contents with page numbers, the charts as vectors, the HTML report's
figures, small numbers suppressed and no staff names; and the frozen report of a meeting
stored as that PDF with its SHA-256.
"""

import datetime
import hashlib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from profiling_followup.models import FrozenReport
from tests.conftest import logged_in
from tests.html import section
from training.models import StaffMember

MEETING = datetime.date(2024, 2, 19)
A4_POINTS = (595, 842)  # 210 x 297 mm

# django_db on every test, those that only read the module's PDF included: pytest-django
# runs database tests before the transactional ones, which empty the tables.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read(pdf: bytes) -> tuple[PdfReader, list[str]]:
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


def bookmark_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += bookmark_titles(item) if isinstance(item, list) else [item.title]
    return titles


@pytest.fixture(scope="module")
def pdf_response(demo_data, django_db_blocker):
    """The demo council member's PDF of the meeting, rendered once for the module (3 s)."""
    with django_db_blocker.unblock():
        council = get_user_model().objects.get(username="raadslid")
        response = logged_in(council).get(
            reverse("committee_report_pdf"), {"date": MEETING.isoformat()}
        )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


@pytest.fixture(scope="module")
def pages(pdf_response) -> list[str]:
    return read(pdf_response.content)[1]


def test_the_pdf_is_a4_with_numbered_pages_and_the_state_date(pdf_response, pages):
    reader, _ = read(pdf_response.content)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_POINTS
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in text
    assert "Toestand op het einde van 19/02/2024" in pages[0]
    # Every later page says which state it shows.
    assert all("Toestand op 19/02/2024" in text for text in pages[1:])
    assert reader.metadata.title == "Opvolging professioneel profileren: commissie van 19/02/2024"
    assert (
        'filename="20240219_commissierapport-opvolging-professioneel-profileren.pdf"'
        in (pdf_response["Content-Disposition"])
    )


def test_the_contents_give_the_page_each_section_starts_on(pdf_response, pages):
    contents = pages[0]
    entries = re.findall(r"^(\S.*?) ?\.{3,} ?(\d+)$", contents, re.MULTILINE)
    titles = [title for title, _ in entries]
    assert titles[0] == "Aanbevelingen en wat ermee gebeurde"
    assert titles[-2:] == ["Opleiding", "Systematische identiteitscontroles"]
    for title, number in entries:
        assert title in pages[int(number) - 1].splitlines(), (title, number)
    # The PDF's bookmarks follow the same headings.
    reader, _ = read(pdf_response.content)
    bookmarks = bookmark_titles(reader.outline)
    assert bookmarks[:3] == [
        "Opvolging professioneel profileren: commissie van 19/02/2024",
        "Inhoud",
        "Aanbevelingen en wat ermee gebeurde",
    ]
    assert bookmarks[-2:] == ["Opleiding", "Systematische identiteitscontroles"]


def test_the_charts_are_vectors_not_pictures(pdf_response, pages):
    reader, _ = read(pdf_response.content)
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        objects = resources.get("/XObject") or {}
        kinds = {objects[name].get_object().get("/Subtype") for name in objects}
        assert "/Image" not in kinds
    text = squash(" ".join(pages))
    # The chart of staff trained: its axis labels are text drawn in the page.
    assert "Opgeleide medewerkers per module" in text
    assert "02/2024" in text


def test_the_pdf_holds_the_figures_of_the_html_report(pages, council_client):
    html = council_client.get(reverse("committee_report"), {"date": MEETING.isoformat()})
    text = squash(" ".join(pages))
    training = section(html.content.decode(), "Opleiding")
    id_checks = section(html.content.decode(), "Systematische identiteitscontroles", level=2)
    rows = [
        line
        for line in (training + "\n" + id_checks).splitlines()
        if re.search(r"\d", line) and not re.match(r"\d\d/\d{4} ", line)  # chart tables aside
    ]
    assert any("714" in row for row in rows) and any("Totaal 14" in row for row in rows)
    for row in rows:
        assert squash(row) in text, row


def test_the_pdf_suppresses_small_numbers_and_names_no_one(db, staff_client, police_user):
    from tests.factories import CompletionFactory, ModuleFactory, StaffMemberFactory

    rare = ModuleFactory(code="zeldzaam", name="Zeldzame module")
    for member in StaffMemberFactory.create_batch(3):
        CompletionFactory(staff=member, module=rare, completed_on=datetime.date(2024, 1, 10))
    # Whoever asks, police staff included: the PDF is for the council.
    response = staff_client.get(reverse("committee_report_pdf"), {"date": MEETING.isoformat()})
    text = squash(" ".join(read(response.content)[1]))
    assert "zeldzaam Zeldzame module x" in text
    names = [user.get_full_name() for user in get_user_model().objects.all()]
    names += list(StaffMember.objects.values_list("name", flat=True))
    assert [name for name in names if name and name in text] == []


def test_the_report_page_links_to_its_pdf(db, council_client):
    page = council_client.get(reverse("committee_report"), {"date": MEETING.isoformat()})
    link = f'href="{reverse("committee_report_pdf")}?date=2024-02-19"'
    assert link in page.content.decode()


def test_a_wrong_date_gives_no_pdf(db, council_client):
    response = council_client.get(reverse("committee_report_pdf"), {"date": "2024-02-30"})
    assert response.status_code == 404


def test_the_frozen_report_is_stored_as_pdf_with_its_sha256(db, admin_client, council_client):
    response = admin_client.post(reverse("frozen_report_create"), {"date": MEETING.isoformat()})
    assert response.status_code == 302
    frozen = FrozenReport.objects.get(meeting_date=MEETING)
    pdf = bytes(frozen.pdf)
    assert frozen.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    _, pages = read(pdf)
    assert "714 collega's volgden Module 1" in squash(" ".join(pages))

    listing = council_client.get(reverse("frozen_report_list")).content.decode()
    assert frozen.pdf_sha256 in listing
    download = council_client.get(reverse("frozen_report_pdf", args=[MEETING.isoformat()]))
    assert download.content == pdf
    assert download["X-Report-SHA256"] == frozen.pdf_sha256
    assert "attachment" in download["Content-Disposition"]
    # The PDF is not copied into the history table.
    assert "pdf" not in {field.name for field in FrozenReport.history.model._meta.fields}

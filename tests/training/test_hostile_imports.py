"""Hostile import files through the real upload and preview views: a clear Dutch error, never
a server error or a worker busy for long, and a refused file never stays in the session."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ModuleFactory, StaffMemberFactory
from tests.hostile_files import csv_with_rows, xlsx_with_rows
from tests.html import page_text
from training import imports

pytestmark = pytest.mark.django_db

UPLOAD = reverse("training:completion_import")
PREVIEW = reverse("training:completion_import_preview")


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """Kept files of other tests do not count: each test sees only its own."""
    settings.MEDIA_ROOT = tmp_path


def upload(client, name, content):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def kept_files() -> list:
    directory = imports.import_directory()
    return list(directory.iterdir()) if directory.exists() else []


def assert_refused_on_upload(client, response, message):
    assert response.status_code == 200
    assert message in page_text(response.content.decode())
    assert "training_import" not in client.session
    assert kept_files() == []


def test_a_zip_bomb_xlsx_is_refused_before_it_is_parsed(staff_client):
    bomb = xlsx_with_rows(200_000)  # 27 MB of XML in a small file
    assert len(bomb) < 200_000
    started = time.monotonic()
    response = upload(staff_client, "export.xlsx", bomb)
    assert time.monotonic() - started < 5
    assert_refused_on_upload(staff_client, response, "pakt uit tot meer dan 20 MB")


def test_a_csv_with_too_many_rows_is_refused_on_upload(staff_client):
    response = upload(staff_client, "export.csv", csv_with_rows(imports.MAX_ROWS + 1))
    assert_refused_on_upload(staff_client, response, "meer dan 100.000 rijen")


def test_an_xlsx_claiming_a_million_rows_is_refused_without_reading_them(staff_client):
    upload(staff_client, "export.xlsx", xlsx_with_rows(3, dimension="A1:C1000001"))
    started = time.monotonic()
    response = staff_client.get(PREVIEW)
    assert time.monotonic() - started < 5
    text = page_text(response.content.decode())
    assert "Dit bestand kan niet geïmporteerd worden" in text
    assert "meer dan 100.000 rijen" in text
    assert "Het bestand werd verwijderd." in text


def test_a_sheet_with_too_many_rows_and_no_dimension_is_refused_and_discarded(staff_client):
    # Small enough to pass the size check on upload: the rows are counted while streaming.
    upload(staff_client, "export.xlsx", xlsx_with_rows(imports.MAX_ROWS + 1, row=b"<row/>"))
    assert len(kept_files()) == 1
    response = staff_client.get(PREVIEW)
    assert response.status_code == 200
    assert "meer dan 100.000 rijen" in page_text(response.content.decode())
    # Discarded: the next preview does not parse it again.
    assert "training_import" not in staff_client.session
    assert kept_files() == []
    again = page_text(staff_client.get(PREVIEW).content.decode())
    assert "Er wacht geen bestand om geïmporteerd te worden." in again


def test_cells_far_to_the_right_are_not_expanded(staff_client):
    StaffMemberFactory(staff_number="P1")
    ModuleFactory(code="hk-m1")
    far = b'<row><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'
    upload(staff_client, "export.xlsx", xlsx_with_rows(20_000, row=far))
    started = time.monotonic()
    response = staff_client.get(PREVIEW)
    assert response.status_code == 200
    assert time.monotonic() - started < 10


def test_a_csv_field_over_the_parsers_limit_gives_a_dutch_error(staff_client):
    content = b"personeelsnummer;module;datum\nP1;" + b"x" * 200_000 + b";01/02/2023\n"
    upload(staff_client, "export.csv", content)
    response = staff_client.get(PREVIEW)
    assert response.status_code == 200
    assert "Dit CSV-bestand kan niet gelezen worden." in page_text(response.content.decode())
    assert kept_files() == []


def test_a_damaged_xlsx_is_refused_on_upload(staff_client):
    response = upload(staff_client, "export.xlsx", b"PK\x03\x04 not really a zip")
    assert_refused_on_upload(staff_client, response, "Dit XLSX-bestand kan niet gelezen worden.")


def test_a_request_over_the_upload_limit_is_refused_before_its_body_is_read(staff_client):
    response = staff_client.post(
        UPLOAD,
        {"file": SimpleUploadedFile("export.csv", csv_with_rows(1))},
        CONTENT_LENGTH=str(50 * 1000 * 1000),
    )
    assert response.status_code == 413
    assert "groter dan de 10 MB" in page_text(response.content.decode())
    assert kept_files() == []

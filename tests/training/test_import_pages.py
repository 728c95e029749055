"""The import pages: upload, preview, confirm; the file stays on the server."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ModuleFactory, StaffMemberFactory
from training import imports
from training.models import Completion

pytestmark = pytest.mark.django_db


def upload(client, name, content):
    return client.post(
        reverse("training:completion_import"), {"file": SimpleUploadedFile(name, content)}
    )


def test_import_flow_preview_then_confirm(staff_client):
    StaffMemberFactory(staff_number="P1")
    ModuleFactory(code="hk-m1")
    response = upload(
        staff_client, "export.csv", b"personeelsnummer;module;datum\nP1;hk-m1;01/02/2023\n"
    )
    assert response.status_code == 302
    preview = staff_client.get(reverse("training:completion_import_preview"))
    assert preview.context["preview"].can_import
    assert not Completion.objects.exists()
    token = staff_client.session["training_import"]["token"]
    response = staff_client.post(reverse("training:completion_import_preview"), {"confirm": "1"})
    assert response.status_code == 302
    assert Completion.objects.get().method == "import"
    assert imports.stored_file(token) is None


def test_import_preview_never_trusts_a_token_from_the_client(staff_client):
    ModuleFactory(code="hk-m1")
    response = staff_client.post(
        reverse("training:completion_import_preview"),
        {"confirm": "1", "token": "a" * 32, "file": "../../etc/passwd"},
    )
    assert response.status_code == 302
    assert not Completion.objects.exists()


def test_an_import_with_errors_shows_them_and_confirming_imports_nothing(staff_client):
    StaffMemberFactory(staff_number="P1")
    ModuleFactory(code="hk-m1")
    upload(
        staff_client,
        "export.csv",
        b"personeelsnummer;module;datum\nP1;hk-m1;01/02/2023\nP2;hk-m1;01/02/2023\n",
    )
    content = staff_client.get(reverse("training:completion_import_preview")).content.decode()
    assert "Onbekend personeelsnummer “P2”." in content
    response = staff_client.post(
        reverse("training:completion_import_preview"), {"confirm": "1"}, follow=True
    )
    assert "er werd niets geïmporteerd" in response.content.decode()
    assert not Completion.objects.exists()


def test_a_wrong_file_type_is_refused_on_upload(staff_client):
    response = upload(staff_client, "export.pdf", b"%PDF-1.7")
    assert response.context["form"].errors["file"] == ["Laad een CSV- of XLSX-bestand op."]
    assert not list(imports.import_directory().glob("*.pdf"))


def test_a_malformed_file_shows_the_reason_in_the_preview(staff_client):
    upload(staff_client, "export.csv", io.BytesIO(b"naam\nAn\n").getvalue())
    content = staff_client.get(reverse("training:completion_import_preview")).content.decode()
    assert "Ontbrekende kolommen" in content

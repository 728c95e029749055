"""Import from the learning platform: preview, all-or-nothing, idempotent, hostile files."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from tests.factories import (
    CompletionFactory,
    ModuleFactory,
    ModulePrerequisiteFactory,
    SessionFactory,
    StaffMemberFactory,
)
from training import imports
from training.models import Completion, Module, StaffMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    link = ModulePrerequisiteFactory(
        required=ModuleFactory(code="hk-m1"),
        module=ModuleFactory(code="hk-m2", kind=Module.Kind.VR),
    )
    StaffMemberFactory(staff_number="P001")
    StaffMemberFactory(staff_number="P002")
    return link


def kept(name: str, content: bytes):
    token = imports.store_upload(SimpleUploadedFile(name, content))
    return imports.stored_file(token)


def csv_file(*lines: str, name="export.csv"):
    return kept(name, ("\n".join(lines) + "\n").encode())


def test_preview_classifies_rows_and_writes_nothing(known):
    p002 = StaffMember.objects.get(staff_number="P002")
    CompletionFactory(staff=p002, module=known.required, completed_on=datetime.date(2023, 1, 5))
    future = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    path = csv_file(
        "personeelsnummer;module;datum;sessie",
        "P001;hk-m1;12/01/2023;",
        "P002;hk-m1;2023-01-05;",
        "P999;hk-m1;12/01/2023;",
        "P001;hk-zz;12/01/2023;",
        f"P001;hk-m2;{future};",
        "P001;hk-m2;31/02/2023;",
        "P001;hk-m1;13/01/2023;",
        "P002;hk-m2;2023-02-01;",
    )
    result = imports.preview(path)
    assert len(result.to_add) == 2
    assert result.unchanged == 1
    assert [(error.row_number, error.reason) for error in result.errors] == [
        (4, "Onbekend personeelsnummer “P999”."),
        (5, "Onbekende module “hk-zz”."),
        (6, "De voltooiingsdatum ligt in de toekomst."),
        (7, "“31/02/2023” is geen datum (schrijf 19/02/2024 of 2024-02-19)."),
        (8, "Zelfde personeelslid, module en geldigheidsperiode als rij 2."),
    ]
    assert not Completion.objects.filter(method="import").exists()


def test_confirm_refuses_a_file_with_errors_and_imports_nothing(known):
    path = csv_file(
        "personeelsnummer,module,datum", "P001,hk-m1,2023-01-12", "P999,hk-m1,2023-01-12"
    )
    with pytest.raises(ValidationError) as refused:
        imports.confirm(path, actor=None)
    assert refused.value.messages == [
        "Het bestand heeft 1 rij met fouten: er werd niets geïmporteerd."
    ]
    assert Completion.objects.count() == 0


def test_confirm_imports_everything_with_history_and_a_reimport_adds_nothing(known, police_user):
    session = SessionFactory(module=known.module)
    path = csv_file(
        "personeelsnummer,module,datum,sessie",
        "P001,hk-m2,2023-01-10,",
        "P001,hk-m1,2023-01-12,",
        f"P002,hk-m2,2023-03-01,{session.pk}",
    )
    assert imports.confirm(path, actor=police_user) == 3
    early = Completion.objects.get(staff__staff_number="P001", module=known.module)
    assert early.before_prerequisite is True
    assert early.recorded_by == police_user
    assert early.history.get().history_user == police_user
    assert Completion.objects.get(session=session).before_prerequisite is True
    again = imports.preview(path)
    assert (len(again.to_add), again.unchanged, again.errors) == (0, 3, [])
    assert imports.confirm(path, actor=police_user) == 0
    assert Completion.objects.count() == 3


def test_an_xlsx_export_with_date_cells_and_numeric_staff_numbers(known, police_user):
    StaffMemberFactory(staff_number="12345")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Personeelsnummer", "Module", "Datum"])
    sheet.append([12345, "hk-m1", datetime.datetime(2023, 5, 4)])
    sheet.append(["P001", "hk-m1", "04/05/2023"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert imports.confirm(kept("export.xlsx", buffer.getvalue()), actor=police_user) == 2
    assert Completion.objects.get(staff__staff_number="12345").completed_on == datetime.date(
        2023, 5, 4
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.csv", b"", "Het bestand is leeg."),
        (
            "kop.csv",
            b"personeelsnummer;module;datum\n",
            "Het bestand bevat geen rijen om te importeren.",
        ),
        (
            "kolommen.csv",
            b"naam;cursus\nAn;hk-m1\n",
            "Ontbrekende kolommen: personeelsnummer, module, datum.",
        ),
        (
            "latin1.csv",
            "personeelsnummer;module;datum\nP001;hk-m1;é\n".encode("cp1252"),
            "geen UTF-8",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_dutch_reason(known, name, content, message):
    path = kept(name, content)
    with pytest.raises(ValidationError) as refused:
        imports.confirm(path, actor=None)
    assert message in refused.value.messages[0]
    assert Completion.objects.count() == 0


def test_a_damaged_xlsx_is_refused_before_it_is_kept(known, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Its zip directory is read on upload (the size bound), so it never waits for a preview.
    with pytest.raises(ValidationError) as refused:
        kept("kapot.xlsx", b"PK\x03\x04 not really a workbook")
    assert refused.value.messages == ["Dit XLSX-bestand kan niet gelezen worden."]
    assert list(imports.import_directory().glob("*.xlsx")) == []


def test_a_formula_in_a_cell_is_only_data_and_refused_as_unknown(known):
    result = imports.preview(
        csv_file("personeelsnummer;module;datum", "=cmd|' /C calc'!A0;hk-m1;2023-01-01")
    )
    assert result.errors[0].reason == "Onbekend personeelsnummer “=cmd|' /C calc'!A0”."
    assert not result.can_import


def test_other_file_types_are_refused_on_upload():
    with pytest.raises(ValidationError) as refused:
        imports.store_upload(SimpleUploadedFile("export.html", b"<script>"))
    assert refused.value.messages == ["Laad een CSV- of XLSX-bestand op."]


@pytest.mark.parametrize("token", [None, "", "../../etc/passwd", "a" * 31, "a" * 32])
def test_a_token_names_a_kept_file_or_nothing(token):
    assert imports.stored_file(token) is None

"""Shared building blocks: export escaping and upload validation."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from profiling_followup.exports import escape_formula
from profiling_followup.uploads import validate_document


@pytest.mark.parametrize(
    ("cell", "exported"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+32 9 266 61 11", "'+32 9 266 61 11"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Dienst Operationele Acties", "Dienst Operationele Acties"),
        (714, 714),
    ],
)
def test_spreadsheet_formulas_are_neutralised(cell, exported):
    assert escape_formula(cell) == exported


def test_a_real_pdf_is_accepted():
    validate_document(SimpleUploadedFile("besluit.pdf", b"%PDF-1.7\n...", "application/pdf"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pagina.html", b"<html><script>alert(1)</script>", "Dit bestandstype wordt niet aanvaard"),
        ("besluit.pdf", b"<html>not a pdf</html>", "komt niet overeen met de extensie .pdf"),
        ("foto.PNG", b"GIF89a....", "komt niet overeen met de extensie .png"),
        ("groot.pdf", b"%PDF-" + b"0" * 10_000_001, "Het bestand is te groot"),
    ],
)
def test_wrong_uploads_are_refused_with_a_dutch_reason(name, content, message):
    with pytest.raises(ValidationError) as refused:
        validate_document(SimpleUploadedFile(name, content))
    assert message in refused.value.messages[0]

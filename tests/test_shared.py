"""Shared building blocks: export escaping, upload validation, widgets and columns."""

import datetime
import decimal
import re

import django_tables2 as tables
import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from core.exports import escape_formula
from core.tables import DateColumn, DateTimeColumn
from core.uploads import validate_document
from core.widgets import LongSelect


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


@pytest.mark.parametrize("value", [None, "2", ["2"]])
def test_the_long_select_renders_what_the_select_template_renders(value):
    choices = [("", "---------"), (1, 'Dienst <A> & "B"'), (2, "Wijk 2"), (3, "Wijk '3'")]
    attrs = {"id": "id_unit", "required": True, "disabled": False, "aria-describedby": "help"}
    assert LongSelect(choices=choices).render("unit", value, attrs) == forms.Select(
        choices=choices
    ).render("unit", value, attrs)


class DatesTable(tables.Table):
    day = DateColumn()
    moment = DateTimeColumn(short=False)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_date_columns_show_what_the_date_filter_shows(language):
    day = datetime.date(2024, 2, 19)
    moment = datetime.datetime(2024, 2, 19, 23, 30, tzinfo=datetime.UTC)  # 20/02 in Brussels
    table = DatesTable([{"day": day, "moment": moment}, {"day": None, "moment": None}])
    with translation.override(language):
        expected = Template(
            '{{ day|date:"SHORT_DATE_FORMAT" }}|{{ moment|date:"DATETIME_FORMAT" }}'
        ).render(Context({"day": day, "moment": moment}))
        filled, empty = table.rows
        assert f"{filled.get_cell('day')}|{filled.get_cell('moment')}" == expected
        assert [empty.get_cell("day"), empty.get_cell("moment")] == ["—", "—"]
        # Exports: ISO dates, and the same dash as django-tables2's template columns.
        assert [filled.get_cell_value("day"), empty.get_cell_value("moment")] == [
            "2024-02-19",
            "—",
        ]


class PeopleTable(tables.Table):
    name = tables.Column(attrs={"td": {"class": "quote"}})
    amount = tables.Column()
    day = DateColumn()


def table_body(template_name, rows, empty_text=None) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = get_template(template_name).render(
        {"table": PeopleTable(rows, empty_text=empty_text)}, request
    )
    body = html[html.index("<tbody") : html.index("</tbody>")]
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", body)).replace(" >", ">")


@pytest.mark.parametrize(
    "rows",
    [
        [
            {"name": "<b>Jan</b> & co", "amount": decimal.Decimal("1234.50"), "day": None},
            {"name": None, "amount": 3, "day": datetime.date(2024, 2, 19)},
        ],
        [],
    ],
)
def test_the_table_rows_tag_renders_what_django_tables2_renders(rows):
    with translation.override("nl"):
        ours = table_body("includes/table.html", rows, empty_text="Geen rijen.")
        theirs = table_body("django_tables2/table.html", rows, empty_text="Geen rijen.")
    assert ours == theirs
    assert ("&lt;b&gt;Jan&lt;/b&gt; &amp; co" in ours) == bool(rows)
    assert ("1234,50" in ours) == bool(rows)

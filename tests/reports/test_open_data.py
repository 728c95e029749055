"""Open data: aggregate figures and recommendation statuses, no personal data."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CompletionFactory,
    ExecutionFactory,
    RecommendationFactory,
    StaffMemberFactory,
)


@pytest.fixture
def records(db):
    RecommendationFactory(code="R1", text="=cmd|' /C calc'!A0", police_status="lopend")
    member = StaffMemberFactory(name="Jan Geheimnaam", staff_number="P123456")
    CompletionFactory(staff=member)
    # Within "this year", which the open figures cover, whatever today is.
    new_year = timezone.localtime().replace(month=1, day=1, hour=0, minute=30)
    ExecutionFactory(persons_checked=2, decision__authorisation__starts_at=new_year)


def test_the_json_figures_carry_no_names_and_suppress_small_numbers(records, council_client):
    response = council_client.get(reverse("open_data_json"))
    assert response["Content-Type"].startswith("application/json")
    body = response.content.decode()
    assert "Geheimnaam" not in body and "P123456" not in body
    figures = json.loads(body)
    assert figures["recommendations"]["by_police_status"]["lopend"] == 1
    (module,) = figures["training"]["modules"]
    assert module["staff_trained"] == "x"
    persons = [kind["persons_checked"] for kind in figures["id_checks"]["by_kind"].values()]
    assert "x" in persons and 2 not in persons


def test_the_recommendation_csv_escapes_spreadsheet_formulas(records, council_client):
    response = council_client.get(reverse("open_data_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["code", "theme", "text"]
    (row,) = rows[1:]
    assert row[0] == "R1"
    assert row[2].startswith("'=")
    assert row[5] == "lopend"

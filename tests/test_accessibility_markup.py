"""What a screen reader user gets in the HTML (issue 15): the error title and summary after
a failed submit, yes/no cells in words, "< 5" as text. The browser sweep
(tests/browser/test_accessibility.py) checks the same pages with axe-core and the focus."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import DecisionFactory, ExecutionFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
ERROR_SUMMARY = '<div class="error-summary" role="alert" tabindex="-1" id="error-summary">'
FOCUS_SCRIPT = '<script src="/static/js/error-summary.js" defer></script>'


def title_of(response) -> str:
    return TITLE.search(response.content.decode()).group(1)


def test_a_form_sent_back_with_errors_says_so_first_in_its_title(staff_client):
    url = reverse("recommendations:action_create")
    assert not title_of(staff_client.get(url)).startswith("Fout:")

    response = staff_client.post(url, {})

    assert response.status_code == 200
    assert title_of(response) == "Fout: Nieuwe actie · Professioneel profileren"
    content = response.content.decode()
    # The summary can take the focus, and the static script gives it (no inline script).
    assert ERROR_SUMMARY in content
    assert FOCUS_SCRIPT in content


def test_a_failed_login_says_so_in_english_too(client):
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert title_of(response).startswith("Error: Log in")


def test_an_import_file_with_wrong_rows_gives_an_error_title_and_summary(staff_client):
    StaffMemberFactory(staff_number="P001")
    upload = SimpleUploadedFile("export.csv", b"personeelsnummer;module;datum\nP999;x;1/1/2023\n")
    staff_client.post(reverse("training:completion_import"), {"file": upload})

    response = staff_client.get(reverse("training:completion_import_preview"))

    assert title_of(response).startswith("Fout: Voorbeeld van de import")
    assert 'class="error-summary" role="alert" tabindex="-1" id="error-summary"' in (
        response.content.decode()
    )


def test_yes_and_no_cells_say_yes_and_no_to_screen_readers(staff_client):
    StaffMemberFactory(name="Actieve collega", active=True)
    StaffMemberFactory(name="Vertrokken collega", active=False)

    content = staff_client.get(reverse("training:staff_list")).content.decode()

    yes = '<span aria-hidden="true">✔</span><span class="visually-hidden">ja</span>'
    no = '<span aria-hidden="true">✘</span><span class="visually-hidden">nee</span>'
    assert content.count(yes) == 1
    assert content.count(no) == 1


def test_an_unknown_yes_or_no_stays_a_dash(staff_client):
    """Applied or not is unknown until the execution is recorded."""
    DecisionFactory()
    ExecutionFactory()

    content = staff_client.get(reverse("id_checks:authorisation_list")).content.decode()

    assert content.count('<span class="visually-hidden">ja</span>') == 1
    assert "<td >toegestaan</td><td >—</td>" in content


def test_the_summary_explains_hidden_figures_without_a_raw_less_than(council_client):
    content = council_client.get(reverse("id_checks:summary")).content.decode()
    assert "“x” verbergt een aantal onder 5" in content
    assert "< 5" not in content

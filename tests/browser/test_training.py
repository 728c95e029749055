import pytest
from playwright.sync_api import expect

from core.roles import POLICE_STAFF
from tests.browser.conftest import screenshot
from tests.conftest import make_user
from tests.factories import ModuleFactory, StaffMemberFactory, UnitHeadcountFactory
from training.models import Completion

HEADER = b"personeelsnummer;module;datum\n"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_completions_preview_then_confirm(login, page, live_server):
    make_user(POLICE_STAFF, "agent")
    member = StaffMemberFactory(staff_number="P0001")
    UnitHeadcountFactory(unit=member.unit, headcount=10)
    ModuleFactory(code="hk-m1", name="Module 1 (theorie)", mandatory=True)
    login("agent")
    page.get_by_role("link", name="Opleiding").click()
    page.get_by_role("link", name="Import uit het leerplatform").click()
    page.get_by_label("Export van het leerplatform").set_input_files(
        files=[
            {
                "name": "export.csv",
                "mimeType": "text/csv",
                "buffer": HEADER + b"P0001;hk-m1;02/02/2023\nP9999;hk-m1;02/02/2023\n",
            }
        ]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("Onbekend personeelsnummer “P9999”.")
    expect(page.get_by_role("button", name="deelname importeren")).to_have_count(0)
    screenshot(page, "training-import-errors")
    page.get_by_role("button", name="Dit bestand verwerpen").click()

    page.get_by_label("Export van het leerplatform").set_input_files(
        files=[
            {
                "name": "export.csv",
                "mimeType": "text/csv",
                "buffer": HEADER + b"P0001;hk-m1;02/02/2023\n",
            }
        ]
    )
    page.get_by_role("button", name="Bestand controleren").click()
    assert not Completion.objects.exists()
    page.get_by_role("button", name="1 deelname importeren").click()
    expect(page.get_by_role("status").first).to_contain_text("geïmporteerd uit export.csv")
    assert Completion.objects.get().staff == member

    page.get_by_role("link", name="Opleidingsgraad").first.click()
    expect(
        page.get_by_role("img", name="Opgeleide collega's, cumulatief per maand")
    ).to_be_visible()
    expect(page.locator("table").first).to_contain_text("10,0%")
    screenshot(page, "training-coverage")

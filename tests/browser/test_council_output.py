"""The dashboard and the committee report as a council member reads them in Chromium, on a
desktop (1280 px) and a phone (390 px), on the demo data of the committee of 19/02/2024
(loaded once per test, which reads both widths). Screenshots of each go to
test-results/screenshots/ (council-<page>-<width>.png)."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


@pytest.fixture
def council_member(login):
    call_command("load_demo", stdout=io.StringIO())
    return login("raadslid", "demo-raadslid-2024")


def test_the_dashboard_opens_on_the_follow_up_with_its_presets(council_member, page, live_server):
    for width in WIDTHS:
        dashboard_with_presets(page, width, live_server.url)


def dashboard_with_presets(page, width: int, live_url: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_url}/")
    presets = page.get_by_role("navigation", name="Periode")
    expect(presets.get_by_role("link", name="Alles")).to_have_attribute("aria-current", "true")
    expect(page.locator("#figure-authorisations")).not_to_have_text("0")
    expect(page.locator("figure.chart svg")).to_have_count(3)
    screenshot(page, f"council-dashboard-{width}")

    presets.get_by_role("link", name="Dit jaar").click()
    expect(presets.get_by_role("link", name="Dit jaar")).to_have_attribute("aria-current", "true")
    expect(page.locator("#period-shown")).to_contain_text("Dit jaar")
    screenshot(page, f"council-dashboard-this-year-{width}")


def test_the_report_reads_by_theme_and_downloads_as_pdf(council_member, page, live_server):
    for width in WIDTHS:
        report_by_theme_and_pdf(page, width, live_server.url)


def report_by_theme_and_pdf(page, width: int, live_url: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_url}/report/?date=2024-02-19")
    contents = page.get_by_role("navigation", name="Inhoud")
    contents.get_by_role("link", name="Intervisie en blijvende reflectie en verbeteren").click()
    expect(page).to_have_url(re.compile(r"#report-theme-3$"))
    expect(page.get_by_role("heading", level=3).nth(2)).to_have_text(
        "Intervisie en blijvende reflectie en verbeteren"
    )
    screenshot(page, f"council-report-{width}")

    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als pdf (A4)").click()
    assert download.value.suggested_filename == (
        "20240219_commissierapport-opvolging-professioneel-profileren.pdf"
    )
    reader = PdfReader(download.value.path())
    assert any("714 collega's volgden" in pdf_page.extract_text() for pdf_page in reader.pages)

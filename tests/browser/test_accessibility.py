"""Every page, for each role, in Chromium: WCAG 2.1 A and AA (axe-core) at 1280 and 390 px,
no sideways scrolling at 320 px (WCAG 1.4.10 reflow), headings in order, focus rings at 3:1,
and for form pages the same after a failed submit, with the focus on the error summary.

The pages come from tests/pages.py (the permission matrix's routes, with the demo data), so
a new page is swept without a change here. Each page is loaded once: the viewport is resized
and axe run again. One test per role, so that the demo data is loaded once per role.
Screenshots of every council page at both widths land in test-results/screenshots/; what
each page showed is written to test-results/accessibility/ as JSON.
"""

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser import a11y
from tests.browser.conftest import screenshot
from tests.pages import SWEPT_ROLES, load_demo_users, pages_for, session_cookie, slug

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, PHONE, NARROW = 1280, 390, 320
RESULTS = Path("test-results") / "accessibility"
# Violations in the Django admin's own markup and style sheet (Django 5.2), not in ours:
# documented in docs/accessibility.md. Any other violation on these pages fails the sweep.
DJANGO_ADMIN_KNOWN = {
    # The breadcrumbs' links are told apart from the "›" between them by colour only;
    # filter_horizontal's search icon has an aria-label on a <span> without a role; the
    # tabular inline scrolls sideways on a phone but takes no focus.
    "admin:action_change": {
        "link-in-text-block",
        "aria-prohibited-attr",
        "scrollable-region-focusable",
    },
    # AdminSplitDateTime: the date and the time inputs have no <label> of their own.
    "admin:authorisation_add": {"label"},
}


def layout_checks(page, widths=(WIDE, PHONE), shots: str | None = None) -> dict:
    """axe at each width (one load, resized), reflow at 320 px, then headings and focus."""
    result = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        result[f"axe_{width}"] = a11y.axe_violations(page, contrast=width == WIDE)
        if shots:
            screenshot(page, f"{shots}-{width}")
    page.set_viewport_size({"width": NARROW, "height": 900})
    result["overflow_320"] = a11y.overflow(page)
    page.set_viewport_size({"width": WIDE, "height": 900})
    result["headings"] = a11y.heading_problems(page)
    result["loose_tables"] = a11y.loose_tables(page)
    result["focus"] = a11y.focus_ring_problems(page)
    return result


def failed_submit(page) -> dict | None:
    """Submit the page's form empty; the checks of the page with its errors, if it shows any."""
    submit = page.locator("main form[method=post] [type=submit]").first
    if not submit.count():
        return None
    submit.click()
    page.wait_for_load_state()
    if not page.locator("#error-summary").count():
        return None
    focused = page.evaluate("document.activeElement.id")
    result = {"focus_on_summary": focused == "error-summary", "title": page.title()}
    # The page with its errors is the same template: axe at one width is enough here.
    result.update(layout_checks(page, widths=(WIDE,)))
    return result


def sweep_page(page, live_url: str, entry, role: str) -> dict | None:
    started = time.perf_counter()
    try:
        response = page.goto(live_url + entry.url)
    except PlaywrightError as error:
        if "Download is starting" in error.message:
            return None  # a file, not a page
        raise
    if not response.headers.get("content-type", "").startswith("text/html"):
        return None
    result = {"page": entry.id, "url": entry.url, "status": response.status}
    shots = f"council-{slug(entry.id)}" if role == "council" else None
    result.update(layout_checks(page, shots=shots))
    if entry.form and role == "police":
        result["after_failed_submit"] = failed_submit(page)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def problems_of(result: dict, expected_status: int) -> list[str]:
    problems = []
    if result["status"] != expected_status:
        problems.append(f"status {result['status']}")
    for width in (WIDE, PHONE):
        for violation in result.get(f"axe_{width}", []):
            if violation["id"] in DJANGO_ADMIN_KNOWN.get(result["page"], ()):
                continue
            problems.append(f"axe {width}px {violation['id']}: {violation['nodes']}")
    if result["overflow_320"]:
        problems.append(f"scrolls sideways at 320px: {result['overflow_320']}")
    problems += [f"heading {problem}" for problem in result["headings"]]
    if not result["page"].startswith("admin:"):  # the Django admin's tables are not ours
        problems += [f"table not in a named region: {table}" for table in result["loose_tables"]]
    problems += [f"focus ring {problem}" for problem in result["focus"]]
    errors = result.get("after_failed_submit")
    if errors:
        if not errors["focus_on_summary"]:
            problems.append("after a failed submit the focus is not on the error summary")
        if not errors["title"].startswith("Fout:"):
            problems.append(f"after a failed submit the title is “{errors['title']}”")
        problems += [
            f"with errors: {problem}"
            for problem in problems_of(
                errors | {"page": result["page"], "status": expected_status}, expected_status
            )
        ]
    return problems


@pytest.mark.parametrize("role", SWEPT_ROLES)
def test_every_page_is_accessible_and_reflows(role, browser, live_server):
    users = load_demo_users()
    pages = pages_for(role)
    context = browser.new_context(locale="nl-BE", bypass_csp=True)
    context.add_init_script(path=a11y.AXE_SCRIPT_PATH)
    if role != "anonymous":
        name, value = session_cookie(users[role])
        context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
    page = context.new_page()
    results, failures = [], {}
    for entry in pages:
        result = sweep_page(page, live_server.url, entry, role)
        if result is None:
            continue
        results.append(result)
        problems = problems_of(result, entry.status)
        if problems:
            failures[f"{entry.id} ({entry.url})"] = problems
    context.close()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{role}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    assert results, "no page was swept"
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)

import pytest
from playwright.sync_api import expect

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from tests.browser.conftest import screenshot
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("role", "username", "sees_admin"),
    [
        (POLICE_STAFF, "agent", False),
        (COUNCIL_MEMBER, "raadslid", False),
        (ADMINISTRATOR, "beheerder", True),
    ],
)
def test_each_role_logs_in_and_sees_its_navigation(login, page, role, username, sees_admin):
    make_user(role, username)
    login(username)
    navigation = page.get_by_role("navigation", name="Hoofdnavigatie")
    expect(navigation.get_by_role("link", name="Dashboard")).to_be_visible()
    expect(navigation.get_by_role("link", name="Beheer")).to_have_count(1 if sees_admin else 0)
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    screenshot(page, f"navigation-{username}")


def test_wrong_password_shows_the_error_summary(login, page):
    make_user(POLICE_STAFF, "agent")
    login("agent", "verkeerd-wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("Voer een juiste gebruikersnaam")

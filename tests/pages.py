"""Every page of the project per role, with the demo data: for the accessibility sweep
(tests/browser/test_accessibility.py) and the HTML validation (tests/test_html_validity.py).

The list is built from the permission matrix's routes (tests/matrix.py ALL_ROUTES): a new
route is swept as soon as it has its entry there. Exports are files, not pages; other
downloads are recognised by their response (not HTML) and left out by the sweeps.
"""

import io
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from profiling_followup.demo import DEMO_ACCOUNTS
from tests.matrix import ALL_ROUTES, url_of

ROLE_GROUPS = {"police": POLICE_STAFF, "council": COUNCIL_MEMBER, "admin": ADMINISTRATOR}
SWEPT_ROLES = ("anonymous", *ROLE_GROUPS)


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    # A form page: the sweeps also submit it empty and check the page with its errors.
    form: bool = False
    status: int = 200


def slug(page_id: str) -> str:
    """A file name for a page's id."""
    return re.sub(r"[^a-z0-9]+", "-", page_id.lower()).strip("-")


def load_demo_users() -> dict:
    """The demo data of the committee of 19/02/2024, and its account per role."""
    from recommendations.models import Theme
    from tests.factories import ThemeFactory

    call_command("load_demo", stdout=io.StringIO())
    # The routes' factories add their rows after the demo's (positions are unique).
    ThemeFactory.reset_sequence(Theme.objects.count() + 1)
    usernames = {group: username for username, _, group, *_ in DEMO_ACCOUNTS}
    User = get_user_model()
    return {
        role: User.objects.get(username=usernames[group]) for role, group in ROLE_GROUPS.items()
    }


def demo_detail_pages() -> list[Page]:
    """Detail pages of the demo's fullest records: long texts, timelines, many actions."""
    from django.db.models import Count

    from id_checks.models import Authorisation
    from recommendations.models import Action, Recommendation

    recommendation = Recommendation.objects.annotate(n=Count("actions")).latest("n", "pk")
    action = Action.objects.annotate(n=Count("updates")).latest("n", "pk")
    authorisation = Authorisation.objects.filter(decision__execution__evaluation__isnull=False)
    return [
        Page("demo:recommendation_detail", recommendation.get_absolute_url()),
        Page("demo:action_detail", action.get_absolute_url()),
        Page("demo:authorisation_detail", authorisation.latest("pk").get_absolute_url()),
    ]


def admin_pages() -> list[Page]:
    """A change list and change and add forms of the Django admin (not in ALL_ROUTES)."""
    from recommendations.models import Action

    action = Action.objects.order_by("pk").first()
    return [
        Page("admin:index", reverse("admin:index")),
        Page("admin:action_changelist", reverse("admin:recommendations_action_changelist")),
        Page(
            "admin:action_change", reverse("admin:recommendations_action_change", args=[action.pk])
        ),
        Page("admin:authorisation_add", reverse("admin:id_checks_authorisation_add")),
    ]


def one_unit(page: Page) -> Page:
    """The attendance form lists every colleague, 800 with the demo data: the sweeps open it
    for one unit, through its own unit filter as police staff do, since 800 alike checkboxes
    take most of the sweep's time and add nothing to what it checks."""
    if page.id != "training:session_attendance":
        return page
    from training.models import Unit

    unit = Unit.objects.filter(staff__active=True).order_by("pk").first()
    return Page(page.id, f"{page.url}?unit={unit.pk}", page.form, page.status)


def pages_for(role: str) -> list[Page]:
    """The pages `role` may open; building a URL creates the rows it needs."""
    if role == "anonymous":
        return [Page("login", reverse("login"))]
    pages = [
        one_unit(Page(route.id, url_of(route), form=route.write))
        for route in ALL_ROUTES
        if role in route.allowed and "_export=" not in route.query
    ]
    pages += demo_detail_pages()
    if role == "council":
        # What a council member meets at a write URL: the 403 page, and a 404 page.
        refused = next(route for route in ALL_ROUTES if role not in route.allowed)
        pages += [
            Page("403", url_of(refused), status=403),
            Page("404", "/bestaat-niet/", status=404),
        ]
    if role == "admin":
        pages += admin_pages()
    return pages


def session_cookie(user) -> tuple[str, str]:
    """A logged-in session for `user`, as the login form would give it (name, value)."""
    client = Client()
    client.force_login(user)
    cookie = next(iter(client.cookies.values()))
    return cookie.key, cookie.value

"""Every authenticated response says `Cache-Control: private, no-store`: every route of the
permission matrix (pages, CSV/XLSX exports, document and report downloads) and the admin."""

import pytest
from django.urls import reverse

from tests.matrix import ALL_ROUTES, url_of

pytestmark = pytest.mark.django_db


def assert_private_no_store(response, url):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (url, response.get("Cache-Control"))
    assert "public" not in directives, url


@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda route: route.id)
def test_every_route_is_private_and_not_stored(route, role_clients):
    # One role that may open the route: council members where they may, else police staff.
    role = next(role for role in ("council", "police", "admin") if role in route.allowed)
    url = url_of(route)
    response = role_clients[role].get(url)
    assert response.status_code == 200, url
    assert_private_no_store(response, url)


def test_refusals_and_the_admin_are_private_too(council_client, admin_client):
    for client, url in (
        (council_client, reverse("training:staff_list")),  # 403
        (admin_client, "/admin/"),
        (admin_client, "/admin/auth/user/"),
    ):
        assert_private_no_store(client.get(url), url)


def test_the_login_page_is_not_stored_either(client):
    response = client.get(reverse("login"))
    assert "no-store" in response["Cache-Control"]

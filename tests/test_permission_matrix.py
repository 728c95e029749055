import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from tests.matrix import ALL_ROUTES, url_of
from tests.permissions import PUBLIC_NAMES, REDIRECT_NAMES, ROLES, all_url_names


def database_state() -> dict[str, int]:
    """Rows per table, history included: a refused write leaves every count as it was."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def refused_post(client, url):
    before = database_state()
    response = client.post(url, {})
    assert database_state() == before
    return response


def test_every_url_of_the_project_is_in_the_matrix():
    covered = {route.name for route in ALL_ROUTES} | PUBLIC_NAMES | REDIRECT_NAMES
    missing = sorted(all_url_names() - covered)
    assert not missing, f"URLs without an entry in a tests/<app>/routes.py: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda route: route.id)
def test_anonymous_users_are_sent_to_login(route, client):
    url = url_of(route)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    if route.write:
        response = refused_post(client, url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ALL_ROUTES, ids=lambda route: route.id)
def test_each_role_gets_exactly_what_it_may(route, role, role_clients):
    client = role_clients[role]
    url = url_of(route)
    response = client.get(url)
    if role in route.allowed:
        assert response.status_code == 200, f"{role} should open {url}"
    else:
        assert response.status_code == 403, f"{role} must be refused {url}"
        if route.write:
            assert refused_post(client, url).status_code == 403


@pytest.mark.django_db
def test_a_user_without_a_role_is_refused_everywhere(client, django_user_model):
    user = django_user_model.objects.create_user("zonderrol", password="x-long-password-1")
    client.force_login(user)
    for route in ALL_ROUTES:
        if not route.needs_role:
            continue
        assert client.get(url_of(route)).status_code == 403, route.name
